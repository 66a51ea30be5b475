import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../platform/http/schemas.js';
import type { AppContext } from '../../../app/app-context.js';
import { CalendarDateSchema } from '../../../shared/dates/calendar-date.js';
import { requireActor } from '../../../platform/http/session.js';
import { IdParamsSchema } from '../../../platform/http/schemas.js';
import { isCalendarDate, todayInChina } from '../../../shared/dates/calendar-date.js';
import { evaluateRegisteredPerson } from '../use-cases/evaluate-registered-person.js';
import { runScan, startScan } from '../use-cases/run-scan.js';
import { simulate } from '../use-cases/simulate.js';
import { getScanRun, listScanFindings, scanFindingCounts } from '../use-cases/findings.js';
import type { PackSources } from '../domain/compile-pack.js';
import { contractResult } from '../domain/evaluate.js';
import {
  GuideViewSchema,
  OnSiteItemSchema,
  onSiteItems,
  policyList,
  PolicyListSchema,
  serviceGuide,
} from '../use-cases/public-guide.js';

const ResultSchema = z.object({
  date: z.string(),
  pack: z.string(),
  results: z.array(
    z.object({
      programme: z.string(),
      eligible: z.boolean().nullable(),
      amount: z.number(),
      components: z.array(z.object({ id: z.string(), amount: z.number(), payer: z.string() })),
      reasons: z.array(z.object({ condition: z.string(), met: z.boolean().nullable() })),
      missing: z.array(z.string()),
      legalBasis: z.string(),
      fund: z.string().nullable(),
      provisional: z.boolean(),
      excludedFromMeansTest: z.boolean(),
    }),
  ),
});

/** A division code prefix to work within (default: the caller's jurisdiction). */
const ScopeSchema = z
  .string()
  .regex(/^\d{6,12}$/)
  .optional();

const ScanSummarySchema = z.object({
  runId: z.number(),
  pack: z.string(),
  scope: z.string(),
  date: z.string(),
  incremental: z.boolean(),
  subjects: z.number(),
  programmes: z.number(),
  findings: z.number(),
  seconds: z.number(),
  readSeconds: z.number(),
  storeSeconds: z.number(),
});
const FindingSchema = z.object({
  subjectType: z.string(),
  subjectId: z.number(),
  programme: z.string(),
  township: z.string(),
  division: z.string(),
  amount: z.number(),
  reasons: z.unknown(),
  asOf: z.string(),
  status: z.string(),
  firstFoundAt: z.string(),
});
const CountSchema = z.object({
  township: z.string(),
  programme: z.string(),
  status: z.string(),
  count: z.number(),
  amount: z.number(),
});
const Side = z.object({ beneficiaries: z.number(), cost: z.number() });
const CellSchema = z.object({ programme: z.string(), township: z.string(), baseline: Side, reform: Side });
const SimulationSchema = z.object({
  pack: z.string(),
  scope: z.string(),
  date: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  affected: z.array(z.string()),
  byProgramme: z.array(CellSchema),
  byProgrammeAndTownship: z.array(CellSchema),
  subjects: z.number(),
  seconds: z.number(),
});
const PackVersionSchema = z.object({
  id: z.number(),
  pack: z.string(),
  version: z.string(),
  checksum: z.string(),
  loadedAt: z.string(),
  loadedBy: z.string(),
  activeFrom: z.string().nullable(),
  activatedAt: z.string().nullable(),
  activatedBy: z.string().nullable(),
});
const Change = z.enum(['added', 'removed', 'changed']);
const DiffSchema = z.object({
  from: z.string(),
  to: z.string(),
  parameters: z.array(
    z.object({
      id: z.string(),
      change: Change,
      before: z.unknown().optional(),
      after: z.unknown().optional(),
    }),
  ),
  programmes: z.array(z.object({ id: z.string(), change: Change, parts: z.array(z.string()).optional() })),
  cases: z.object({ before: z.number(), after: z.number() }),
});

/**
 * The rules contract over HTTP (shared/contracts/rules-cli.md). Public: the policy calculator uses it
 * without login, and nothing is stored. The engine validates the case itself, so the CLI and HTTP give
 * the same errors.
 */
