import { z } from 'zod';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import type { PersonalDataCipher } from '../../../platform/crypto/index.js';
import { AppError } from '../../../platform/errors/index.js';
import { recordAudit, type Actor } from '../../access/index.js';
import { loadBundledPack } from '../../rules/index.js';
import { legsFor } from '../domain/ledger.js';
import { fenToYuan } from '../domain/money.js';
import { PART_NAMES, PARTS, type CommitmentStatus, type Part } from '../domain/payments.js';
import { budgetKey, budgetRepository, fundRepository, type FundRow } from '../infra/budget.repository.js';
import { commitmentRepository, type NewCommitment } from '../infra/commitment.repository.js';
import { chunks } from '../infra/db.js';
import { lineBalances, postJournals, type JournalSpec } from '../infra/ledger.repository.js';

const CountySchema = z.string().regex(/^\d{6}$/);
const FenSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const CommitmentRequestSchema = z.object({
  county: CountySchema,
  applicationId: z.number().int().positive(),
  programmeId: z.string().min(1).max(80),
  /** The programme's fund as the pack names it (Chinese), or its code. */
  fund: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  payee: z.object({
    kind: z.enum(['person', 'enterprise']),
    id: z.number().int().positive(),
    name: z.string().min(1).max(200),
    idNumber: z.string().min(1).max(40),
    bankName: z.string().max(200).nullable(),
    bankAccount: z.string().max(64).nullable(),
  }),
  parts: z
    .array(z.object({ part: z.enum(PARTS), amountFen: FenSchema, payable: z.boolean() }))
    .min(1)
    .refine((ps) => new Set(ps.map((p) => p.part)).size === ps.length, 'each part once'),
  /** Optional: the programme's Chinese name for rosters (default: from the committed policy pack). */
  programmeName: z.string().min(1).max(200).optional(),
  /** Optional: the division the money belongs to, for jurisdiction (default: the county). */
  division: z
    .string()
    .regex(/^\d{6,12}$/)
    .optional(),
});

/** What the applications module asks for at final approval (see index.ts). */
export interface CommitmentRequest {
  county: string;
  applicationId: number;
  programmeId: string;
  fund: string;
  year: number;
  payee: {
    kind: 'person' | 'enterprise';
    id: number;
    name: string;
    idNumber: string;
    bankName: string | null;
    bankAccount: string | null;
  };
  parts: Array<{ part: 'full' | 'advance' | 'remainder' | 'guarantee'; amountFen: number; payable: boolean }>;
  programmeName?: string;
  division?: string;
  /** The decided amount rests on a placeholder (*to be set*): refused, never committed. */
  provisional?: boolean;
}

export interface FundWarning {
  code: string;
  zh: string;
  en: string;
}

export const PaymentItemViewSchema = z.object({
  itemId: z.number(),
  applicationId: z.number(),
  part: z.enum(PARTS),
  programmeId: z.string(),
  programmeName: z.string(),
  fund: z.string(),
  fundName: z.string(),
  year: z.number(),
  amountFen: z.number(),
  status: z.string().describe('pending | unpaid | batched | paid | released | guaranteed'),
  batchId: z.number().nullable(),
  paidAt: z.string().nullable(),
  failures: z.array(z.object({ batchId: z.number(), reason: z.string(), at: z.string() })),
});
export type PaymentItemView = z.infer<typeof PaymentItemViewSchema>;

function programmeName(id: string): string {
  return loadBundledPack().pack.sources.programmes.find((p) => p.id === id)?.name ?? id;
}

const GUARANTEE_FUND = 'loan-guarantee';

/**
 * Commit money for approved applications, in the caller's transaction: check each budget line (locked
 * until the transaction ends, so two approvals cannot both take the last of it), record each part
 * (its payee snapshot encrypted), post a commitment (or guarantee) journal per part, audit. Several
 * requests at once are the bulk path of the same rules.
 */
