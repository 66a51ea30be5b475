import type { AnyTrx } from '../../../platform/db/database.js';
import { recordAudit, type Actor } from '../../access/index.js';
import { enterpriseFactSchemas } from '../../../shared/facts/vocabulary.js';
import type { FactSource } from '../domain/fact-view.js';
import { factRepository } from '../infra/fact.repository.js';
import { enterpriseRepository } from '../infra/enterprise.repository.js';
import { decryptPerson, personRepository } from '../infra/person.repository.js';
import type { RegistryContext } from '../registry-context.js';
import { factSource, type AssembledFacts } from './assemble-facts.js';
import { loadVisiblePerson } from './get-person.js';
import { loadVisibleEnterprise } from './load-subject.js';

const ENTERPRISE_FACTS = new Set(Object.keys(enterpriseFactSchemas));

/**
 * What the registry knew about an enterprise on a date, as the rules engine's facts (credit code, size
 * and the dated facts in force that day), each with its source.
 */
export async function assembleEnterpriseFacts(
  ctx: RegistryContext,
  actor: Actor,
  enterpriseId: number,
  date: string,
): Promise<AssembledFacts & { enterpriseId: number }> {
  const e = await loadVisibleEnterprise(ctx.db, actor, enterpriseId);
  const record: FactSource & { validFrom: null; validTo: null } = {
    kind: 'registry',
    ref: 'enterprises',
    recordedAt: e.updated_at.toISOString(),
    recordedBy: null,
    validFrom: null,
    validTo: null,
  };
  const facts: Record<string, unknown> = { uscc: e.uscc };
  const sources: AssembledFacts['sources'] = { uscc: record };
  if (e.size) {
    facts.size = e.size;
    sources.size = record;
  }
  for (const r of await factRepository.forSubjects(ctx.db, 'enterprise', e.county, [e.id], date)) {
    if (!ENTERPRISE_FACTS.has(r.name) || r.name in facts) continue;
    facts[r.name] = r.value;
    sources[r.name] = factSource(r);
  }
  return { personId: 0, enterpriseId: e.id, county: e.county, division: e.division, date, facts, sources };
}

/** Who an application pays: name, identity number and bank account, in plain, for the fund's own encryption. */
export interface Payee {
  kind: 'person' | 'enterprise';
  id: number;
  county: string;
  name: string;
  idNumber: string;
  bankName: string | null;
  bankAccount: string | null;
  /** The division the subject belongs to (residence, or the enterprise's registered place). */
  division: string;
}

/**
 * The payee of an approved application, read inside the approval's transaction. Reading the identity
 * number and bank account in plain is recorded in the audit trail (without the values).
 */
export async function payeeOf(
  ctx: Pick<RegistryContext, 'cipher'>,
  trx: AnyTrx,
  actor: Actor,
  subject: { type: 'person' | 'enterprise'; id: number },
): Promise<Payee> {
  let payee: Payee;
  if (subject.type === 'person') {
    const p = decryptPerson(ctx.cipher, await loadVisiblePerson(trx, actor, subject.id));
    payee = {
      kind: 'person',
      id: p.id,
      county: p.county,
      name: p.name,
      idNumber: p.idNumber,
      bankName: p.bankName,
      bankAccount: p.bankAccount,
      division: p.residenceDivision,
    };
  } else {
    const e = await loadVisibleEnterprise(trx, actor, subject.id);
    payee = {
      kind: 'enterprise',
      id: e.id,
      county: e.county,
      name: e.name,
      idNumber: e.uscc,
      bankName: e.bank_name,
      bankAccount: e.bank_account_enc ? ctx.cipher.decrypt(e.bank_account_enc) : null,
      division: e.division,
    };
  }
  await recordAudit(trx, actor, {
    action: `${subject.type}.readPayee`,
    entityType: subject.type,
    entityId: subject.id,
    details: { purpose: 'payment' },
  });
  return payee;
}

/**
 * Names as a public notice (公示) shows them: a person's surname and a mask (张**), an enterprise's
 * registered name in full (it is public). Keyed `type:county:id`.
 */
export async function publicNamesOf(
  db: RegistryContext['db'],
  subjects: ReadonlyArray<{ type: 'person' | 'enterprise'; county: string; id: number }>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const persons = subjects.filter((s) => s.type === 'person').map((s) => s.id);
  const enterprises = subjects.filter((s) => s.type === 'enterprise').map((s) => s.id);
  for (const p of await personRepository.findByIds(db, persons))
    out.set(`person:${p.county}:${p.id}`, maskName(p.name));
  for (const id of enterprises) {
    const e = await enterpriseRepository.findById(db, id, '');
    if (e) out.set(`enterprise:${e.county}:${e.id}`, e.name);
  }
  return out;
}

const maskName = (name: string) => {
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
};
