import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { legsFor } from '../domain/ledger.js';
import { fenToYuan } from '../domain/money.js';
import { DEFAULT_SPOT_CHECK_RATE_BP, drawSample, newSeed, sampleSize } from '../domain/spot-check-sample.js';
import { postJournals } from '../infra/ledger.repository.js';
import { spotCheckRepository, type SpotCheckRow } from '../infra/spot-check.repository.js';
import type { FundsContext } from '../funds-context.js';
import { countyOf, scopeOf } from './scope.js';

export const SpotCheckRateViewSchema = z.object({
  programmeId: z.string(),
  ratePercent: z.number(),
  updatedBy: z.string().nullable(),
});
export const SetSpotCheckRateSchema = z.strictObject({
  ratePercent: z
    .number()
    .min(0)
    .max(100)
    .refine(
      (v) => Number.isInteger(Math.round(v * 100)) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-9,
      '至多两位小数',
    )
    .describe('抽查比例（%），至多两位小数，默认 5%'),
});
export const DrawSpotChecksSchema = z.strictObject({ programmeId: z.string().min(1).max(80).optional() });

export const SpotCheckViewSchema = z.object({
  id: z.number(),
  drawId: z.number(),
  itemId: z.number(),
  applicationId: z.number(),
  programmeId: z.string(),
  fund: z.string(),
  year: z.number(),
  payeeName: z.string(),
  amountFen: z.number(),
  status: z.enum(['open', 'confirmed', 'irregular']),
  note: z.string().nullable(),
  checkedBy: z.string().nullable(),
  checkedAt: z.string().nullable(),
  recoveryFen: z.number(),
  recoveredFen: z.number(),
  drawnBy: z.string(),
  drawnAt: z.string(),
});
export type SpotCheckView = z.infer<typeof SpotCheckViewSchema>;

export const DrawViewSchema = z.object({
  id: z.number(),
  programmeId: z.string(),
  ratePercent: z.number(),
  seed: z.string(),
  population: z.number(),
  sampleSize: z.number(),
  itemIds: z.array(z.number()),
});
export type DrawView = z.infer<typeof DrawViewSchema>;

export const SpotCheckResultSchema = z
  .strictObject({
    result: z.enum(['confirmed', 'irregular']),
    note: z.string().min(1).max(2000).optional(),
    recoveryFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('应追回金额（分）'),
  })
  .refine((v) => v.result === 'confirmed' || !!v.note, { path: ['note'], message: '核查发现问题须说明情况' })
  .refine((v) => v.result === 'irregular' || !v.recoveryFen, {
    path: ['recoveryFen'],
    message: '核查无误不能追回',
  });
export type SpotCheckResult = z.infer<typeof SpotCheckResultSchema>;

export const RecoverySchema = z.strictObject({
  amountFen: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('本次追回到账金额（分）'),
});

const view = (r: SpotCheckRow): SpotCheckView => ({
  id: r.id,
  drawId: r.draw_id,
  itemId: r.item_id,
  applicationId: r.application_id,
  programmeId: r.programme_id,
  fund: r.fund,
  year: r.year,
  payeeName: r.payee_name,
  amountFen: r.amount_fen,
  status: r.status as SpotCheckView['status'],
  note: r.note,
  checkedBy: r.checked_by,
  checkedAt: r.checked_at?.toISOString() ?? null,
  recoveryFen: r.recovery_fen,
  recoveredFen: r.recovered_fen,
  drawnBy: r.drawn_by,
  drawnAt: r.drawn_at.toISOString(),
});

export async function listSpotCheckRates(ctx: FundsContext, actor: Actor) {
  requirePermission(actor, 'spotChecks.manage');
  return (await spotCheckRepository.rates(ctx.db, countyOf(actor))).map((r) => ({
    programmeId: r.programme_id,
    ratePercent: r.rate_bp / 100,
    updatedBy: r.updated_by,
  }));
}

export async function setSpotCheckRate(
  ctx: FundsContext,
  actor: Actor,
  programmeId: string,
  ratePercent: number,
) {
  requirePermission(actor, 'spotChecks.manage');
  const county = countyOf(actor);
  const bp = Math.round(ratePercent * 100);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = await spotCheckRepository.setRate(trx, county, programmeId, bp, actor.username);
    await recordAudit(trx, actor, {
      action: 'spotCheck.rate.set',
      entityType: 'spotCheckRate',
      entityId: programmeId,
      details: { rateBp: bp },
    });
    return r;
  });
  return { programmeId: row.programme_id, ratePercent: row.rate_bp / 100, updatedBy: row.updated_by };
}

