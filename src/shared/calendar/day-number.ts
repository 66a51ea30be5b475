/**
 * Day numbers: whole days since 1970-01-01 in the proleptic Gregorian calendar, computed with integer
 * arithmetic only (H. Hinnant's `days_from_civil` / `civil_from_days`). No `Date` is involved, so no
 * time zone can shift a date. Inputs are assumed valid; check them with `isCalendarDate` first.
 */
import type { CalendarDate } from '../dates/calendar-date.js';

/** Day number of year/month/day (month 1–12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Day number of a `YYYY-MM-DD` string (not validated). */
export function dayNumberOf(date: CalendarDate): number {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The `YYYY-MM-DD` string of a day number (years 1–9999). */
export function dateOfDayNumber(n: number): CalendarDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO weekday of a day number: 1 = Monday … 6 = Saturday, 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(n: number): number {
  return (((n % 7) + 7 + 3) % 7) + 1;
}

/** True for Saturday and Sunday. */
export function isWeekend(n: number): boolean {
  return isoWeekday(n) >= 6;
}
