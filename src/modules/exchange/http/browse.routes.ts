import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { IdParamsSchema, ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import { listImportRows, listImports, ListImportsQuerySchema, ListRowsQuerySchema } from '../index.js';

const ImportRecordSchema = z.object({
  id: z.number(),
  county: z.string(),
  list: z.string(),
  subjectType: z.enum(['person', 'enterprise']),
  fileName: z.string(),
  fileSha256: z.string(),
  asOf: z.string(),
  scope: z.string(),
  loadedBy: z.string(),
  loadedAt: z.string(),
  rows: z.number(),
  matched: z.number(),
  candidates: z.number(),
  unmatched: z.number(),
  invalid: z.number(),
  seconds: z.number(),
});
const DivisionRef = z.object({ code: z.string(), name: z.string().nullable() });
const CandidateSchema = z.object({
  subjectId: z.number(),
  state: z.enum(['open', 'confirmed', 'dismissed']),
  score: z.number(),
  reasons: z.array(z.string()),
  person: z
    .object({
      name: z.string().describe('masked'),
      idNumber: z.string().describe('masked'),
      sex: z.string(),
      birthYear: z.number(),
      township: DivisionRef,
    })
    .nullable(),
  enterprise: z.object({ name: z.string(), uscc: z.string(), township: DivisionRef }).nullable(),
});
const Tab = z.enum(['candidate', 'unmatched', 'invalid', 'matched']);
const RowSchema = z.object({
  rowNumber: z.number(),
  status: Tab,
  name: z.string().nullable(),
  idCell: z.string().nullable().describe('the list’s ID cell, masked'),
  idValid: z.boolean().nullable(),
  birthYear: z.number().nullable(),
  sex: z.enum(['male', 'female']).nullable(),
  township: z.string().nullable(),
  score: z.number().nullable(),
  reasons: z.array(z.string()),
  review: z.enum(['confirmed', 'dismissed']).nullable(),
  subjectId: z.number().nullable(),
  identity: z.string().nullable(),
  subjectName: z.string().nullable(),
  candidates: z.array(CandidateSchema),
});

/** Browsing department lists in the back office: the imports, and an import's rows by status. */
export function exchangeBrowseRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['exchange'];
    app.get(
      '/exchange/imports',
      {
        schema: {
          tags,
          summary: '名单导入记录 The imports within your jurisdiction, newest first',
          querystring: ListImportsQuerySchema,
          response: ok(z.object({ total: z.number(), items: z.array(ImportRecordSchema) })),
        },
      },
      async (req) => listImports(ctx, requireActor(req), req.query),
    );
    app.get(
      '/exchange/imports/:id/rows',
      {
        schema: {
          tags,
          summary:
            '比对结果（分页）An import’s rows of one status, with the candidates of candidate rows (masked)',
          params: IdParamsSchema,
          querystring: ListRowsQuerySchema,
          response: ok(
            z.object({
              import: ImportRecordSchema,
              counts: z.object({
                candidate: z.number(),
                unmatched: z.number(),
                invalid: z.number(),
                matched: z.number(),
              }),
              total: z.number(),
              items: z.array(RowSchema),
            }),
          ),
        },
      },
      async (req) => listImportRows(ctx, requireActor(req), req.params.id, req.query),
    );
  };
}
