import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../platform/errors/index.js';
import { CalendarDateSchema } from '../../../shared/dates/calendar-date.js';
import { ok } from '../../../platform/http/schemas.js';
import { childrenOf, getDivision, historyOf, type Division } from '../index.js';

const DivisionViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  kind: z.string(),
  parent: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  source: z.string(),
});

const view = (d: Division) => ({
  code: d.code,
  name: d.name,
  level: d.level,
  kind: d.kind,
  parent: d.parent,
  validFrom: d.validFrom,
  validTo: d.validTo,
  source: d.source,
});

/** The division tree is public reference data: no login needed. */
export function divisionRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/divisions',
      {
        schema: {
          tags: ['divisions'],
          summary: '行政区划（下级）Divisions under a parent',
          querystring: z.strictObject({
            parent: z
              .string()
              .regex(/^\d{6}(\d{3})?$/)
              .default('211382'),
            asOf: CalendarDateSchema.optional(),
          }),
          response: ok(z.array(DivisionViewSchema)),
        },
      },
      async (req) => childrenOf(req.query.parent, req.query.asOf).map(view),
    );
    app.get(
      '/divisions/:code',
      {
        schema: {
          tags: ['divisions'],
          summary: '行政区划 One division, with its history',
          params: z.strictObject({ code: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/) }),
          querystring: z.strictObject({ asOf: CalendarDateSchema.optional() }),
          response: ok(DivisionViewSchema.extend({ history: z.array(DivisionViewSchema) })),
        },
      },
      async (req) => {
        const d = getDivision(req.params.code, req.query.asOf);
        if (!d) throw new AppError('UNKNOWN_DIVISION', { path: 'code' });
        return { ...view(d), history: historyOf(req.params.code).map(view) };
      },
    );
  };
}
