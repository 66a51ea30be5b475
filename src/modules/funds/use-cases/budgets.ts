import crypto from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { ACCOUNT_KINDS, legsFor, type AccountKind } from '../domain/ledger.js';
import { fenToYuan } from '../domain/money.js';
import { budgetKey, budgetRepository, fundRepository, type FundRow } from '../infra/budget.repository.js';
import { balancesByLine, lineBalances, postJournals, recentJournals } from '../infra/ledger.repository.js';
import type { FundsContext } from '../funds-context.js';
import { countyOf } from './scope.js';

const BalancesSchema = z.object(
  Object.fromEntries(ACCOUNT_KINDS.map((k) => [k, z.number()])) as Record<AccountKind, z.ZodNumber>,
);

export const FundViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  parentCode: z.string().nullable(),
  year: z.number().nullable(),
  budgetFen: z.number().describe('所有项目预算合计（分）'),
  balances: BalancesSchema.describe('各账户余额合计（分）'),
});
export type FundView = z.infer<typeof FundViewSchema>;

export const BudgetViewSchema = z.object({
  fund: z.string(),
  fundName: z.string(),
  year: z.number(),
  programmeId: z.string(),
  amountFen: z.number(),
  onExhausted: z.enum(['block', 'warn']),
  balances: BalancesSchema,
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type BudgetView = z.infer<typeof BudgetViewSchema>;

export const SetBudgetSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  programmeId: z.string().min(1).max(80),
  amountFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('预算金额（分）'),
  onExhausted: z.enum(['block', 'warn']).describe('预算用尽时：block 阻止审批，warn 提示后仍可审批'),
});
export type SetBudget = z.infer<typeof SetBudgetSchema>;

export const LedgerViewSchema = z.object({
  fund: z.string(),
  lines: z.array(z.object({ year: z.number(), programmeId: z.string(), balances: BalancesSchema })),
  journals: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      key: z.string(),
      applicationId: z.number().nullable(),
      memo: z.string().nullable(),
      actor: z.string(),
      postedAt: z.string(),
      postings: z.array(
        z.object({ account: z.string(), programmeId: z.string(), year: z.number(), amountFen: z.number() }),
      ),
    }),
  ),
});
export type LedgerView = z.infer<typeof LedgerViewSchema>;

const zero = (): Record<AccountKind, number> =>
  Object.fromEntries(ACCOUNT_KINDS.map((k) => [k, 0])) as Record<AccountKind, number>;

async function loadFund(ctx: FundsContext, code: string): Promise<FundRow> {
  const fund = await fundRepository.find(ctx.db, code);
  if (!fund) throw new AppError('FUND_NOT_FOUND', { path: 'code' });
  return fund;
}

/** The funds, with their budgets and balances for a year (all years when none is given). */
export async function listFunds(ctx: FundsContext, actor: Actor, year?: number): Promise<FundView[]> {
  requirePermission(actor, 'funds.read');
  const county = countyOf(actor);
  const funds = await fundRepository.list(ctx.db);
  const balances = await balancesByLine(ctx.db, county, year ? { year } : {});
  return funds.map((f) => {
    const b = zero();
    for (const r of balances) if (r.fund === f.code) b[r.kind as AccountKind] += r.balance_fen;
    return {
      code: f.code,
      name: f.name,
      nameEn: f.name_en,
      parentCode: f.parent_code,
      year: year ?? null,
      budgetFen: -b.appropriation,
      balances: b,
    };
  });
}

/** A fund's budgets per year and programme, with what is available, committed and paid of each. */
export async function listBudgets(
  ctx: FundsContext,
  actor: Actor,
  code: string,
  year?: number,
): Promise<BudgetView[]> {
  requirePermission(actor, 'funds.read');
  const fund = await loadFund(ctx, code);
  const county = countyOf(actor);
  const rows = await budgetRepository.list(ctx.db, county, fund.code, year);
  const balances = await balancesByLine(ctx.db, county, { fund: fund.code, ...(year ? { year } : {}) });
  const byLine = new Map<string, Record<AccountKind, number>>();
  for (const r of balances) {
    const k = budgetKey(county, r.fund, r.year, r.programme_id);
    const b = byLine.get(k) ?? zero();
    b[r.kind as AccountKind] = r.balance_fen;
    byLine.set(k, b);
  }
  return rows.map((r) => ({
    fund: fund.code,
    fundName: fund.name,
    year: r.year,
    programmeId: r.programme_id,
    amountFen: r.amount_fen,
    onExhausted: r.on_exhausted,
    balances: byLine.get(budgetKey(county, r.fund, r.year, r.programme_id)) ?? zero(),
    updatedBy: r.updated_by,
    updatedAt: r.updated_at.toISOString(),
  }));
}

