import { z } from 'zod';

/**
 * Calendar dates are `YYYY-MM-DD` strings end to end: never routed through a local-time `Date`, so
 * no time zone can shift them. Comparison is string comparison.
 */
export type CalendarDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isCalendarDate(s: unknown): s is CalendarDate {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Today in China Standard Time (UTC+8, no daylight saving), the date that applies in Lingyuan. */
export function todayInChina(now: Date = new Date()): CalendarDate {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whole years of age on `on` for someone born on `birth` (a 29 February birthday counts on 1 March). */
/** Today for a context that may fix the day (tests, replays), else today in China. */
export const todayFor = (ctx: { today?: (() => string) | undefined }): CalendarDate =>
  ctx.today?.() ?? todayInChina();

export function ageOn(birth: CalendarDate, on: CalendarDate): number {
  const by = Number(birth.slice(0, 4));
  const oy = Number(on.slice(0, 4));
  return oy - by - (on.slice(5) < birth.slice(5) ? 1 : 0);
}

/** A zod schema for a real calendar date in `YYYY-MM-DD`. */
export const CalendarDateSchema = z
  .string()
  .refine(isCalendarDate, { message: '日期格式不正确，应为 YYYY-MM-DD 的有效日期' });
