/**
 * Instants as people in Lingyuan read them: Beijing time (Asia/Shanghai, UTC+8, no daylight saving
 * since 1991), `YYYY-MM-DD HH:mm`. The database and the API keep instants in UTC (ISO 8601); only what
 * people read is turned. Plain arithmetic, so the server, the web app and a spreadsheet agree whatever
 * the machine's own zone.
 */
const OFFSET_MS = 8 * 3600_000;

function shifted(instant: Date | string | number): string | null {
  const t =
    instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  return Number.isFinite(t) ? new Date(t + OFFSET_MS).toISOString() : null;
}

/** `2026-12-07T15:31:00Z` → `2026-12-07 23:31`; '' for no instant or a string that is not one. */
export function formatBeijing(instant: Date | string | number | null | undefined): string {
  if (instant === null || instant === undefined || instant === '') return '';
  const s = shifted(instant);
  return s ? `${s.slice(0, 10)} ${s.slice(11, 16)}` : '';
}

/** With seconds: `2026-12-07 23:31:05`. */
export function formatBeijingSeconds(instant: Date | string | number | null | undefined): string {
  if (instant === null || instant === undefined || instant === '') return '';
  const s = shifted(instant);
  return s ? `${s.slice(0, 10)} ${s.slice(11, 19)}` : '';
}

/** The calendar day in Beijing of an instant: `2026-12-07T16:30:00Z` → `2026-12-08`. */
export function beijingDate(instant: Date | string | number): string {
  return shifted(instant)?.slice(0, 10) ?? '';
}

/** A ratio as people read it: 0.6667 → `66.67%` (at most two decimals, no trailing zeros). */
export function formatPercent(ratio: number | null | undefined, decimals = 2): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  const f = 10 ** decimals;
  return `${String(Math.round(ratio * 100 * f) / f)}%`;
}