export async function commitMany(
  trx: AnyTrx,
  ctx: { cipher: PersonalDataCipher },
  actor: Actor,
  requests: readonly CommitmentRequest[],
): Promise<{ warnings: FundWarning[]; committed: number }> {
  // Placeholders are never paid (programmes.md, second reading): the root of every commitment.
  const placeholder = requests.find((r) => r.provisional === true);
  if (placeholder)
    throw new AppError('PROVISIONAL_AMOUNT', {
      path: 'applicationId',
      zh: `申请 ${placeholder.applicationId} 的补贴标准待市政府确定，当前金额为占位值，不得据以发放`,
    });
  const funds = new Map<string, FundRow>();
  for (const f of await fundRepository.list(trx)) {
    funds.set(f.code, f);
    funds.set(f.name, f);
  }
  const rows: NewCommitment[] = [];
  const need = new Map<
    string,
    { county: string; fund: FundRow; year: number; programmeId: string; fen: number; programmeName: string }
  >();
  const names = new Map<string, string>();
  for (const [i, raw] of requests.entries()) {
    const parsed = CommitmentRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('VALIDATION_FAILED', {
        path: issue.path.join('.'),
        zh: `资金承诺请求不正确：${issue.path.join('.')} ${issue.message}`,
        en: `Commitment request ${i}: ${issue.path.join('.')} ${issue.message}`,
      });
    }
    const req = parsed.data;
    const fund = funds.get(req.fund);
    if (!fund)
      throw new AppError('FUND_NOT_FOUND', {
        path: 'fund',
        zh: `找不到资金“${req.fund}”`,
        en: `No fund ${req.fund}`,
      });
    let name = req.programmeName ?? names.get(req.programmeId);
    if (!name) names.set(req.programmeId, (name = programmeName(req.programmeId)));
    const idEnc = ctx.cipher.encrypt(req.payee.idNumber);
    const idHash = ctx.cipher.hash('idNumber', req.payee.idNumber);
    const account = req.payee.bankAccount;
    for (const p of req.parts) {
      if (p.amountFen === 0) continue;
      const partFund = p.part === 'guarantee' ? funds.get(GUARANTEE_FUND)! : fund;
      const status: CommitmentStatus =
        p.part === 'guarantee' ? 'guaranteed' : p.payable ? 'unpaid' : 'pending';
      rows.push({
        county: req.county,
        application_id: req.applicationId,
        part: p.part,
        programme_id: req.programmeId,
        programme_name: name,
        fund: partFund.code,
        year: req.year,
        amount_fen: p.amountFen,
        status,
        division: req.division ?? req.county,
        payee_kind: req.payee.kind,
        payee_id: req.payee.id,
        payee_name: req.payee.name,
        payee_id_number_enc: idEnc,
        payee_id_number_hash: idHash,
        bank_name: req.payee.bankName,
        bank_account_enc: account ? ctx.cipher.encrypt(account) : null,
        bank_account_hash: account ? ctx.cipher.hash('bankAccount', account) : null,
        committed_by: actor.username,
      });
      const key = budgetKey(req.county, partFund.code, req.year, req.programmeId);
      const n = need.get(key) ?? {
        county: req.county,
        fund: partFund,
        year: req.year,
        programmeId: req.programmeId,
        fen: 0,
        programmeName: name,
      };
      n.fen += p.amountFen;
      need.set(key, n);
    }
  }
  if (!rows.length) return { warnings: [], committed: 0 };

  // The budget lines, locked; then what is left of each.
  const budgets = await budgetRepository.lock(
    trx,
    [...need.values()].map((n) => ({ ...n, fund: n.fund.code })),
  );
  const warnings: FundWarning[] = [];
  for (const [key, n] of need) {
    const budget = budgets.get(key);
    const left = budget
      ? (await lineBalances(trx, n.county, n.fund.code, n.year, n.programmeId)).available
      : 0;
    if (n.fen <= left) continue;
    const what = `${n.fund.name}${n.year}年度“${n.programmeName}”`;
    if (!budget || budget.on_exhausted === 'block') {
      throw new AppError('FUND_BUDGET_EXHAUSTED', {
        path: 'fund',
        zh: budget
          ? `${what}预算不足：本次需 ${fenToYuan(n.fen)} 元，剩余可用 ${fenToYuan(left)} 元，不能审批通过。请财政部门追加预算。`
          : `${what}尚未设置预算（剩余可用 0.00 元），不能承诺 ${fenToYuan(n.fen)} 元。请财政部门先设置预算。`,
        en: `${n.fund.code} ${n.year} ${n.programmeId}: needs ${n.fen} fen, ${left} fen left`,
      });
    }
    warnings.push({
      code: 'FUND_BUDGET_OVERDRAWN',
      zh: `${what}预算已超支：本次承诺 ${fenToYuan(n.fen)} 元，承诺前剩余可用 ${fenToYuan(left)} 元，超支 ${fenToYuan(n.fen - Math.max(left, 0))} 元。`,
      en: `${n.fund.code} ${n.year} ${n.programmeId}: committed ${n.fen} fen with ${left} fen left`,
    });
  }

  const inserted = await commitmentRepository.insert(trx, rows);
  if (inserted.length !== rows.length) {
    const got = new Set(inserted.map((r) => `${r.county}|${r.application_id}|${r.part}`));
    const dup = rows.find((r) => !got.has(`${r.county}|${r.application_id}|${r.part}`))!;
    throw new AppError('FUND_ALREADY_COMMITTED', {
      path: 'applicationId',
      zh: `申请 ${dup.application_id} 的“${PART_NAMES[dup.part as Part]}”资金已承诺过，不能重复承诺`,
      en: `application ${dup.application_id} part ${dup.part} is already committed`,
    });
  }
  const byKey = new Map(inserted.map((r) => [`${r.county}|${r.application_id}|${r.part}`, r.id]));
  const journals: JournalSpec[] = rows.map((r) => ({
    county: r.county,
    kind: r.part === 'guarantee' ? 'guarantee' : 'commitment',
    key: `commit:${r.application_id}:${r.part}`,
    fund: r.fund,
    year: r.year,
    programmeId: r.programme_id,
    applicationId: r.application_id,
    memo: `item ${byKey.get(`${r.county}|${r.application_id}|${r.part}`)}`,
    legs: legsFor(r.part === 'guarantee' ? 'guarantee' : 'commitment', r.amount_fen),
  }));
  await postJournals(trx, actor.username, journals, 'fail');

  const perApplication = new Map<string, NewCommitment[]>();
  for (const r of rows) {
    const k = `${r.county}|${r.application_id}`;
    perApplication.set(k, [...(perApplication.get(k) ?? []), r]);
  }
  const entries = [...perApplication.values()].map((parts) => ({
    action: 'funds.commit',
    entityType: 'application',
    entityId: parts[0]!.application_id,
    details: {
      programmeId: parts[0]!.programme_id,
      year: parts[0]!.year,
      parts: parts.map((p) => ({ part: p.part, fund: p.fund, amountFen: p.amount_fen, status: p.status })),
      ...(warnings.length ? { warnings: warnings.map((w) => w.code) } : {}),
    },
  }));
  // In slices: one audit statement has a parameter limit.
  for (const slice of chunks(entries, 1000)) await recordAudit(trx, actor, slice);
  return { warnings, committed: rows.length };
}

