import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import { getMyProfile, MyProfileSchema } from '../use-cases/my-profile.js';

/** `GET /me/profile`: a citizen's own record, household and facts (self-service). */
export function myProfileRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/me/profile',
      {
        schema: {
          tags: ['registry'],
          summary: '我的信息 Your own record (masked), your household and the facts on file (citizens)',
          response: ok(MyProfileSchema),
        },
      },
      async (req) => getMyProfile(ctx, requireActor(req)),
    );
  };
}
