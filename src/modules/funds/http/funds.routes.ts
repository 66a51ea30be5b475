import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { created, ErrorBodySchema, IdParamsSchema, ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import {
  BatchItemViewSchema,
  BatchViewSchema,
  BudgetViewSchema,
  claimRecovery,
  ClaimRecoverySchema,
  HeldItemViewSchema,
  listHeldItems,
  createBatch,
  CreateBatchSchema,
  drawSpotChecks,
  DrawSpotChecksSchema,
  DrawViewSchema,
  fundLedger,
  FundViewSchema,
  getBatch,
  getSpotCheck,
  LedgerViewSchema,
  listBatches,
  listBatchItems,
  listBudgets,
  listFunds,
  listSpotCheckRates,
  listSpotChecks,
  prepareRoster,
  recordRecovery,
  recordResults,
  recordSpotCheckResult,
  RecoverySchema,
  ResultsSchema,
  RosterQuerySchema,
  runBatch,
  setBudget,
  SetBudgetSchema,
  setSpotCheckRate,
  SetSpotCheckRateSchema,
  SpotCheckRateViewSchema,
  SpotCheckResultSchema,
  SpotCheckViewSchema,
} from '../index.js';

const FundParamsSchema = z.strictObject({
  code: z.string().min(1).max(60).describe('资金代码，如 employment-subsidy'),
});
const YearQuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const ProgrammeParamsSchema = z.strictObject({ programmeId: z.string().min(1).max(80) });

export function fundsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['funds'];
    app.get(
      '/funds',
      {
        schema: {
          tags,
          summary: '资金 Funds, with budgets and balances (fen) for a year',
          querystring: YearQuerySchema,
          response: ok(z.array(FundViewSchema)),
        },
      },
      async (req) => listFunds(ctx, requireActor(req), req.query.year),
    );
    app.get(
      '/funds/:code/budgets',
      {
        schema: {
          tags,
          summary: '年度预算 A fund’s yearly budgets per programme, with available, committed and paid',
          params: FundParamsSchema,
          querystring: YearQuerySchema,
          response: ok(z.array(BudgetViewSchema)),
        },
      },
      async (req) => listBudgets(ctx, requireActor(req), req.params.code, req.query.year),
    );
    app.put(
      '/funds/:code/budgets',
      {
        schema: {
          tags,
          summary:
            '设置预算 Finance sets a programme’s yearly budget (fen) and what happens when it runs out',
          params: FundParamsSchema,
          body: SetBudgetSchema,
          response: { ...ok(BudgetViewSchema), 422: ErrorBodySchema },
        },
      },
      async (req) => setBudget(ctx, requireActor(req), req.params.code, req.body),
    );
    app.get(
      '/funds/:code/ledger',
      {
        schema: {
          tags,
          summary: '资金台账 Ledger balances per year and programme, and the latest journals',
          params: FundParamsSchema,
          querystring: z.strictObject({
            year: z.coerce.number().int().min(2000).max(2100).optional(),
            programmeId: z.string().max(80).optional(),
            limit: z.coerce.number().int().min(1).max(1000).optional(),
          }),
          response: ok(LedgerViewSchema),
        },
      },
      async (req) => fundLedger(ctx, requireActor(req), req.params.code, req.query),
    );

    const batchTags = ['payments'];
    app.post(
      '/payment-batches',
      {
        schema: {
          tags: batchTags,
          summary:
            '生成发放批次 Make a batch of approved, unpaid items (optionally of one fund or programme)',
          body: CreateBatchSchema,
          response: { ...created(BatchViewSchema), 422: ErrorBodySchema },
        },
      },
      async (req, reply) => reply.status(201).send(await createBatch(ctx, requireActor(req), req.body)),
    );
    app.get(
      '/payment-batches',
      {
        schema: {
          tags: batchTags,
          summary: '发放批次 Payment batches within your jurisdiction',
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).optional() }),
          response: ok(z.array(BatchViewSchema)),
        },
      },
      async (req) => listBatches(ctx, requireActor(req), req.query.limit),
    );
    app.get(
      '/payment-items/held',
      {
        schema: {
          tags: batchTags,
          summary:
            '暂缓发放 Approved, unpaid items no batch takes, with the reason (无收款账户, or a payment hold)',
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).optional() }),
          response: ok(z.array(HeldItemViewSchema)),
        },
      },
      async (req) => listHeldItems(ctx, requireActor(req), req.query),
    );
    app.get(
      '/payment-batches/:id',
      {
        schema: {
          tags: batchTags,
          summary: '批次详情 A batch with its totals',
          params: IdParamsSchema,
          response: ok(BatchViewSchema),
        },
      },
      async (req) => getBatch(ctx, requireActor(req), req.params.id),
    );
    app.get(
      '/payment-batches/:id/items',
      {
        schema: {
          tags: batchTags,
          summary: '批次明细 The batch’s items (masked), by line number',
          params: IdParamsSchema,
          querystring: z.strictObject({
            after: z.coerce.number().int().min(0).optional(),
            limit: z.coerce.number().int().min(1).max(1000).optional(),
          }),
          response: ok(z.array(BatchItemViewSchema)),
        },
      },
      async (req) => listBatchItems(ctx, requireActor(req), req.params.id, req.query),
    );
    app.post(
      '/payment-batches/:id/run',
      {
        schema: {
          tags: batchTags,
          summary:
            '报送银行 Send the batch to the bank (items become sent; paid only on the bank’s results; resumes an interrupted run)',
          params: IdParamsSchema,
          response: ok(BatchViewSchema),
        },
      },
      async (req) => runBatch(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/payment-batches/:id/results',
      {
        schema: {
          tags: batchTags,
          summary: '登记发放结果 Items paid, or failed with the bank’s reason (a list, or the bank’s CSV)',
          params: IdParamsSchema,
          body: ResultsSchema,
          response: ok(
            BatchViewSchema.extend({
              recorded: z.object({ paid: z.number(), failed: z.number(), unchanged: z.number() }),
            }),
          ),
        },
      },
      async (req) => recordResults(ctx, requireActor(req), req.params.id, req.body),
    );
    for (const format of ['xlsx', 'csv'] as const) {
      app.get(
        `/payment-batches/:id/roster.${format}`,
        {
          schema: {
            tags: batchTags,
            summary: `发放花名册 The batch’s roster as ${format === 'xlsx' ? '.xlsx' : 'CSV'} (ID numbers and accounts masked unless revealed with a reason)`,
            params: IdParamsSchema,
            querystring: RosterQuerySchema,
            response: {
              200: z.any().describe(`the roster file (${format})`),
              400: ErrorBodySchema,
              403: ErrorBodySchema,
              404: ErrorBodySchema,
            },
          },
        },
        async (req, reply) => {
          const roster = await prepareRoster(ctx, requireActor(req), req.params.id, format, req.query);
          const body = new PassThrough();
          roster.write(body).catch((e: unknown) => body.destroy(e as Error));
          return reply
            .type(roster.contentType)
            .header('content-disposition', `attachment; filename="${roster.filename}"`)
            .header('cache-control', 'no-store')
            .send(body);
        },
      );
    }

    const checkTags = ['spot-checks'];
    app.get(
      '/spot-checks/rates',
      {
        schema: {
          tags: checkTags,
          summary: '抽查比例 Spot-check rates set per programme (default 5%)',
          response: ok(z.array(SpotCheckRateViewSchema)),
        },
      },
      async (req) => listSpotCheckRates(ctx, requireActor(req)),
    );
    app.put(
      '/spot-checks/rates/:programmeId',
      {
        schema: {
          tags: checkTags,
          summary: '设置抽查比例 Set a programme’s spot-check rate (%)',
          params: ProgrammeParamsSchema,
          body: SetSpotCheckRateSchema,
          response: ok(SpotCheckRateViewSchema),
        },
      },
      async (req) => setSpotCheckRate(ctx, requireActor(req), req.params.programmeId, req.body.ratePercent),
    );
    app.post(
      '/spot-checks/draws',
      {
        schema: {
          tags: checkTags,
          summary: '抽取样本 Draw a random sample of paid items per programme (seed and population recorded)',
          body: DrawSpotChecksSchema,
          response: created(z.array(DrawViewSchema)),
        },
      },
      async (req, reply) => reply.status(201).send(await drawSpotChecks(ctx, requireActor(req), req.body)),
    );
    app.get(
      '/spot-checks',
      {
        schema: {
          tags: checkTags,
          summary: '抽查记录 Spot checks within your jurisdiction',
          querystring: z.strictObject({
            status: z.enum(['open', 'confirmed', 'irregular']).optional(),
            programmeId: z.string().max(80).optional(),
            limit: z.coerce.number().int().min(1).max(1000).optional(),
          }),
          response: ok(z.array(SpotCheckViewSchema)),
        },
      },
      async (req) => listSpotChecks(ctx, requireActor(req), req.query),
    );
    app.get(
      '/spot-checks/:id',
      {
        schema: {
          tags: checkTags,
          summary: '抽查详情 A spot check',
          params: IdParamsSchema,
          response: ok(SpotCheckViewSchema),
        },
      },
      async (req) => getSpotCheck(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/spot-checks/:id/result',
      {
        schema: {
          tags: checkTags,
          summary: '核查结果 Confirmed, or irregular with a note (and a recovery 追回 to claim)',
          params: IdParamsSchema,
          body: SpotCheckResultSchema,
          response: { ...ok(SpotCheckViewSchema), 422: ErrorBodySchema },
        },
      },
      async (req) => recordSpotCheckResult(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/spot-checks/:id/recovery-claim',
      {
        schema: {
          tags: checkTags,
          summary: '确定应追回金额 Set (or raise) the amount to recover for an irregular finding',
          params: IdParamsSchema,
          body: ClaimRecoverySchema,
          response: { ...ok(SpotCheckViewSchema), 422: ErrorBodySchema },
        },
      },
      async (req) => claimRecovery(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/spot-checks/:id/recoveries',
      {
        schema: {
          tags: checkTags,
          summary: '追回到账 Money recovered for an irregular finding',
          params: IdParamsSchema,
          body: RecoverySchema,
          response: { ...ok(SpotCheckViewSchema), 422: ErrorBodySchema },
        },
      },
      async (req) => recordRecovery(ctx, requireActor(req), req.params.id, req.body),
    );
  };
}