/**
 * Finance sets a fund's yearly budget for a programme: the change is allocated in the ledger
 * (appropriation ↔ available). A budget cannot go below what is already committed and paid from it.
 */
export async function setBudget(
  ctx: FundsContext,
  actor: Actor,
  code: string,
  input: SetBudget,
): Promise<BudgetView> {
  requirePermission(actor, 'funds.manage');
  const fund = await loadFund(ctx, code);
  const county = countyOf(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const line = { county, fund: fund.code, year: input.year, programmeId: input.programmeId };
    const current = (await budgetRepository.lock(trx, [line])).get(
      budgetKey(county, fund.code, input.year, input.programmeId),
    );
    const old = current?.amount_fen ?? 0;
    const delta = input.amountFen - old;
    if (delta < 0) {
      const available = (await lineBalances(trx, county, fund.code, input.year, input.programmeId)).available;
      const used = old - available;
      if (input.amountFen < used)
        throw new AppError('BUDGET_BELOW_USED', {
          path: 'amountFen',
          zh: `${fund.name}${input.year}年度“${input.programmeId}”已承诺和支付 ${fenToYuan(used)} 元，预算不能低于此数`,
          en: `${used} fen are already committed or paid`,
        });
    }
    await budgetRepository.upsert(trx, {
      county,
      fund: fund.code,
      year: input.year,
      programme_id: input.programmeId,
      amount_fen: input.amountFen,
      on_exhausted: input.onExhausted,
      updated_by: actor.username,
    });
    if (delta !== 0)
      await postJournals(trx, actor.username, [
        {
          county,
          kind: 'allocation',
          key: `allocate:${fund.code}:${input.year}:${input.programmeId}:${crypto.randomUUID()}`,
          fund: fund.code,
          year: input.year,
          programmeId: input.programmeId,
          memo: `budget ${old} → ${input.amountFen}`,
          legs: legsFor('allocation', delta),
        },
      ]);
    await recordAudit(trx, actor, {
      action: 'funds.budget.set',
      entityType: 'fundBudget',
      entityId: `${fund.code}/${input.year}/${input.programmeId}`,
      details: { fromFen: old, toFen: input.amountFen, onExhausted: input.onExhausted },
    });
  });
  return (await listBudgets(ctx, actor, fund.code, input.year)).find(
    (b) => b.programmeId === input.programmeId,
  )!;
}

/** A fund's ledger: balances per year and programme, and the latest journals with their postings. */
export async function fundLedger(
  ctx: FundsContext,
  actor: Actor,
  code: string,
  filter: { year?: number | undefined; programmeId?: string | undefined; limit?: number | undefined },
): Promise<LedgerView> {
  requirePermission(actor, 'funds.read');
  const fund = await loadFund(ctx, code);
  const county = countyOf(actor);
  const balances = await balancesByLine(ctx.db, county, {
    fund: fund.code,
    ...(filter.year ? { year: filter.year } : {}),
  });
  const lines = new Map<
    string,
    { year: number; programmeId: string; balances: Record<AccountKind, number> }
  >();
  for (const r of balances) {
    if (filter.programmeId && r.programme_id !== filter.programmeId) continue;
    const k = `${r.year}|${r.programme_id}`;
    const l = lines.get(k) ?? { year: r.year, programmeId: r.programme_id, balances: zero() };
    l.balances[r.kind as AccountKind] = r.balance_fen;
    lines.set(k, l);
  }
  const journals = await recentJournals(
    ctx.db,
    county,
    { fund: fund.code, year: filter.year, programmeId: filter.programmeId },
    Math.min(filter.limit ?? 100, 1000),
  );
  return {
    fund: fund.code,
    lines: [...lines.values()].sort((a, b) => b.year - a.year || a.programmeId.localeCompare(b.programmeId)),
    journals: journals.map((j) => ({
      id: j.id,
      kind: j.kind,
      key: j.key,
      applicationId: j.application_id,
      memo: j.memo,
      actor: j.actor,
      postedAt: j.posted_at.toISOString(),
      postings: j.postings,
    })),
  };
}
