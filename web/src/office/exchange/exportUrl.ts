export const EXPORT_KINDS = ['referrals', 'registered-unemployed', 'difficulty-identified'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportOptions {
  format: 'xlsx' | 'csv';
  encoding: 'utf-8' | 'gb18030';
  full: boolean;
  reason: string;
}

/** `GET /api/v1/exchange/exports/:kind?…`: the encoding only for CSV; `full` and its reason only when asked. */
export function exportUrl(kind: ExportKind, o: ExportOptions): string {
  const q = new URLSearchParams({ format: o.format });
  if (o.format === 'csv') q.set('encoding', o.encoding);
  if (o.full) {
    q.set('full', 'true');
    q.set('reason', o.reason);
  }
  return `/api/v1/exchange/exports/${kind}?${q.toString()}`;
}
