import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { todayInChina } from '../shared/dates/calendar-date.js';
import { catalogueWith, LabelCatalogueSchema } from '../shared/labels/index.js';
import { ok } from '../platform/http/schemas.js';
import type { AppContext } from './app-context.js';

/**
 * The label catalogue (src/shared/labels) for the web app: public reference data, cacheable. The
 * parameters' and programmes' names come from the pack in force today.
 */
export function labelsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/labels',
      {
        schema: {
          tags: ['labels'],
          summary:
            '标签目录 Words for every code people see: facts, sources, audit actions, statuses, roles, parameters',
          response: ok(LabelCatalogueSchema),
        },
      },
      async (_req, reply) => {
        const src = ctx.rules.engineFor(todayInChina()).sources;
        reply.header('Cache-Control', 'public, max-age=300');
        return catalogueWith(src.parameters, src.programmes);
      },
    );
  };
}