/**
 * Draw the 抽查 samples: per programme, of the paid items within the actor's jurisdiction not checked
 * before, the programme's rate (default 5%) at random, with a recorded seed and population so the draw
 * can be repeated by anyone. Each sampled item gets an open check.
 */
export async function drawSpotChecks(
  ctx: FundsContext,
  actor: Actor,
  input: { programmeId?: string | undefined },
): Promise<DrawView[]> {
  requirePermission(actor, 'spotChecks.manage');
  const county = countyOf(actor);
  const scope = scopeOf(actor, county);
  return ctx.db.transaction().execute(async (trx) => {
    const out: DrawView[] = [];
    for (const p of await spotCheckRepository.populations(trx, county, scope, input.programmeId)) {
      const rate = p.rate_bp ?? DEFAULT_SPOT_CHECK_RATE_BP;
      const size = sampleSize(p.ids.length, rate);
      if (!size) continue;
      const seed = newSeed();
      const sample = drawSample(seed, p.ids, size);
      const draw = await spotCheckRepository.insertDraw(trx, {
        county,
        programme_id: p.programme_id,
        rate_bp: rate,
        seed,
        population: p.ids,
        sample_size: size,
        drawn_by: actor.username,
      });
      await spotCheckRepository.insertChecks(trx, county, draw.id, p.programme_id, sample);
      await recordAudit(trx, actor, {
        action: 'spotCheck.draw',
        entityType: 'spotCheckDraw',
        entityId: draw.id,
        details: { programmeId: p.programme_id, rateBp: rate, population: p.ids.length, seed, items: sample },
      });
      out.push({
        id: draw.id,
        programmeId: p.programme_id,
        ratePercent: rate / 100,
        seed,
        population: p.ids.length,
        sampleSize: size,
        itemIds: sample,
      });
    }
    return out;
  });
}

export async function listSpotChecks(
  ctx: FundsContext,
  actor: Actor,
  filter: {
    status?: 'open' | 'confirmed' | 'irregular' | undefined;
    programmeId?: string | undefined;
    limit?: number | undefined;
  },
): Promise<SpotCheckView[]> {
  requirePermission(actor, 'spotChecks.manage');
  const county = countyOf(actor);
  return (
    await spotCheckRepository.list(ctx.db, county, scopeOf(actor, county), {
      ...filter,
      limit: Math.min(filter.limit ?? 100, 1000),
    })
  ).map(view);
}

async function loadCheck(
  ctx: FundsContext,
  trx: Parameters<typeof postJournals>[0],
  actor: Actor,
  id: number,
) {
  const county = countyOf(actor);
  const row = await spotCheckRepository.find(trx, county, scopeOf(actor, county), id, true);
  if (!row) throw new AppError('SPOT_CHECK_NOT_FOUND');
  return row;
}

/**
 * The verification's result: confirmed, or irregular with a note; an irregular finding may claim a
 * recovery (追回) of up to the amount paid, posted as recoverable in the ledger.
 */
export async function recordSpotCheckResult(
  ctx: FundsContext,
  actor: Actor,
  id: number,
  input: SpotCheckResult,
): Promise<SpotCheckView> {
  requirePermission(actor, 'spotChecks.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadCheck(ctx, trx, actor, id);
    if (row.status !== 'open') throw new AppError('SPOT_CHECK_STATE', { zh: '该抽查已登记核查结果' });
    const recovery = input.recoveryFen ?? 0;
    if (recovery > row.amount_fen)
      throw new AppError('RECOVERY_EXCEEDS', {
        path: 'recoveryFen',
        zh: `追回金额 ${fenToYuan(recovery)} 元超过已发放金额 ${fenToYuan(row.amount_fen)} 元`,
      });
    await spotCheckRepository.update(trx, row.county, row.id, {
      status: input.result,
      note: input.note ?? null,
      checked_by: actor.username,
      checked_at: new Date(),
      recovery_fen: recovery,
    });
    if (recovery > 0)
      await postJournals(trx, actor.username, [
        {
          county: row.county,
          kind: 'recovery-claim',
          key: `recovery-claim:${row.id}`,
          fund: row.fund,
          year: row.year,
          programmeId: row.programme_id,
          applicationId: row.application_id,
          memo: `spot check ${row.id} item ${row.item_id}`,
          legs: legsFor('recovery-claim', recovery),
        },
      ]);
    await recordAudit(trx, actor, {
      action: 'spotCheck.result',
      entityType: 'spotCheck',
      entityId: row.id,
      details: { result: input.result, itemId: row.item_id, recoveryFen: recovery, note: input.note ?? null },
    });
  });
  return getSpotCheck(ctx, actor, id);
}

