import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { maskBankAccount } from '../../../platform/crypto/index.js';
import { maskIdNumber } from '../../../shared/identity/index.js';
import { can, covers, recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { parseBankResults, type BankResult } from '../domain/bank-results.js';
import { legsFor } from '../domain/ledger.js';
import { PARTS, type Part } from '../domain/payments.js';
import { batchRepository, type BatchRow, type LineRow } from '../infra/batch.repository.js';
import { fundRepository } from '../infra/budget.repository.js';
import { chunks } from '../infra/db.js';
import { postJournals } from '../infra/ledger.repository.js';
import type { FundsContext } from '../funds-context.js';
import { countyOf, scopeOf } from './scope.js';

/** A batch this big changes the tables enough to refresh the planner's statistics. */
const ANALYZE_AFTER = 10_000;

export const CreateBatchSchema = z.strictObject({
  fund: z.string().min(1).optional().describe('只编入该资金（代码或中文名称；含其专项部分）'),
  programmeId: z.string().min(1).max(80).optional(),
  maxItems: z.number().int().positive().max(1_000_000).optional(),
});
export type CreateBatch = z.infer<typeof CreateBatchSchema>;

export const BatchViewSchema = z.object({
  id: z.number(),
  status: z
    .enum(['building', 'ready', 'sending', 'sent', 'done'])
    .describe('building 编制中 · ready 待报送 · sending 报送中 · sent 已报送银行，待回盘 · done 已回盘'),
  scope: z.string(),
  fund: z.string().nullable(),
  programmeId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  builtAt: z.string().nullable(),
  disbursedAt: z.string().nullable(),
  items: z.number().describe('批次内未失败的明细数'),
  totalFen: z.number(),
  claimed: z.number().describe('待报送银行'),
  sent: z.number().describe('已报送银行，待银行回盘'),
  sentFen: z.number(),
  paid: z.number().describe('银行回盘成功'),
  paidFen: z.number(),
  failed: z.number(),
  failedFen: z.number(),
});
export type BatchView = z.infer<typeof BatchViewSchema>;

export const BatchItemViewSchema = z.object({
  seq: z.number(),
  itemId: z.number(),
  applicationId: z.number(),
  part: z.enum(PARTS),
  programmeId: z.string(),
  programmeName: z.string(),
  fund: z.string(),
  fundName: z.string(),
  payeeKind: z.enum(['person', 'enterprise']),
  payeeName: z.string(),
  idNumber: z.string().describe('证件号码（脱敏）'),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable().describe('银行账号（脱敏）'),
  amountFen: z.number(),
  status: z.enum(['claimed', 'sent', 'paid', 'failed']),
  reason: z.string().nullable(),
});
export type BatchItemView = z.infer<typeof BatchItemViewSchema>;

export const ResultsSchema = z.strictObject({
  results: z
    .array(
      z.strictObject({
        itemId: z.number().int().positive(),
        outcome: z.enum(['paid', 'failed']),
        reason: z.string().min(1).max(200).optional(),
      }),
    )
    .max(100_000)
    .optional(),
  /** The bank's returned file as CSV text (明细编号, 结果, 原因). */
  csv: z.string().max(20_000_000).optional(),
});
export type Results = z.infer<typeof ResultsSchema>;

export interface BatchProgress {
  batchId: number;
  phase: 'build' | 'send';
  done: number;
  total?: number;
}
export interface RunOptions {
  /** Items per transaction (default 1000). */
  chunk?: number;
  onProgress?: (p: BatchProgress) => void;
}

async function view(ctx: FundsContext, b: BatchRow): Promise<BatchView> {
  const tt = await batchRepository.totals(ctx.db, b.county, b.id);
  return {
    id: b.id,
    status: b.status as BatchView['status'],
    scope: b.scope,
    fund: b.fund,
    programmeId: b.programme_id,
    createdBy: b.created_by,
    createdAt: b.created_at.toISOString(),
    builtAt: b.built_at?.toISOString() ?? null,
    disbursedAt: b.disbursed_at?.toISOString() ?? null,
    items: tt.items,
    totalFen: tt.total_fen,
    claimed: tt.claimed,
    sent: tt.sent,
    sentFen: tt.sent_fen,
    paid: tt.paid,
    paidFen: tt.paid_fen,
    failed: tt.failed,
    failedFen: tt.failed_fen,
  };
}

/** A batch the actor may see (its scope lies within the actor's), else not found. */
export async function loadBatch(
  ctx: FundsContext,
  actor: Actor,
  id: number,
  county?: string,
): Promise<BatchRow> {
  const b = await batchRepository.find(ctx.db, countyOf(actor, county), id);
  if (!b || !covers(actor, b.scope)) throw new AppError('PAYMENT_BATCH_NOT_FOUND');
  return b;
}

/**
 * The city approver makes a batch from approved, unpaid, payable items within their jurisdiction
 * (optionally of one fund or programme; items that failed in an earlier batch are unpaid again). The
 * batch is built in chunks, each its own transaction; `runBatch` resumes a build that was cut off.
 */
export async function createBatch(
  ctx: FundsContext,
  actor: Actor,
  input: CreateBatch,
  opts: RunOptions & { county?: string } = {},
): Promise<BatchView> {
  requirePermission(actor, 'payments.manage');
  const county = countyOf(actor, opts.county);
  const scope = scopeOf(actor, county);
  let fund: string | null = null;
  if (input.fund) {
    const f = await fundRepository.find(ctx.db, input.fund);
    if (!f) throw new AppError('FUND_NOT_FOUND', { path: 'fund' });
    fund = f.code;
  }
  const eligible = await batchRepository.countEligible(
    ctx.db,
    county,
    scope,
    fund,
    input.programmeId ?? null,
  );
  if (eligible.n === 0) throw new AppError('PAYMENT_BATCH_EMPTY');
  const b = await ctx.db.transaction().execute(async (trx) => {
    const row = await batchRepository.insert(trx, {
      county,
      scope,
      fund,
      programme_id: input.programmeId ?? null,
      max_items: input.maxItems ?? null,
      created_by: actor.username,
    });
    await recordAudit(trx, actor, {
      action: 'paymentBatch.create',
      entityType: 'paymentBatch',
      entityId: row.id,
      details: {
        county,
        scope,
        fund,
        programmeId: input.programmeId ?? null,
        maxItems: input.maxItems ?? null,
      },
    });
    return row;
  });
  return view(ctx, await buildBatch(ctx, actor, b, opts));
}

/** Claim items chunk by chunk until none are left (or the batch is full), then mark it ready. */
async function buildBatch(
  ctx: FundsContext,
  actor: Actor,
  start: BatchRow,
  opts: RunOptions,
): Promise<BatchRow> {
  const chunk = opts.chunk ?? 1000;
  let done = (await batchRepository.totals(ctx.db, start.county, start.id)).items;
  for (;;) {
    const r = await ctx.db.transaction().execute(async (trx) => {
      const b = (await batchRepository.find(trx, start.county, start.id, true))!;
      if (b.status !== 'building') return { finished: true, n: 0, fen: 0 };
      const room = b.max_items === null ? chunk : Math.min(chunk, b.max_items - done);
      const got = room > 0 ? await batchRepository.claimChunk(trx, b, room) : { n: 0, fen: 0 };
      if (got.n < room || got.n === 0 || (b.max_items !== null && done + got.n >= b.max_items)) {
        const tt = await batchRepository.totals(trx, b.county, b.id);
        await batchRepository.setStatus(trx, b, 'ready', { built_at: new Date() });
        await recordAudit(trx, actor, {
          action: 'paymentBatch.built',
          entityType: 'paymentBatch',
          entityId: b.id,
          details: { items: tt.items, totalFen: tt.total_fen },
        });
        return { finished: true, ...got };
      }
      return { finished: false, ...got };
    });
    done += r.n;
    opts.onProgress?.({ batchId: start.id, phase: 'build', done });
    if (r.finished) break;
  }
  if (done >= ANALYZE_AFTER) await batchRepository.analyze(ctx.db);
  return (await batchRepository.find(ctx.db, start.county, start.id))!;
}

/**
 * Send a batch to the bank (报送银行: the roster is issued): chunk by chunk, each chunk one transaction
 * that marks its lines and items `sent`. Nothing is paid here: the money stays committed until the
 * bank's result file says paid (`recordResults`). A run cut off (even by SIGKILL) loses at most its open
 * chunk, which was never committed; the next run goes on from the lines still claimed. A build that was
 * cut off is finished first.
 */
export async function runBatch(
  ctx: FundsContext,
  actor: Actor,
  id: number,
  opts: RunOptions & { county?: string } = {},
): Promise<BatchView> {
  requirePermission(actor, 'payments.manage');
  let b = await loadBatch(ctx, actor, id, opts.county);
  if (b.status === 'building') b = await buildBatch(ctx, actor, b, opts);
  if (b.status === 'done' || b.status === 'sent') return view(ctx, b);
  const chunk = opts.chunk ?? 1000;
  const total = (await batchRepository.totals(ctx.db, b.county, b.id)).items;
  for (;;) {
    const n = await ctx.db.transaction().execute(async (trx) => {
      const cur = (await batchRepository.find(trx, b.county, b.id, true))!;
      if (cur.status === 'done' || cur.status === 'sent') return 0;
      if (cur.status === 'ready') {
        await batchRepository.setStatus(trx, cur, 'sending');
        await recordAudit(trx, actor, {
          action: 'paymentBatch.send.start',
          entityType: 'paymentBatch',
          entityId: cur.id,
        });
      }
      const lines = await batchRepository.claimedLines(trx, cur, chunk);
      if (!lines.length) {
        const tt = await batchRepository.totals(trx, cur.county, cur.id);
        // Sent: waiting for the bank's results; a batch with nothing left to send and no answer due is done.
        const next = tt.sent > 0 ? 'sent' : 'done';
        await batchRepository.setStatus(trx, cur, next, next === 'done' ? { disbursed_at: new Date() } : {});
        await recordAudit(trx, actor, {
          action: next === 'sent' ? 'paymentBatch.send.done' : 'paymentBatch.disburse.done',
          entityType: 'paymentBatch',
          entityId: cur.id,
          details: { sent: tt.sent, sentFen: tt.sent_fen, failed: tt.failed, failedFen: tt.failed_fen },
        });
        return 0;
      }
      // An item whose application came under a hold after it was batched is not sent: its line fails
      // with the hold's reason and it is unpaid again, for a batch after the hold is released.
      const held = lines.filter((l) => l.held);
      if (held.length) {
        await batchRepository.markFailed(
          trx,
          cur,
          held.map((l) => ({ itemId: l.item_id, reason: HELD_REASON })),
        );
        await recordAudit(trx, actor, {
          action: 'paymentBatch.held',
          entityType: 'paymentBatch',
          entityId: cur.id,
          details: { items: held.map((l) => l.item_id) },
        });
      }
      const sendable = lines.filter((l) => !l.held);
      if (sendable.length) {
        await batchRepository.markSent(
          trx,
          cur,
          sendable.map((l) => l.item_id),
        );
        await recordAudit(trx, actor, {
          action: 'paymentBatch.send',
          entityType: 'paymentBatch',
          entityId: cur.id,
          details: {
            items: sendable.length,
            amountFen: sendable.reduce((s, l) => s + l.amount_fen, 0),
            firstItem: sendable[0]!.item_id,
            lastItem: sendable.at(-1)!.item_id,
          },
        });
      }
      return lines.length;
    });
    if (!n) break;
    const tt = await batchRepository.totals(ctx.db, b.county, b.id);
    opts.onProgress?.({ batchId: b.id, phase: 'send', done: tt.sent + tt.paid, total });
  }
  if (total >= ANALYZE_AFTER) await batchRepository.analyze(ctx.db);
  return view(ctx, (await batchRepository.find(ctx.db, b.county, b.id))!);
}

type Trx = Parameters<typeof postJournals>[0];

const HELD_REASON = '暂停支付：交叉比对疑点待核实 (payment held: a cross-check flag is under review)';

async function disburse(
  trx: Trx,
  actor: Actor,
  b: BatchRow,
  lines: readonly {
    item_id: number;
    application_id: number;
    amount_fen: number;
    fund: string;
    year: number;
    programme_id: string;
  }[],
) {
  await batchRepository.markPaid(
    trx,
    b,
    lines.map((l) => l.item_id),
  );
  await postJournals(
    trx,
    actor.username,
    lines.map((l) => ({
      county: b.county,
      kind: 'disbursement',
      key: `disburse:${b.id}:${l.item_id}`,
      fund: l.fund,
      year: l.year,
      programmeId: l.programme_id,
      applicationId: l.application_id,
      memo: `batch ${b.id} item ${l.item_id}`,
      legs: legsFor('disbursement', l.amount_fen),
    })),
    'fail',
  );
  await recordAudit(trx, actor, {
    action: 'paymentBatch.disburse',
    entityType: 'paymentBatch',
    entityId: b.id,
    details: {
      items: lines.length,
      amountFen: lines.reduce((s, l) => s + l.amount_fen, 0),
      firstItem: lines[0]!.item_id,
      lastItem: lines.at(-1)!.item_id,
    },
  });
}

/** Resume every batch left building or sending (or ready to send) in a county, or all. */
export async function resumeBatches(
  ctx: FundsContext,
  actor: Actor,
  opts: RunOptions & { county?: string } = {},
): Promise<BatchView[]> {
  requirePermission(actor, 'payments.manage');
  const out: BatchView[] = [];
  for (const b of await batchRepository.unfinished(
    ctx.db,
    actor.division.length >= 6 ? countyOf(actor) : opts.county,
  ))
    if (covers(actor, b.scope)) out.push(await runBatch(ctx, actor, b.id, { ...opts, county: b.county }));
  return out;
}

/**
 * What the bank returned: items paid, or failed with the bank's reason. Only a sent item can be paid:
 * the disbursement journal (unique key `disburse:<batch>:<item>`) is posted here, on the bank's word.
 * A failed item is unpaid again (for a later batch; a claimed line not yet sent may also be taken out
 * so); if it had been paid, a reversal journal gives the money back to the commitment. Given as a
 * list, or as the bank's CSV file; recording the same file again changes nothing.
 */
export async function recordResults(
  ctx: FundsContext,
  actor: Actor,
  id: number,
  input: Results,
  opts: { county?: string } = {},
): Promise<BatchView & { recorded: { paid: number; failed: number; unchanged: number } }> {
  requirePermission(actor, 'payments.manage');
  let b = await loadBatch(ctx, actor, id, opts.county);
  if (b.status === 'building')
    throw new AppError('PAYMENT_BATCH_STATE', { zh: '批次尚未编制完成，不能登记发放结果' });
  const results: BankResult[] = [...(input.results ?? [])];
  if (input.csv !== undefined) {
    const parsed = parseBankResults(input.csv);
    if (parsed.problems.length)
      throw new AppError('PAYMENT_RESULT_INVALID', {
        path: 'csv',
        zh: `银行回盘文件有误：${parsed.problems
          .slice(0, 5)
          .map((p) => `第 ${p.line} 行 ${p.message}`)
          .join('；')}`,
      });
    results.push(...parsed.results);
  }
  if (!results.length) throw new AppError('PAYMENT_RESULT_INVALID', { path: 'results', zh: '没有发放结果' });
  for (const [i, r] of results.entries())
    if (r.outcome === 'failed' && !r.reason)
      throw new AppError('PAYMENT_RESULT_INVALID', {
        path: `results.${i}.reason`,
        zh: '发放失败须注明银行退回原因',
      });
  if (new Set(results.map((r) => r.itemId)).size !== results.length)
    throw new AppError('PAYMENT_RESULT_INVALID', { path: 'results', zh: '发放结果中有重复的明细编号' });
  const recorded = { paid: 0, failed: 0, unchanged: 0 };
  for (const part of chunks(results, 1000)) {
    await ctx.db.transaction().execute(async (trx) => {
      const cur = (await batchRepository.find(trx, b.county, b.id, true))!;
      const lines = new Map(
        (
          await batchRepository.linesFor(
            trx,
            cur,
            part.map((r) => r.itemId),
          )
        ).map((l) => [l.item_id, l]),
      );
      const toPay: typeof lines extends Map<number, infer L> ? L[] : never = [];
      const toFail: { itemId: number; reason: string }[] = [];
      const reversals: typeof toPay = [];
      for (const r of part) {
        const l = lines.get(r.itemId);
        if (!l)
          throw new AppError('PAYMENT_RESULT_INVALID', {
            path: 'results',
            zh: `明细 ${r.itemId} 不在批次 ${cur.id} 中`,
          });
        if (r.outcome === 'paid') {
          if (l.status === 'sent') toPay.push(l);
          else if (l.status === 'paid') recorded.unchanged++;
          else if (l.status === 'claimed')
            throw new AppError('PAYMENT_BATCH_STATE', {
              path: 'results',
              zh: `明细 ${r.itemId} 尚未报送银行，不能登记为发放成功`,
            });
          else
            throw new AppError('PAYMENT_RESULT_INVALID', {
              path: 'results',
              zh: `明细 ${r.itemId} 在本批次中已登记为发放失败，不能再改为成功；请编入新的批次发放`,
            });
        } else {
          if (l.status === 'failed') {
            recorded.unchanged++;
            continue;
          }
          if (l.checked)
            throw new AppError('PAYMENT_RESULT_INVALID', {
              path: 'results',
              zh: `明细 ${r.itemId} 已被抽查，不能改为发放失败`,
            });
          toFail.push({ itemId: r.itemId, reason: r.reason! });
          if (l.status === 'paid') reversals.push(l);
        }
      }
      if (toPay.length) await disburse(trx, actor, cur, toPay);
      if (toFail.length) {
        await batchRepository.markFailed(trx, cur, toFail);
        await postJournals(
          trx,
          actor.username,
          reversals.map((l) => ({
            county: cur.county,
            kind: 'reversal',
            key: `reverse:${cur.id}:${l.item_id}`,
            fund: l.fund,
            year: l.year,
            programmeId: l.programme_id,
            applicationId: l.application_id,
            memo: `batch ${cur.id} item ${l.item_id} returned by the bank`,
            legs: legsFor('reversal', l.amount_fen),
          })),
          'fail',
        );
        await recordAudit(trx, actor, {
          action: 'paymentBatch.failed',
          entityType: 'paymentBatch',
          entityId: cur.id,
          details: { items: toFail.map((f) => f.itemId), reversed: reversals.length },
        });
      }
      recorded.paid += toPay.length;
      recorded.failed += toFail.length;
      const tt = await batchRepository.totals(trx, cur.county, cur.id);
      if (tt.claimed === 0 && tt.sent === 0 && cur.status !== 'done') {
        await batchRepository.setStatus(trx, cur, 'done', { disbursed_at: new Date() });
        await recordAudit(trx, actor, {
          action: 'paymentBatch.disburse.done',
          entityType: 'paymentBatch',
          entityId: cur.id,
          details: { paid: tt.paid, paidFen: tt.paid_fen, failed: tt.failed, failedFen: tt.failed_fen },
        });
      }
    });
  }
  b = (await batchRepository.find(ctx.db, b.county, b.id))!;
  return { ...(await view(ctx, b)), recorded };
}

export async function getBatch(ctx: FundsContext, actor: Actor, id: number): Promise<BatchView> {
  requireRead(actor);
  return view(ctx, await loadBatch(ctx, actor, id));
}

export async function listBatches(ctx: FundsContext, actor: Actor, limit = 50): Promise<BatchView[]> {
  requireRead(actor);
  const county = countyOf(actor);
  const rows = await batchRepository.list(ctx.db, county, scopeOf(actor, county), Math.min(limit, 500));
  return Promise.all(rows.map((b) => view(ctx, b)));
}

function requireRead(actor: Actor) {
  if (!can(actor, 'payments.manage')) requirePermission(actor, 'funds.read');
}

/** The items of a batch, masked, a page at a time (after the line number `after`). */
export async function listBatchItems(
  ctx: FundsContext,
  actor: Actor,
  id: number,
  page: { after?: number | undefined; limit?: number | undefined } = {},
): Promise<BatchItemView[]> {
  requireRead(actor);
  const b = await loadBatch(ctx, actor, id);
  const rows = await batchRepository.page(
    ctx.db,
    b,
    scopeOf(actor, b.county),
    page.after ?? 0,
    Math.min(page.limit ?? 100, 1000),
    true,
  );
  return rows.map((r) => itemView(ctx, r, false));
}

/** One line for people: ID number and bank account masked, unless `reveal`. */
export function itemView(ctx: FundsContext, r: LineRow, reveal: boolean): BatchItemView {
  const id = ctx.cipher.decrypt(r.payee_id_number_enc);
  const account = r.bank_account_enc ? ctx.cipher.decrypt(r.bank_account_enc) : null;
  return {
    seq: r.seq,
    itemId: r.item_id,
    applicationId: r.application_id,
    part: r.part as Part,
    programmeId: r.programme_id,
    programmeName: r.programme_name,
    fund: r.fund,
    fundName: r.fund_name,
    payeeKind: r.payee_kind as 'person' | 'enterprise',
    payeeName: r.payee_name,
    idNumber: reveal ? id : maskIdNumber(id),
    bankName: r.bank_name,
    bankAccount: account === null ? null : reveal ? account : maskBankAccount(account),
    amountFen: r.amount_fen,
    status: r.status as BatchItemView['status'],
    reason: r.reason,
  };
}
