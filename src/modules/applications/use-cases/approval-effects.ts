import type { AnyTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import type { Actor } from '../../access/index.js';
import { commitForApproval } from '../../funds/index.js';
import { payeeOf, recordDecisionFact } from '../../registry/index.js';
import type { ApplicationProcess } from '../../rules/index.js';
import type { ApplicationsContext } from '../applications-context.js';
import { toFen, type FrozenDecision } from '../domain/decision.js';
import { applicationRepository, type ApplicationRow } from '../infra/application.repository.js';

/** The fact that an approved service establishes, held until the registration behind it ends. */
const SERVICE_FACTS: Record<string, { name: string; ref: string }> = {
  'employment-difficulty-identification': { name: 'employmentDifficulty', ref: '就业困难人员认定' },
};

const isCheckViolation = (e: unknown) => (e as { code?: string }).code === '23514';

/**
 * What a final approval does, inside its transaction: the limits' counters take the grant (the
 * database refuses one beyond a limit, even from two approvals at once), the money is committed from
 * the programme's fund (or a loan guarantee recorded), and a service's fact is set in the registry.
 */
export async function applyApproval(
  ctx: ApplicationsContext,
  trx: AnyTrx,
  actor: Actor,
  row: ApplicationRow,
  process: ApplicationProcess,
  decision: FrozenDecision,
  on: string,
): Promise<{ warnings: Array<{ code: string; zh: string; en: string }> }> {
  for (const claim of await applicationRepository.claims(trx, row.county, row.id)) {
    try {
      await applicationRepository.grant(trx, row.county, row.id, claim);
    } catch (e) {
      if (!isCheckViolation(e)) throw e;
      const limit = process.limits.find((l) => l.id === claim.limit_id);
      throw new AppError('LIMIT_REACHED', {
        zh: `${limit?.text ?? claim.limit_id}：已达上限 ${claim.max}，不能再批准`,
        en: `Limit ${claim.limit_id} reached (${claim.max})`,
        cause: e,
      });
    }
  }
  const programme = process.programme;
  const subject = { type: row.subject_type, id: row.subject_id };
  if (programme.kind === 'service') {
    const fact = SERVICE_FACTS[programme.id];
    if (fact)
      await recordDecisionFact(trx, actor, subject, {
        name: fact.name,
        value: true,
        validFrom: on,
        source: { kind: 'system', ref: `${fact.ref} 第${row.id}号` },
      });
    return { warnings: [] };
  }
  if (!programme.fund) return { warnings: [] };
  const payee = await payeeOf(ctx, trx, actor, subject);
  if (toFen(decision.amount) <= 0) return { warnings: [] };
  const fundParts = decision.components.filter((c) => c.payer === 'fund' && c.amount > 0);
  const parts =
    programme.kind === 'loan'
      ? [{ part: 'guarantee' as const, amountFen: toFen(decision.amount), payable: false }]
      : fundParts.length && fundParts.every((c) => c.id === 'advance' || c.id === 'remainder')
        ? fundParts.map((c) => ({
            part: c.id as 'advance' | 'remainder',
            amountFen: toFen(c.amount),
            payable: true,
          }))
        : [{ part: 'full' as const, amountFen: toFen(decision.amount), payable: true }];
  return commitForApproval(trx, ctx, actor, {
    county: row.county,
    applicationId: row.id,
    programmeId: programme.id,
    programmeName: programme.name,
    division: row.division,
    fund: programme.fund,
    year: Number(on.slice(0, 4)),
    payee: {
      kind: payee.kind,
      id: payee.id,
      name: payee.name,
      idNumber: payee.idNumber,
      bankName: payee.bankName,
      bankAccount: payee.bankAccount,
    },
    parts,
    // Placeholders are never paid: funds refuses to commit a provisional amount (PROVISIONAL_AMOUNT).
    provisional: decision.provisional === true,
  });
}
