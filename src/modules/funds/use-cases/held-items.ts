import { sql } from 'kysely';
import { z } from 'zod';
import { maskIdNumber } from '../../../shared/identity/index.js';
import { can, requirePermission, type Actor } from '../../access/index.js';
import type { FundsContext } from '../funds-context.js';
import { countyOf, scopeOf } from './scope.js';

/** Why an approved, unpaid item is not put into a payment batch. */
export const HOLD_REASONS = {
  noAccount: '无收款账户：收款人尚未登记银行账户或社保卡，登记后方可发放',
  hold: '暂停支付：交叉比对疑点待核实',
} as const;

export const HeldItemViewSchema = z.object({
  itemId: z.number(),
  applicationId: z.number(),
  programmeId: z.string(),
  programmeName: z.string(),
  payeeKind: z.enum(['person', 'enterprise']),
  payeeId: z.number(),
  payeeName: z.string(),
  idNumber: z.string().describe('证件号码（脱敏）'),
  amountFen: z.number(),
  reason: z.enum(['noAccount', 'hold']),
  reasonText: z.string().describe('暂缓发放的原因'),
});
export type HeldItemView = z.infer<typeof HeldItemViewSchema>;

/**
 * The approved, unpaid items a batch does not take, each with its reason: no bank account (or 社保卡)
 * recorded for the payee (无收款账户), or a payment hold in force (a cross-check flag under review).
 */
export async function listHeldItems(
  ctx: FundsContext,
  actor: Actor,
  q: { limit?: number | undefined } = {},
): Promise<HeldItemView[]> {
  if (!can(actor, 'payments.manage')) requirePermission(actor, 'funds.read');
  const county = countyOf(actor);
  const scope = scopeOf(actor, county);
  const r = await sql<{
    id: number;
    application_id: number;
    programme_id: string;
    programme_name: string;
    payee_kind: 'person' | 'enterprise';
    payee_id: number;
    payee_name: string;
    payee_id_number_enc: Buffer;
    amount_fen: number;
    held: boolean;
    no_account: boolean;
  }>`
    SELECT * FROM (
      SELECT c.id, c.application_id, c.programme_id, c.programme_name, c.payee_kind, c.payee_id, c.payee_name,
             c.payee_id_number_enc, c.amount_fen,
             EXISTS (SELECT 1 FROM fund_holds h WHERE h.county = c.county AND h.application_id = c.application_id
                        AND h.released_at IS NULL) AS held,
             c.bank_account_enc IS NULL AS no_account
        FROM fund_commitments c
       WHERE c.county = ${county} AND c.status = 'unpaid' AND c.division LIKE ${scope + '%'}) x
     WHERE held OR no_account
     ORDER BY id LIMIT ${Math.min(q.limit ?? 200, 1000)}`.execute(ctx.db);
  return r.rows.map((x) => {
    const reason = x.no_account ? 'noAccount' : 'hold';
    return {
      itemId: Number(x.id),
      applicationId: Number(x.application_id),
      programmeId: x.programme_id,
      programmeName: x.programme_name,
      payeeKind: x.payee_kind,
      payeeId: Number(x.payee_id),
      payeeName: x.payee_name,
      idNumber: maskIdNumber(ctx.cipher.decrypt(x.payee_id_number_enc)),
      amountFen: Number(x.amount_fen),
      reason,
      reasonText: HOLD_REASONS[reason],
    };
  });
}
