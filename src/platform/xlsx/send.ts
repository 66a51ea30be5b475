import type { FastifyReply } from 'fastify';
import { beijingDate } from '../../shared/dates/beijing.js';
import { sheetBuffer, type SheetSpec } from './sheet.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment; filename="ascii"; filename*=UTF-8''中文` (RFC 6266 / RFC 5987). */
export function contentDisposition(fileName: string, asciiFallback = 'export.xlsx'): string {
  const fallback = /^[\x20-\x7e]+$/.test(fileName) ? fileName.replace(/["\\]/g, '_') : asciiFallback;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Send a list as an .xlsx download named in Chinese: `<title>-<date in Beijing>.xlsx`. A route whose
 * query has `format=xlsx` calls this with all rows (the same filters, masked as on screen).
 */
export async function sendXlsx<Row>(
  reply: FastifyReply,
  spec: SheetSpec<Row>,
  opts: { fileName?: string; asciiName?: string } = {},
): Promise<FastifyReply> {
  const at = spec.at ?? new Date();
  const body = await sheetBuffer({ ...spec, at });
  const fileName = opts.fileName ?? `${spec.title}-${beijingDate(at)}.xlsx`;
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', contentDisposition(fileName, opts.asciiName))
    .header('cache-control', 'no-store')
    .send(body);
}
