import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { IdParamsSchema, ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import { ApplicationViewSchema, listPersonApplications } from '../index.js';

/** `GET /persons/:id/applications`: a person's applications, for the person page of the back office. */
export function personApplicationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/persons/:id/applications',
      {
        schema: {
          tags: ['applications'],
          summary: '个人申请记录 A person’s applications, newest first',
          params: IdParamsSchema,
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).optional() }),
          response: ok(z.array(ApplicationViewSchema)),
        },
      },
      async (req) => listPersonApplications(ctx, requireActor(req), req.params.id, req.query.limit),
    );
  };
}