/** The door the applications module calls at final approval, inside its own transaction. */
export async function commitForApproval(
  trx: AnyTrx,
  ctx: { cipher: PersonalDataCipher },
  actor: Actor,
  req: CommitmentRequest,
): Promise<{ warnings: FundWarning[] }> {
  const { warnings } = await commitMany(trx, ctx, actor, [req]);
  return { warnings };
}

/** The apprenticeship remainder becomes payable (training completed and assessed). Idempotent. */
export async function releasePart(
  trx: AnyTrx,
  actor: Actor,
  ref: { county: string; applicationId: number; part: 'remainder' },
): Promise<void> {
  const parts = await commitmentRepository.forApplication(trx, ref.county, ref.applicationId, true);
  const row = parts.find((p) => p.part === ref.part);
  if (!row)
    throw new AppError('FUND_COMMITMENT_NOT_FOUND', {
      path: 'part',
      zh: `申请 ${ref.applicationId} 没有已承诺的“${PART_NAMES[ref.part]}”资金`,
    });
  if (row.status === 'released')
    throw new AppError('FUND_COMMITMENT_STATE', {
      zh: `申请 ${ref.applicationId} 的资金承诺已撤销，不能拨付`,
    });
  if (row.status !== 'pending') return;
  await commitmentRepository.setStatus(trx, ref.county, [row.id], 'unpaid');
  await recordAudit(trx, actor, {
    action: 'funds.releasePart',
    entityType: 'application',
    entityId: ref.applicationId,
    details: { part: ref.part, itemId: row.id, amountFen: row.amount_fen },
  });
}