export const ClaimRecoverySchema = z.strictObject({
  recoveryFen: z
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .describe('应追回金额合计（分）：不少于已确定的金额，不超过已发放金额'),
});

/**
 * The amount to recover of an irregular finding, set after the finding (the amount is often known only
 * once the case is looked into) or raised: the difference is posted as recoverable. A finding saved
 * without an amount is so never stuck (issue 13); the amount never goes down (a claim posted stays, a
 * correction would be a new journal) and never exceeds what was paid.
 */
export async function claimRecovery(
  ctx: FundsContext,
  actor: Actor,
  id: number,
  input: { recoveryFen: number },
): Promise<SpotCheckView> {
  requirePermission(actor, 'spotChecks.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadCheck(ctx, trx, actor, id);
    if (row.status !== 'irregular')
      throw new AppError('SPOT_CHECK_STATE', { zh: '只有核查发现问题的抽查才能确定应追回金额' });
    if (input.recoveryFen > row.amount_fen)
      throw new AppError('RECOVERY_EXCEEDS', {
        path: 'recoveryFen',
        zh: `追回金额 ${fenToYuan(input.recoveryFen)} 元超过已发放金额 ${fenToYuan(row.amount_fen)} 元`,
      });
    if (input.recoveryFen <= row.recovery_fen)
      throw new AppError('RECOVERY_EXCEEDS', {
        path: 'recoveryFen',
        zh: `应追回金额已确定为 ${fenToYuan(row.recovery_fen)} 元，只能调高`,
      });
    const delta = input.recoveryFen - row.recovery_fen;
    await spotCheckRepository.update(trx, row.county, row.id, { recovery_fen: input.recoveryFen });
    await postJournals(trx, actor.username, [
      {
        county: row.county,
        kind: 'recovery-claim',
        key: `recovery-claim:${row.id}:${row.recovery_fen}`,
        fund: row.fund,
        year: row.year,
        programmeId: row.programme_id,
        applicationId: row.application_id,
        memo: `spot check ${row.id} item ${row.item_id}`,
        legs: legsFor('recovery-claim', delta),
      },
    ]);
    await recordAudit(trx, actor, {
      action: 'spotCheck.recoveryClaim',
      entityType: 'spotCheck',
      entityId: row.id,
      details: { itemId: row.item_id, fromFen: row.recovery_fen, toFen: input.recoveryFen },
    });
  });
  return getSpotCheck(ctx, actor, id);
}

/** Money recovered (追回到账), in one or several payments, up to what was claimed. */
export async function recordRecovery(
  ctx: FundsContext,
  actor: Actor,
  id: number,
  input: { amountFen: number },
): Promise<SpotCheckView> {
  requirePermission(actor, 'spotChecks.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadCheck(ctx, trx, actor, id);
    if (row.status !== 'irregular' || row.recovery_fen === 0)
      throw new AppError('SPOT_CHECK_STATE', {
        zh: '该抽查尚未确定应追回金额：请先确定应追回金额，再登记追回到账',
      });
    const left = row.recovery_fen - row.recovered_fen;
    if (input.amountFen > left)
      throw new AppError('RECOVERY_EXCEEDS', {
        path: 'amountFen',
        zh: `本次追回 ${fenToYuan(input.amountFen)} 元超过尚未追回的 ${fenToYuan(left)} 元`,
      });
    await spotCheckRepository.update(trx, row.county, row.id, {
      recovered_fen: row.recovered_fen + input.amountFen,
    });
    await postJournals(trx, actor.username, [
      {
        county: row.county,
        kind: 'recovery',
        key: `recovered:${row.id}:${row.recovered_fen}`,
        fund: row.fund,
        year: row.year,
        programmeId: row.programme_id,
        applicationId: row.application_id,
        memo: `spot check ${row.id} item ${row.item_id}`,
        legs: legsFor('recovery', input.amountFen),
      },
    ]);
    await recordAudit(trx, actor, {
      action: 'spotCheck.recovered',
      entityType: 'spotCheck',
      entityId: row.id,
      details: { amountFen: input.amountFen, recoveredFen: row.recovered_fen + input.amountFen },
    });
  });
  return getSpotCheck(ctx, actor, id);
}

export async function getSpotCheck(ctx: FundsContext, actor: Actor, id: number): Promise<SpotCheckView> {
  requirePermission(actor, 'spotChecks.manage');
  const county = countyOf(actor);
  const row = await spotCheckRepository.find(ctx.db, county, scopeOf(actor, county), id);
  if (!row) throw new AppError('SPOT_CHECK_NOT_FOUND');
  return view(row);
}
