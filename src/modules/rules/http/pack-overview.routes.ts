import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import { CalendarDateSchema, todayInChina } from '../../../shared/dates/calendar-date.js';
import { loadBundledPack } from '../infra/load-pack.js';
import { packOverview, PackOverviewSchema } from '../use-cases/pack-overview.js';

/** The policy pages' read of the pack in force: programmes, parameters with history and sources. */
export function packOverviewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/rules/pack-overview',
      {
        schema: {
          tags: ['rules'],
          summary:
            '政策参数一览 The pack in force on a date: versions, programmes, parameters with their dated values and sources',
          querystring: z.strictObject({ date: CalendarDateSchema.optional() }),
          response: ok(PackOverviewSchema),
        },
      },
      async (req) => {
        const date = req.query.date ?? todayInChina();
        return packOverview(
          ctx.db,
          requireActor(req),
          ctx.rules.engineFor(date),
          loadBundledPack().label,
          date,
        );
      },
    );
  };
}
