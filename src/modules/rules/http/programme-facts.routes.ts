import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { errorResponses } from '../../../platform/http/schemas.js';
import { CalendarDateSchema, todayInChina } from '../../../shared/dates/calendar-date.js';
import { programmeFacts, ProgrammeFactsSchema } from '../use-cases/programme-facts.js';

/** `GET /public/programmes/:id/facts`: what an application form must ask (no login; the pack is public). */
export function programmeFactsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/public/programmes/:id/facts',
      {
        schema: {
          tags: ['public'],
          summary:
            '申报事项 The facts a programme’s rules read about the applicant, with their types (no login)',
          params: z.strictObject({ id: z.string().min(1).max(80) }),
          querystring: z.strictObject({ date: CalendarDateSchema.optional() }),
          response: { 200: ProgrammeFactsSchema, ...errorResponses },
        },
      },
      async (req) => {
        const date = req.query.date ?? todayInChina();
        return programmeFacts(ctx.rules.engineFor(date), req.params.id, date);
      },
    );
  };
}
