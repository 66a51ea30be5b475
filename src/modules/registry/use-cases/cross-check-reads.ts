import { sql } from 'kysely';
import type { AnyDb } from '../../../platform/db/database.js';

/** A fact in force on a day, with where its subject lives and where the fact came from. */
export interface FactInForce {
  subjectId: number;
  division: string;
  name: string;
  value: unknown;
  validFrom: string;
  sourceKind: string;
  sourceRef: string | null;
}

/**
 * The facts of these names in force on `asOf` for every person (or enterprise) of a county living
 * (registered) under `scope`: what the exchange module's cross-checks compare. Own facts only, not a
 * household's. One indexed statement per call; the caller has checked permission and jurisdiction.
 */
export async function factsInForce(
  db: AnyDb,
  q: { county: string; scope: string; subjectType: 'person' | 'enterprise'; names: string[]; asOf: string },
): Promise<FactInForce[]> {
  const subjects =
    q.subjectType === 'person'
      ? sql`JOIN persons s ON s.county = f.county AND s.id = f.subject_id AND s.residence_division LIKE ${q.scope + '%'}`
      : sql`JOIN enterprises s ON s.county = f.county AND s.id = f.subject_id AND s.division LIKE ${q.scope + '%'}`;
  const division = q.subjectType === 'person' ? sql`s.residence_division` : sql`s.division`;
  const r = await sql<{
    subject_id: number;
    division: string;
    name: string;
    value: unknown;
    valid_from: string;
    source_kind: string;
    source_ref: string | null;
  }>`
    SELECT f.subject_id, ${division} AS division, f.name, f.value, f.valid_from, f.source_kind, f.source_ref
      FROM facts f ${subjects}
     WHERE f.county = ${q.county} AND f.subject_type = ${q.subjectType} AND f.name = ANY(${q.names}::text[])
       AND f.superseded_at IS NULL AND f.valid_from <= ${q.asOf} AND (f.valid_to IS NULL OR f.valid_to > ${q.asOf})
     ORDER BY f.subject_id, f.name`.execute(db);
  return r.rows.map((x) => ({
    subjectId: Number(x.subject_id),
    division: x.division,
    name: x.name,
    value: x.value,
    validFrom: x.valid_from,
    sourceKind: x.source_kind,
    sourceRef: x.source_ref,
  }));
}

/** Who a person is, for telling two records of one human apart (no ID number, only its keyed hash). */
export interface PersonIdentity {
  id: number;
  county: string;
  name: string;
  birthDate: string;
  sex: string;
  division: string;
  idHashHex: string;
}

/** The identities of these persons of a county (for a cross-check; the caller checks jurisdiction). */
export async function personIdentities(
  db: AnyDb,
  county: string,
  ids: readonly number[],
): Promise<Map<number, PersonIdentity>> {
  const out = new Map<number, PersonIdentity>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 10_000) {
    const r = await sql<{
      id: number;
      name: string;
      birth_date: string;
      sex: string;
      residence_division: string;
      h: string;
    }>`
      SELECT id, name, birth_date, sex, residence_division, encode(id_number_hash, 'hex') AS h FROM persons
       WHERE county = ${county} AND id = ANY(${unique.slice(i, i + 10_000)}::bigint[])`.execute(db);
    for (const p of r.rows)
      out.set(Number(p.id), {
        id: Number(p.id),
        county,
        name: p.name,
        birthDate: p.birth_date,
        sex: p.sex,
        division: p.residence_division,
        idHashHex: p.h,
      });
  }
  return out;
}

/** Enterprises' names and divisions, for a flag's subject line. */
export async function enterpriseNames(
  db: AnyDb,
  county: string,
  ids: readonly number[],
): Promise<Map<number, { name: string; division: string }>> {
  const out = new Map<number, { name: string; division: string }>();
  const unique = [...new Set(ids)];
  if (!unique.length) return out;
  const r = await sql<{ id: number; name: string; division: string }>`
    SELECT id, name, division FROM enterprises WHERE county = ${county} AND id = ANY(${unique}::bigint[])`.execute(
    db,
  );
  for (const e of r.rows) out.set(Number(e.id), { name: e.name, division: e.division });
  return out;
}

/**
 * Where each of these persons lives (or enterprise is registered): the division code, for another
 * module deciding which of its rows an officer's jurisdiction covers. Nothing else about them.
 */
export async function subjectDivisions(
  db: AnyDb,
  county: string,
  type: 'person' | 'enterprise',
  ids: readonly number[],
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 50_000) {
    const chunk = unique.slice(i, i + 50_000);
    const r =
      type === 'person'
        ? await sql<{ id: number; d: string }>`
            SELECT id, residence_division AS d FROM persons WHERE county = ${county} AND id = ANY(${chunk}::bigint[])`.execute(
            db,
          )
        : await sql<{ id: number; d: string }>`
            SELECT id, division AS d FROM enterprises WHERE county = ${county} AND id = ANY(${chunk}::bigint[])`.execute(
            db,
          );
    for (const x of r.rows) out.set(Number(x.id), x.d);
  }
  return out;
}
