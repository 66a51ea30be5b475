import { formatBeijing, formatBeijingSeconds } from '../../../src/shared/dates/beijing';

export { formatPercent } from '../../../src/shared/dates/beijing';

/** Today in the browser's calendar, as `YYYY-MM-DD` (the API's dates). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Whole days from one `YYYY-MM-DD` to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** How close a deadline is: overdue, within three days, or later (the back office colours them so). */
export function urgency(dueOn: string, now = today()): 'overdue' | 'soon' | 'later' {
  const left = daysBetween(now, dueOn);
  return left < 0 ? 'overdue' : left <= 3 ? 'soon' : 'later';
}

/** An API instant (ISO 8601, UTC) in Beijing time, `YYYY-MM-DD HH:mm`; '' when absent. */
export function formatDateTime(iso: string | null | undefined): string {
  return formatBeijing(iso);
}

/** … with seconds (the audit trail). */
export function formatDateTimeSeconds(iso: string | null | undefined): string {
  return formatBeijingSeconds(iso);
}
