import { AppError } from '../../../platform/errors/index.js';
import { requirePermission, type Actor } from '../../access/index.js';
import { normalizeIdNumber, convert15To18 } from '../../../shared/identity/index.js';
import { personFactSchemas } from '../../../shared/facts/vocabulary.js';
import type { FactSource } from '../domain/fact-view.js';
import { factRepository, type FactRow } from '../infra/fact.repository.js';
import { decryptPerson, personRepository } from '../infra/person.repository.js';
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
  const p = decryptPerson(ctx.cipher, row);
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
  const take = (r: Awaited<ReturnType<typeof factRepository.forSubjects>>[number], via?: string) => {
    if (!PERSON_FACTS.has(r.name) || r.name in facts) return;
    facts[r.name] = r.value;
    sources[r.name] = { ...factSource(r), ...(via ? { via } : {}) };
  };
  // The person's own facts first; the household's (低保, 建档立卡 …) fill what the person lacks.
  for (const r of await factRepository.forPersonWithHousehold(ctx.db, p.county, p.id, date))
    take(r, r.household_id === null ? undefined : `household ${r.household_id}`);
  const entry = {
    action: 'person.assembleFacts',
    entityType: 'person',
    entityId: p.id,
    details: { date, facts: Object.keys(facts).length },
  };
  // Inside a caller's audited transaction the record joins its others; otherwise it is written now.
  if (opts.audit) opts.audit(entry);
  else await ctx.db.transaction().execute((trx) => recordAudit(trx, actor, entry));
  return { personId: p.id, county: p.county, division: p.residenceDivision, date, facts, sources };
}
