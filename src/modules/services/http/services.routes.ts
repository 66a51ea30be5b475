import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { created, ErrorBodySchema, IdParamsSchema, ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import {
  endUnemployment,
  EndUnemploymentSchema,
  listOpenRegistrations,
  registerUnemployment,
  RegisterUnemploymentSchema,
  RegistrationViewSchema,
} from '../index.js';
import { referralsRoutes } from './referrals.routes.js';

export function servicesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(referralsRoutes(ctx));
    const tags = ['services'];
    app.post(
      '/unemployment-registrations',
      {
        schema: {
          tags,
          summary: '失业登记 Register a person as unemployed (online, or at a desk on their behalf)',
          body: RegisterUnemploymentSchema,
          response: { ...created(RegistrationViewSchema), 422: ErrorBodySchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await registerUnemployment(ctx, requireActor(req), req.body)),
    );
    app.get(
      '/unemployment-registrations',
      {
        schema: {
          tags,
          summary: '在册失业登记 Open registrations within your jurisdiction',
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).optional() }),
          response: ok(z.array(RegistrationViewSchema)),
        },
      },
      async (req) => listOpenRegistrations(ctx, requireActor(req), req.query.limit),
    );
    app.post(
      '/unemployment-registrations/:id/end',
      {
        schema: {
          tags,
          summary: '终止失业登记 End a registration (on employment, with the date)',
          params: IdParamsSchema,
          body: EndUnemploymentSchema,
          response: ok(RegistrationViewSchema),
        },
      },
      async (req) => endUnemployment(ctx, requireActor(req), req.params.id, req.body),
    );
  };
}
