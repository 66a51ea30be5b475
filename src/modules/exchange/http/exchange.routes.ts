import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { AppError } from '../../../platform/errors/index.js';
import { created, IdParamsSchema, ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import { applyImportFacts } from '../use-cases/import-facts.js';
import {
  getImport,
  importList,
  listMatches,
  ListKindSchema,
  reviewCandidate,
  ReviewCandidateSchema,
} from '../index.js';

const SummarySchema = z.object({
  import: z.number(),
  list: ListKindSchema,
  rows: z.number(),
  matched: z.number(),
  candidates: z.number(),
  unmatched: z.number(),
  invalid: z.number(),
  seconds: z.number(),
});
const ImportQuerySchema = z.strictObject({
  list: ListKindSchema,
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  fileName: z.string().min(1).max(255).optional(),
});
const MAX_BYTES = 64 * 1024 * 1024;
const TYPES = [
  'application/octet-stream',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** Department lists: the file is the request body (.xlsx or CSV); the list kind and as-of date in the query. */
export function exchangeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['exchange'];
    app.addContentTypeParser(TYPES, { parseAs: 'buffer', bodyLimit: MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    app.post(
      '/exchange/imports',
      {
        schema: {
          tags,
          summary:
            '导入部门名单 Import a department list (.xlsx or CSV as the body) and match it to the registry',
          querystring: ImportQuerySchema,
          response: created(SummarySchema),
        },
        bodyLimit: MAX_BYTES,
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body) || !req.body.length)
          throw new AppError('VALIDATION_FAILED', {
            path: 'file',
            zh: '请上传名单文件',
            en: 'The list file is missing',
          });
        const s = await importList(ctx, requireActor(req), {
          kind: req.query.list,
          asOf: req.query.asOf,
          fileName: req.query.fileName ?? `${req.query.list}-${req.query.asOf}`,
          content: req.body,
        });
        // The list's facts follow its certain matches; 政策找人 is refreshed in the background.
        await applyImportFacts(ctx, requireActor(req), s.import, { refresh: 'background' });
        return reply.status(201).send(s);
      },
    );
    app.get(
      '/exchange/imports/:id',
      {
        schema: {
          tags,
          summary: '导入记录 One import: file checksum, who, when, counts',
          params: IdParamsSchema,
        },
      },
      async (req) => getImport(ctx, requireActor(req), req.params.id),
    );
    app.get(
      '/exchange/imports/:id/matches',
      {
        schema: {
          tags,
          summary: '比对结果 One line per row (ID numbers masked)',
          params: IdParamsSchema,
          response: ok(
            z.array(
              z.object({
                rowNumber: z.number(),
                status: z.enum(['matched', 'candidate', 'unmatched', 'invalid']),
                subjectId: z.number().nullable(),
                identity: z.string(),
              }),
            ),
          ),
        },
      },
      async (req) =>
        (await listMatches(ctx, requireActor(req), req.params.id, { full: false })).map(
          ({ rowNumber, status, subjectId, identity }) => ({ rowNumber, status, subjectId, identity }),
        ),
    );
    app.post(
      '/exchange/imports/:id/rows/:rowNumber/review',
      {
        schema: {
          tags,
          summary: '确认或排除候选 Confirm or dismiss a candidate of a row (within your jurisdiction)',
          params: z.strictObject({
            id: z.coerce.number().int().positive(),
            rowNumber: z.coerce.number().int().min(2),
          }),
          body: ReviewCandidateSchema,
        },
      },
      async (req) =>
        reviewCandidate(ctx, requireActor(req), req.params.id, req.params.rowNumber, req.body, {
          refresh: 'background',
        }),
    );
  };
}