/**
 * Withdrawn or cancelled after approval: the parts not yet paid go back to the budget (a guarantee
 * ends). A part already in a payment batch must be taken out of it first (marked failed there); paid
 * parts stay paid (recovered, if need be, through 抽查 and 追回).
 */
export async function cancelCommitment(
  trx: AnyTrx,
  actor: Actor,
  ref: { county: string; applicationId: number },
): Promise<void> {
  const parts = await commitmentRepository.forApplication(trx, ref.county, ref.applicationId, true);
  const batched = parts.find((p) => p.status === 'batched' || p.status === 'sent');
  if (batched)
    throw new AppError('FUND_COMMITMENT_STATE', {
      zh: `申请 ${ref.applicationId} 的资金已编入发放批次 ${batched.batch_id}，请先在该批次中将其标记为发放失败（注明撤销），再撤销承诺`,
      en: `item ${batched.id} is in payment batch ${batched.batch_id}`,
    });
  const open = parts.filter((p) => ['pending', 'unpaid', 'guaranteed'].includes(p.status));
  if (!open.length) return;
  await commitmentRepository.setStatus(
    trx,
    ref.county,
    open.map((p) => p.id),
    'released',
    { released_at: new Date() },
  );
  await postJournals(
    trx,
    actor.username,
    open.map((p) => ({
      county: p.county,
      kind: 'release',
      key: `release:${p.application_id}:${p.part}`,
      fund: p.fund,
      year: p.year,
      programmeId: p.programme_id,
      applicationId: p.application_id,
      memo: `item ${p.id}`,
      legs: legsFor('release', p.amount_fen, p.status === 'guaranteed' ? 'guaranteed' : 'committed'),
    })),
    'fail',
  );
  await recordAudit(trx, actor, {
    action: 'funds.cancelCommitment',
    entityType: 'application',
    entityId: ref.applicationId,
    details: { released: open.map((p) => ({ part: p.part, itemId: p.id, amountFen: p.amount_fen })) },
  });
}

/** The money parts of applications, for the applications module to show (no personal data). */
export async function paymentsForApplications(
  db: AnyDb,
  county: string,
  applicationIds: number[],
): Promise<Map<number, PaymentItemView[]>> {
  const out = new Map<number, PaymentItemView[]>();
  if (!applicationIds.length) return out;
  for (const r of await commitmentRepository.forApplications(db, county, applicationIds)) {
    const v: PaymentItemView = {
      itemId: r.id,
      applicationId: r.application_id,
      part: r.part as Part,
      programmeId: r.programme_id,
      programmeName: r.programme_name,
      fund: r.fund,
      fundName: r.fund_name,
      year: r.year,
      amountFen: r.amount_fen,
      status: r.status,
      batchId: r.batch_id,
      paidAt: r.paid_at?.toISOString() ?? null,
      failures: r.failures,
    };
    out.set(r.application_id, [...(out.get(r.application_id) ?? []), v]);
  }
  return out;
}
