import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { created, IdParamsSchema, ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import {
  EmploymentViewSchema,
  listPersonEmployments,
  listPersonRegistrations,
  RegisterEmploymentSchema,
  registerEmployment,
  RegistrationViewSchema,
} from '../index.js';

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
    app.get(
      '/persons/:id/employment-registrations',
      {
        schema: {
          tags: ['services'],
          summary: '个人就业登记记录 A person’s employment registrations, newest first',
          params: IdParamsSchema,
          response: ok(z.array(EmploymentViewSchema)),
        },
      },
      async (req) => listPersonEmployments(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/employment-registrations',
      {
        schema: {
          tags: ['services'],
          summary:
            '就业登记 Register employment (employer, start date, contract); ends an open 失业登记 on that date',
          body: RegisterEmploymentSchema,
          response: created(EmploymentViewSchema),
        },
      },
      async (req, reply) =>
        reply.status(201).send(await registerEmployment(ctx, requireActor(req), req.body)),
    );
  };
}
