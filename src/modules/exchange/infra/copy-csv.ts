/**
 * One row as a CSV line for COPY, rendered as platform/db's `csvLine` renders it (tested equal), without
 * importing the database layer: the import's worker thread loads in a third of the time without it.
 */
function csvValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Buffer.isBuffer(v)) return '\\x' + v.toString('hex');
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return '"' + s.replaceAll('"', '""') + '"';
}

export function csvLine(row: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) line += (i ? ',' : '') + csvValue(row[i]);
  return line + '\n';
}
