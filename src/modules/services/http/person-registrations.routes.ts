import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { IdParamsSchema, ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import { listPersonRegistrations, RegistrationViewSchema } from '../index.js';

/** `GET /persons/:id/unemployment-registrations`: a person's registrations, open and ended. */
export function personRegistrationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/persons/:id/unemployment-registrations',
      {
        schema: {
          tags: ['services'],
          summary: '个人失业登记记录 A person’s unemployment registrations, newest first',
          params: IdParamsSchema,
          response: ok(z.array(RegistrationViewSchema)),
        },
      },
      async (req) => listPersonRegistrations(ctx, requireActor(req), req.params.id),
    );
  };
}
