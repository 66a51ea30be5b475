import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { IdParamsSchema, ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import { followUpFlag } from '../../../processes/flag-follow-up.js';
import { applyImportFacts } from '../use-cases/import-facts.js';
import {
  decideFlag,
  FLAG_KINDS,
  FlagDecisionSchema,
  FlagQuerySchema,
  FlagViewSchema,
  listFlags,
  runCrossChecks,
  type FlagKind,
} from '../use-cases/flags.js';

const kinds = Object.keys(FLAG_KINDS) as [FlagKind, ...FlagKind[]];

/** Lists as dated facts, and the cross-check flags a reviewer decides (issue 6, items 4 and 5). */
export function exchangeFlagRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['exchange'];
    app.post(
      '/exchange/imports/:id/facts',
      {
        schema: {
          tags,
          summary:
            '名单转为事实 Turn an import’s matches into dated facts again (idempotent; done after each import and review)',
          params: IdParamsSchema,
          response: ok(
            z.object({
              import: z.number(),
              fact: z.string(),
              previousImport: z.number().nullable(),
              skipped: z.enum(['newer-list']).nullable(),
              opened: z.number(),
              closed: z.number(),
              unchanged: z.number(),
              scanRunId: z.number().nullable(),
            }),
          ),
        },
      },
      async (req) => applyImportFacts(ctx, requireActor(req), req.params.id, { refresh: 'background' }),
    );
    app.post(
      '/exchange/cross-checks',
      {
        schema: {
          tags,
          summary: '运行交叉比对 Run the cross-checks in your jurisdiction and raise flags for new conflicts',
          body: z.strictObject({}).optional(),
          response: ok(
            z.object({
              raised: z.number(),
              byKind: z.record(z.enum(kinds), z.number()),
            }),
          ),
        },
      },
      async (req) => runCrossChecks(ctx, requireActor(req)),
    );
    app.get(
      '/exchange/flags',
      {
        schema: {
          tags,
          summary: '交叉比对疑点 Cross-check flags in your jurisdiction, open ones first',
          querystring: FlagQuerySchema,
          response: ok(z.object({ total: z.number(), items: z.array(FlagViewSchema) })),
        },
      },
      async (req) => listFlags(ctx, requireActor(req), req.query),
    );
    app.post(
      '/exchange/flags/:id/decision',
      {
        schema: {
          tags,
          summary: '处理疑点 Decide a flag: cleared (payment released) or upheld (payment stays held)',
          params: IdParamsSchema,
          body: FlagDecisionSchema,
          response: ok(FlagViewSchema),
        },
      },
      async (req) => decideFlag(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/exchange/flags/:id/follow-up',
      {
        schema: {
          tags,
          summary:
            '疑点后续处置 Do the follow-up an upheld flag implies (end the 失业登记 as of the insurance start; close a deceased person’s open case)',
          params: IdParamsSchema,
          body: z.strictObject({}).optional(),
          response: ok(
            z.object({
              flagId: z.number(),
              kind: z.string(),
              endedRegistration: z.object({ id: z.number().nullable(), on: z.string() }).nullable(),
              closedApplications: z.array(z.number()),
            }),
          ),
        },
      },
      async (req) => followUpFlag(ctx, requireActor(req), req.params.id),
    );
  };
}
