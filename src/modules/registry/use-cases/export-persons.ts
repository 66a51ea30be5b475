import { sql } from 'kysely';
import { maskPhone } from '../../../platform/crypto/index.js';
import { maskIdNumber } from '../../../shared/identity/index.js';
import { covers, requirePermission, type Actor } from '../../access/index.js';
import { divisionName, townshipOf } from '../../divisions/index.js';
import { factRepository } from '../infra/fact.repository.js';
import { decryptPerson, personRepository } from '../infra/person.repository.js';
import type { RegistryContext } from '../registry-context.js';

/** One person as a list sent to another department shows them: masked unless `full`. */
export interface ExportPerson {
  id: number;
  county: string;
  name: string;
  /** First 6 and last 4 digits, or the whole number when `full`. */
  idNumber: string;
  sex: 'male' | 'female';
  /** The whole birth date when `full`; else only its year (with the masked number it would give the number away). */
  birthDate: string;
  /** The whole birth date, for working out an age (e.g. a 就业困难人员 category); never to be written masked. */
  ageBasis: string;
  residenceDivision: string;
  /** 万元店镇佐杖子村: the township's and the village's names. */
  residenceName: string;
  /** Masked (138****5678) unless `full`; '' when unknown. */
  phone: string;
}

/** A division's name as a receiving office reads it: township and village, e.g. 万元店镇佐杖子村. */
export function placeName(code: string): string {
  const own = divisionName(code) ?? code;
  if (code.length <= 9) return own;
  const town = townshipOf(code)?.name;
  return town && !own.startsWith(town) ? town + own : own;
}

/**
 * Persons for a list exported to another department (exchange module), in pages of 1,000: only those
 * within the actor's jurisdiction (the others are left out as if they did not exist). Full ID numbers,
 * birth dates and phones need `registry.reveal`; the caller asks for a reason and audits the export.
 */
export async function personsForExport(
  ctx: RegistryContext,
  actor: Actor,
  ids: readonly number[],
  opts: { full: boolean },
): Promise<Map<number, ExportPerson>> {
  requirePermission(actor, 'registry.read');
  if (opts.full) requirePermission(actor, 'registry.reveal');
  const out = new Map<number, ExportPerson>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 1000) {
    for (const row of await personRepository.findByIds(ctx.db, unique.slice(i, i + 1000))) {
      if (!covers(actor, row.residence_division)) continue;
      const p = decryptPerson(ctx.cipher, row);
      out.set(Number(p.id), {
        id: Number(p.id),
        county: p.county,
        name: p.name,
        idNumber: opts.full ? p.idNumber : maskIdNumber(p.idNumber),
        sex: p.sex as 'male' | 'female',
        birthDate: opts.full ? p.birthDate : p.birthDate.slice(0, 4),
        ageBasis: p.birthDate,
        residenceDivision: p.residenceDivision,
        residenceName: placeName(p.residenceDivision),
        phone: p.phone === null ? '' : opts.full ? p.phone : maskPhone(p.phone),
      });
    }
  }
  return out;
}

/** A yes-fact in force for a person on a day, with where it came from. */
export interface PersonWithFact {
  personId: number;
  county: string;
  validFrom: string;
  sourceKind: string;
  sourceRef: string | null;
}

/**
 * Persons living within the actor's jurisdiction for whom a yes/no fact of their own holds on a day
 * (e.g. `employmentDifficulty`: identified as 就业困难人员), with the day it began and its source: the
 * list behind an export. Ordered by the day it began, then person.
 */
export async function personsWithFact(
  ctx: Pick<RegistryContext, 'db'>,
  actor: Actor,
  q: { fact: string; asOf: string },
): Promise<PersonWithFact[]> {
  requirePermission(actor, 'registry.read');
  const county = actor.division.length >= 6 ? sql`AND p.county = ${actor.division.slice(0, 6)}` : sql``;
  const r = await sql<{
    person_id: number;
    county: string;
    valid_from: string;
    source_kind: string;
    source_ref: string | null;
  }>`
    SELECT p.id AS person_id, p.county, f.valid_from, f.source_kind, f.source_ref
      FROM facts f
      JOIN persons p ON p.county = f.county AND p.id = f.subject_id
     WHERE f.subject_type = 'person' AND f.name = ${q.fact} AND f.value = 'true'::jsonb
       AND f.superseded_at IS NULL AND f.valid_from <= ${q.asOf}
       AND (f.valid_to IS NULL OR f.valid_to > ${q.asOf})
       AND p.residence_division LIKE ${actor.division + '%'} ${county}
     ORDER BY f.valid_from, p.id`.execute(ctx.db);
  const seen = new Set<number>();
  const out: PersonWithFact[] = [];
  for (const row of r.rows) {
    const id = Number(row.person_id);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      personId: id,
      county: row.county,
      validFrom: String(row.valid_from),
      sourceKind: row.source_kind,
      sourceRef: row.source_ref,
    });
  }
  return out;
}

/**
 * Some facts of many persons on a day (their own, else their household's), by name: what an export
 * needs to say which 就业困难人员 category a person falls in. Persons outside the jurisdiction are left out.
 */
export async function personFactsOn(
  ctx: RegistryContext,
  actor: Actor,
  ids: readonly number[],
  asOf: string,
  names: readonly string[],
): Promise<Map<number, Record<string, unknown>>> {
  requirePermission(actor, 'registry.read');
  const out = new Map<number, Record<string, unknown>>();
  const unique = [...new Set(ids)];
  const wanted = new Set(names);
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = (await personRepository.findByIds(ctx.db, unique.slice(i, i + 1000))).filter((r) =>
      covers(actor, r.residence_division),
    );
    const byCounty = new Map<string, number[]>();
    for (const r of rows) {
      byCounty.set(r.county, [...(byCounty.get(r.county) ?? []), Number(r.id)]);
      out.set(Number(r.id), {});
    }
    for (const [county, list] of byCounty)
      for (const f of await factRepository.forPersonsWithHousehold(ctx.db, county, list, asOf)) {
        if (!wanted.has(f.name)) continue;
        const facts = out.get(Number(f.person_id))!;
        // The person's own fact first (rows come own-first), then the household's.
        if (!(f.name in facts)) facts[f.name] = f.value;
      }
  }
  return out;
}