export function rulesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const engineOn = (date: unknown) => ctx.rules.engineFor(isCalendarDate(date) ? date : todayInChina());
  const tags = ['rules'];
  return async (app) => {
    app.post(
      '/persons/:id/evaluate',
      {
        schema: {
          tags: ['rules'],
          summary: '按登记信息评估 Evaluate a registered person on a date, with the sources of the facts',
          params: IdParamsSchema,
          body: z.strictObject({
            date: CalendarDateSchema,
            programmes: z.array(z.string().max(60)).max(50).optional(),
            parameters: z.record(z.string(), z.unknown()).optional(),
          }),
          response: {
            200: ResultSchema.extend({
              personId: z.number(),
              facts: z.record(z.string(), z.unknown()).describe('the facts used (ID number masked)'),
              sources: z.record(
                z.string(),
                z.object({
                  kind: z.string(),
                  ref: z.string().nullable(),
                  recordedAt: z.string(),
                  recordedBy: z.number().nullable(),
                  validFrom: z.string().nullable(),
                  validTo: z.string().nullable(),
                  via: z.string().optional(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) =>
        evaluateRegisteredPerson(ctx, requireActor(req), engineOn(req.body.date), {
          personId: req.params.id,
          ...req.body,
        }),
    );

    const publicTags = ['public'];
    const DateQuery = z.strictObject({ date: CalendarDateSchema.optional() });
    app.get(
      '/public/programmes',
      {
        schema: {
          tags: publicTags,
          summary: '政策清单 Every programme of the policy in force, by audience (no login)',
          querystring: DateQuery,
          response: { 200: PolicyListSchema, ...errorResponses },
        },
      },
      async (req) => {
        const date = req.query.date ?? todayInChina();
        return policyList(engineOn(date), date);
      },
    );
    app.get(
      '/public/programmes/:id',
      {
        schema: {
          tags: publicTags,
          summary: '办事指南 The service guide of a programme, with its standards and legal basis (no login)',
          params: z.strictObject({ id: z.string().min(1).max(80) }),
          querystring: DateQuery,
          response: { 200: GuideViewSchema, ...errorResponses },
        },
      },
      async (req) => {
        const date = req.query.date ?? todayInChina();
        return serviceGuide(engineOn(date), req.params.id, date);
      },
    );
    app.get(
      '/public/on-site-items',
      {
        schema: {
          tags: publicTags,
          summary: '必须到现场办理事项目录 What must be done on site, and why (no login)',
          response: { 200: z.array(OnSiteItemSchema) },
        },
      },
      async () => onSiteItems(engineOn(undefined)),
    );

    app.post(
      '/rules/evaluate',
      {
        schema: {
          tags: ['rules'],
          summary: '评估案例 Evaluate a case against the active policy pack',
          description:
            'Body: `{ date, programmes?, parameters?, person | enterprise }` as in the rules contract. Facts not given give `eligible: null` and are named in `missing`.',
          body: z.record(z.string(), z.unknown()),
          response: { 200: ResultSchema, ...errorResponses },
        },
      },
      async (req) => {
        const r = engineOn(req.body.date).evaluateCase(req.body);
        return { date: r.date, pack: r.pack, results: r.results.map(contractResult) };
      },
    );

    app.post(
      '/rules/scans',
      {
        schema: {
          tags,
          summary: '政策找人 Run a scan: who in scope qualifies (stored as a list to work through)',
          body: z.strictObject({
            date: CalendarDateSchema.optional(),
            scope: ScopeSchema,
            programmes: z.array(z.string().max(60)).max(50).optional(),
            incremental: z.boolean().optional(),
            /** Answer when done (200) instead of at once with the run to follow (202). */
            wait: z.boolean().optional(),
          }),
          response: {
            200: ScanSummarySchema,
            202: z.object({ runId: z.number(), status: z.literal('running') }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        const date = req.body.date ?? todayInChina();
        const { wait, ...opts } = req.body;
        const actor = requireActor(req);
        if (wait) return runScan(ctx.database, actor, ctx.rules.engineFor(date), { ...opts, date });
        const { runId, completion } = await startScan(ctx.database, actor, ctx.rules.engineFor(date), {
          ...opts,
          date,
        });
        completion.catch((e: unknown) =>
          req.log.error({ runId }, e instanceof Error ? e.message : 'scan failed'),
        );
        return reply.status(202).send({ runId, status: 'running' as const });
      },
    );
    app.get(
      '/rules/scans/:id',
      {
        schema: {
          tags,
          summary: '扫描进度 A scan run: running, done or failed',
          params: IdParamsSchema,
          response: {
            200: z.object({
              runId: z.number(),
              pack: z.string(),
              scope: z.string(),
              date: z.string(),
              incremental: z.boolean(),
              status: z.enum(['running', 'done', 'failed']),
              startedAt: z.string(),
              finishedAt: z.string().nullable(),
              subjects: z.number(),
              findings: z.number(),
              error: z.string().nullable(),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => getScanRun(ctx.db, requireActor(req), req.params.id),
    );
    app.get(
      '/rules/findings',
      {
        schema: {
          tags,
          summary: '政策找人名单 The list of people and enterprises who qualify and have not applied',
          querystring: z.strictObject({
            township: z
              .string()
              .regex(/^\d{9}$/)
              .optional(),
            programme: z.string().max(60).optional(),
            status: z.enum(['open', 'notified', 'dismissed', 'applied']).optional(),
            limit: z.coerce.number().int().min(1).max(1000).optional(),
            offset: z.coerce.number().int().min(0).optional(),
          }),
          response: { 200: z.array(FindingSchema), ...errorResponses },
        },
      },
      async (req) => listScanFindings(ctx.db, requireActor(req), req.query),
    );
    app.get(
      '/rules/findings/summary',
      {
        schema: {
          tags,
          summary: '名单汇总 Counts and amounts by township, programme and status',
          response: { 200: z.array(CountSchema), ...errorResponses },
        },
      },
      async (req) => scanFindingCounts(ctx.db, requireActor(req)),
    );
    app.post(
      '/rules/simulations',
      {
        schema: {
          tags,
          summary:
            '政策测算 What would a parameter change cost: beneficiaries and cost per programme and township',
          body: z.strictObject({
            date: CalendarDateSchema.optional(),
            scope: ScopeSchema,
            parameters: z.record(z.string(), z.unknown()),
            programmes: z.array(z.string().max(60)).max(50).optional(),
          }),
          response: { 200: SimulationSchema, ...errorResponses },
        },
      },
      async (req) => {
        const date = req.body.date ?? todayInChina();
        return simulate(ctx.database, requireActor(req), ctx.rules.engineFor(date), { ...req.body, date });
      },
    );

    app.get(
      '/rules/packs',
      {
        schema: {
          tags,
          summary: '政策包版本 Pack versions and their activation',
          response: {
            200: z.object({ bundled: z.string(), versions: z.array(PackVersionSchema) }),
            ...errorResponses,
          },
        },
      },
      async (req) => ctx.rules.list(requireActor(req)),
    );
    app.post(
      '/rules/packs',
      {
        schema: {
          tags,
          summary:
            '载入新版本 Load a new pack version: validated, its cases run, kept inactive; answers its differences',
          body: z.strictObject({ sources: z.record(z.string(), z.unknown()) }),
          response: { 201: z.object({ version: PackVersionSchema, diff: DiffSchema }), ...errorResponses },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await ctx.rules.loadVersion(requireActor(req), req.body.sources as unknown as PackSources)),
    );
    app.get(
      '/rules/packs/:version/diff',
      {
        schema: {
          tags,
          summary: '版本差异 Differences from the version in force',
          params: z.strictObject({ version: z.string().max(20) }),
          response: { 200: DiffSchema, ...errorResponses },
        },
      },
      async (req) => ctx.rules.diff(requireActor(req), req.params.version),
    );
    app.post(
      '/rules/packs/:version/activate',
      {
        schema: {
          tags,
          summary: '启用版本 Activate a version from a date',
          params: z.strictObject({ version: z.string().max(20) }),
          body: z.strictObject({ from: CalendarDateSchema }),
          response: { 200: PackVersionSchema, ...errorResponses },
        },
      },
      async (req) => ctx.rules.activate(requireActor(req), req.params.version, req.body.from),
    );
  };
}
