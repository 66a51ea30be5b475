import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { ErrorBodySchema } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import { exportList, ExportKindSchema, ExportQuerySchema } from '../index.js';

/** `attachment; filename="ascii"; filename*=UTF-8''中文` (RFC 6266 / 5987). */
export function attachment(ascii: string, utf8: string): string {
  const safe = ascii.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(utf8)}`;
}

/** Lists for other departments: `GET /exchange/exports/:kind` answers the file itself. */
export function exchangeExportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/exchange/exports/:kind',
      {
        schema: {
          tags: ['exchange'],
          summary:
            '导出名单 Export a list for another department (referrals, registered-unemployed, difficulty-identified) as .xlsx or CSV; masked unless full=true with registry.reveal and a reason (audited)',
          params: z.strictObject({ kind: ExportKindSchema }),
          querystring: ExportQuerySchema,
          response: {
            200: z.any().describe('the file (.xlsx or CSV)'),
            400: ErrorBodySchema,
            403: ErrorBodySchema,
          },
        },
      },
      async (req, reply) => {
        const file = await exportList(ctx, requireActor(req), req.params.kind, req.query);
        return reply
          .type(file.contentType)
          .header('content-disposition', attachment(file.filename, file.filenameZh))
          .header('cache-control', 'no-store')
          .header('x-export-rows', String(file.rows))
          .header('x-export-sha256', file.sha256)
          .send(file.content);
      },
    );
  };
}
