import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import { DashboardQuerySchema, DashboardSchema, divisionDashboard } from '../index.js';

/** Dashboards: a division's figures by child division (read only, aggregates only). */
export function monitoringRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/monitoring/dashboard',
      {
        schema: {
          tags: ['monitoring'],
          summary:
            '监测看板 A division’s applications, money against budget, registered unemployed and employment-difficulty persons, by child division',
          querystring: DashboardQuerySchema,
          response: ok(DashboardSchema),
        },
      },
      async (req) => divisionDashboard(ctx, requireActor(req), req.query),
    );
  };
}
