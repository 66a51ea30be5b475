import type { ReviewResult, RowTab } from './types';

/**
 * The counts by status once the reviews made on this page are counted: a confirmed row moves from
 * 待确认 to 已匹配, a row whose candidates are all dismissed to 未匹配 (the server's counts were read before).
 */
export function countsAfter(
  counts: Record<RowTab, number>,
  decided: Iterable<ReviewResult>,
): Record<RowTab, number> {
  const out = { ...counts };
  for (const r of decided) {
    if (r.status === 'candidate') continue;
    out.candidate = Math.max(0, out.candidate - 1);
    out[r.status] += 1;
  }
  return out;
}

/** The first 12 hex digits of a SHA-256, enough to tell files apart on screen. */
export function shortSum(sha256: string): string {
  return sha256.slice(0, 12);
}
