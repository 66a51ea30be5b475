import { AppError } from '../../../platform/errors/index.js';
import { can, requirePermission, type Actor } from '../../access/index.js';
import { normalizeIdNumber, convert15To18 } from '../../../shared/identity/index.js';
import { personFactSchemas } from '../../../shared/facts/vocabulary.js';
import type { FactSource } from '../domain/fact-view.js';
import { factRepository, type FactRow } from '../infra/fact.repository.js';
import { decryptPerson, personRepository, type PersonRow } from '../infra/person.repository.js';
import type { RegistryContext } from '../registry-context.js';
import { loadVisiblePerson } from './get-person.js';
import { recordAudit, type AuditEntry } from '../../access/index.js';

export interface AssembledFacts {
  personId: number;
  /** The subject's county and place (residence, or the enterprise's registered place). */
  county: string;
  division: string;
  date: string;
  /** The case's person facts, in the rules contract's vocabulary. */
  facts: Record<string, unknown>;
  /** Where each fact came from: the registry record, or a dated fact with its source and period. */
  sources: Record<string, FactSource & { validFrom: string | null; validTo: string | null; via?: string }>;
}

const PERSON_FACTS = new Set(Object.keys(personFactSchemas));

/** Where a dated fact came from, and for which period, as an assembled case shows it. */
export function factSource(r: FactRow): AssembledFacts['sources'][string] {
  return {
    kind: r.source_kind,
    ref: r.source_ref,
    recordedAt: r.recorded_at.toISOString(),
    recordedBy: r.recorded_by,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

/**
 * What the registry knew about a person on a date, as the rules engine's facts: identity and residence
 * from the record, the dated facts in force that day, and the facts of the household the person
 * belonged to (低保, 建档立卡 …) where the person has none of their own. Each fact says where it came from.
 * Reading the full ID number into the case is recorded in the audit trail.
 */
export async function assemblePersonFacts(
  ctx: RegistryContext,
  actor: Actor,
  ref: { personId?: number; idNumber?: string },
  date: string,
  opts: { audit?: (entry: AuditEntry) => void } = {},
): Promise<AssembledFacts> {
  if (actor.role !== 'citizen') requirePermission(actor, 'registry.read');
  let row;
  if (ref.personId !== undefined) {
    row = await loadVisiblePerson(ctx.db, actor, ref.personId);
  } else if (ref.idNumber) {
    let id = normalizeIdNumber(ref.idNumber);
    if (/^\d{15}$/.test(id)) id = convert15To18(id);
    row = await personRepository.findByIdNumberHash(ctx.db, ctx.cipher.hash('idNumber', id), actor.division);
    if (row && actor.role === 'citizen' && actor.person?.id !== row.id) row = undefined;
  }
  if (!row) throw new AppError('PERSON_NOT_FOUND');
  const assembled = assemble(
    ctx.cipher,
    row,
    await factRepository.forPersonWithHousehold(ctx.db, row.county, row.id, date),
    date,
  );
  const entry = assembledEntry(assembled);
  // Inside a caller's audited transaction the record joins its others; otherwise it is written now.
  if (opts.audit) opts.audit(entry);
  else await ctx.db.transaction().execute((trx) => recordAudit(trx, actor, entry));
  return assembled;
}

const assembledEntry = (a: AssembledFacts): AuditEntry => ({
  action: 'person.assembleFacts',
  entityType: 'person',
  entityId: a.personId,
  details: { date: a.date, facts: Object.keys(a.facts).length },
});

/**
 * The same for many persons at once, each for its own viewer (a batch of submissions): two statements
 * for all of them. A person a viewer may not see comes back as the error that viewer would get.
 */
export async function assemblePersonFactsMany(
  ctx: RegistryContext,
  items: ReadonlyArray<{ actor: Actor; personId: number }>,
  date: string,
  audit: (actor: Actor, entry: AuditEntry) => void,
): Promise<Array<AssembledFacts | AppError>> {
  const rows = new Map(
    (
      await personRepository.findByIds(
        ctx.db,
        items.map((i) => i.personId),
      )
    ).map((r) => [r.id, r]),
  );
  const byCounty = new Map<string, number[]>();
  for (const r of rows.values()) byCounty.set(r.county, [...(byCounty.get(r.county) ?? []), r.id]);
  const facts = new Map<number, Array<FactRow & { household_id: number | null }>>();
  for (const [county, ids] of byCounty)
    for (const f of await factRepository.forPersonsWithHousehold(ctx.db, county, ids, date))
      facts.set(f.person_id, [...(facts.get(f.person_id) ?? []), f]);
  return items.map(({ actor, personId }) => {
    const row = rows.get(personId);
    if (!can(actor, 'registry.read') && actor.role !== 'citizen') return new AppError('FORBIDDEN');
    const visible =
      row &&
      (actor.role === 'citizen'
        ? actor.person?.id === row.id && actor.person.county === row.county
        : row.residence_division.startsWith(actor.division));
    if (!visible) return new AppError('PERSON_NOT_FOUND');
    const assembled = assemble(ctx.cipher, row, facts.get(personId) ?? [], date);
    audit(actor, assembledEntry(assembled));
    return assembled;
  });
}

/** A person's record and fact rows (own first, then the household's) as the engine's case. */
function assemble(
  cipher: RegistryContext['cipher'],
  row: PersonRow,
  rows: ReadonlyArray<FactRow & { household_id: number | null }>,
  date: string,
): AssembledFacts {
  const p = decryptPerson(cipher, row);
  const record = (at: Date) => ({
    kind: 'registry',
    ref: 'persons',
    recordedAt: at.toISOString(),
    recordedBy: null,
    validFrom: null,
    validTo: null,
  });
  const facts: Record<string, unknown> = {
    idNumber: p.idNumber,
    birthDate: p.birthDate,
    sex: p.sex,
  };
  const sources: AssembledFacts['sources'] = {
    idNumber: record(p.updatedAt),
    birthDate: { ...record(p.updatedAt), ref: 'persons (from the ID number)' },
    sex: { ...record(p.updatedAt), ref: 'persons (from the ID number)' },
  };
  if (p.residenceDivision.length === 12) {
    facts.residenceDivision = p.residenceDivision;
    sources.residenceDivision = record(p.updatedAt);
  }
  // The person's own facts first; the household's (低保, 建档立卡 …) fill what the person lacks.
  for (const r of rows) {
    if (!PERSON_FACTS.has(r.name) || r.name in facts) continue;
    facts[r.name] = r.value;
    const via = r.household_id === null ? undefined : `household ${r.household_id}`;
    sources[r.name] = { ...factSource(r), ...(via ? { via } : {}) };
  }
  return { personId: p.id, county: p.county, division: p.residenceDivision, date, facts, sources };
}
