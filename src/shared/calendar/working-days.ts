/**
 * Chinese working days (工作日) under the State Council's yearly holiday notices, for deadlines such as
 * "20个工作日内".
 *
 * A date is a working day when it is Monday–Friday and not an official day off, or Saturday/Sunday and an
 * official adjusted working day (调休上班). The official data (data/cn-workdays.json) is checked and turned
 * into per-day tables once, when this module loads; every function below then works on those tables:
 * `isWorkingDay` and `workingDaysBetween` in O(1), `addWorkingDays` in O(1) for any n, with no `Date`.
 *
 * Dates are `YYYY-MM-DD` strings. The calendar covers only the years whose notices are in the data
 * (`calendarCoverage()`); any date outside it — an argument or a result — throws `CalendarOutOfRangeError`,
 * because the days off of a year without a published notice are not knowable.
 */
import raw from './data/cn-workdays.json' with { type: 'json' };

import { isCalendarDate, type CalendarDate } from '../dates/calendar-date.js';
import {
  parseCalendarData,
  type CalendarData,
  type CalendarYear,
  type HolidayNotice,
  type HolidayPeriod,
} from './calendar-data.js';
import { dateOfDayNumber, dayNumberOf, isWeekend } from './day-number.js';
import { CalendarDataError, CalendarOutOfRangeError, type CalendarCoverage } from './errors.js';

export interface CalendarYearInfo {
  readonly year: number;
  readonly confirmed: boolean;
  readonly note: string | undefined;
  /** The notice for the year first, then any later notice that changed it. */
  readonly notices: readonly Readonly<HolidayNotice>[];
}

interface Tables {
  readonly coverage: CalendarCoverage;
  readonly lastYear: number;
  /** Date string → index (0 = coverage.from). Also serves as the set of covered, valid dates. */
  readonly index: ReadonlyMap<CalendarDate, number>;
  /** Index → date string. */
  readonly dates: readonly CalendarDate[];
  /** 1 where the day is a working day. */
  readonly working: Uint8Array;
  /** cumulative[i] = working days among indexes 0..i-1 (so cumulative[0] = 0). */
  readonly cumulative: Int32Array;
  /** The index of the k-th working day of the coverage (k from 0). */
  readonly workingAt: Int32Array;
  readonly years: ReadonlyMap<number, Readonly<CalendarYear>>;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function buildTables(data: CalendarData): Tables {
  // Covered: the consecutive confirmed years from the first one; an unconfirmed year ends the coverage.
  const firstYear = data.years[0]!.year;
  let lastYear = firstYear - 1;
  for (const y of data.years) {
    if (!y.confirmed) break;
    lastYear = y.year;
  }
  if (lastYear < firstYear) throw new CalendarDataError([`${firstYear}: the first year is not confirmed`]);

  const coverage: CalendarCoverage = Object.freeze({ from: `${firstYear}-01-01`, to: `${lastYear}-12-31` });
  const start = dayNumberOf(coverage.from);
  const length = dayNumberOf(coverage.to) - start + 1;

  const dates: CalendarDate[] = new Array<CalendarDate>(length);
  const index = new Map<CalendarDate, number>();
  const working = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const date = dateOfDayNumber(start + i);
    dates[i] = date;
    index.set(date, i);
    working[i] = isWeekend(start + i) ? 0 : 1;
  }
  const years = new Map<number, Readonly<CalendarYear>>();
  for (const y of data.years) {
    years.set(y.year, deepFreeze(y));
    if (y.year > lastYear) continue;
    // Dates before the coverage (December of the year before the first) are simply not tabled.
    for (const d of y.offDays) {
      const i = index.get(d);
      if (i !== undefined) working[i] = 0;
    }
    for (const d of y.workdays) {
      const i = index.get(d);
      if (i !== undefined) working[i] = 1;
    }
  }

  const cumulative = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) cumulative[i + 1] = cumulative[i]! + working[i]!;
  const workingAt = new Int32Array(cumulative[length]!);
  for (let i = 0, k = 0; i < length; i++) if (working[i] === 1) workingAt[k++] = i;

  return { coverage, lastYear, index, dates, working, cumulative, workingAt, years };
}

const T: Tables = buildTables(parseCalendarData(raw));

/** Index of a covered date; TypeError for anything that is not a real `YYYY-MM-DD` date. */
function indexOf(date: string, what: string): number {
  const i = T.index.get(date);
  if (i !== undefined) return i;
  if (!isCalendarDate(date)) {
    throw new TypeError(`${what} is not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  throw new CalendarOutOfRangeError(date, T.coverage);
}

/** The first and last dates for which official data is known (2019-01-01 to 2026-12-31 at present). */
export function calendarCoverage(): CalendarCoverage {
  return T.coverage;
}

/**
 * Whether `date` is a working day: Monday–Friday unless an official day off (放假), Saturday/Sunday only
 * when an official adjusted working day (调休上班). Throws `TypeError` for a malformed date and
 * `CalendarOutOfRangeError` outside `calendarCoverage()`.
 */
export function isWorkingDay(date: CalendarDate): boolean {
  return T.working[indexOf(date, 'date')] === 1;
}

/**
 * The date `n` working days after `start`: the deadline of "within n working days of `start`".
 *
 * Convention (as for periods in Chinese law, the starting day itself is not counted): the working days
 * after `start` are counted 1, 2, …, n, and the n-th is returned. `start` may be any day, working or not;
 * for n ≥ 1 the result is always a working day, and `workingDaysBetween(start, result) === n`; n = 0
 * returns `start` unchanged. Example: received Friday 2019-09-27, before the National Day holiday of
 * 1–7 October 2019: Sunday 09-29 (调休上班) is day 1, Monday 09-30 day 2, 10-01..10-07 are off, and
 * 10-08, 10-09, 10-10 are days 3–5, so `addWorkingDays('2019-09-27', 5) === '2019-10-10'`.
 *
 * Throws `TypeError` for a malformed `start`, `RangeError` unless n is a non-negative integer, and
 * `CalendarOutOfRangeError` when `start` or the result lies outside `calendarCoverage()`.
 */
export function addWorkingDays(start: CalendarDate, n: number): CalendarDate {
  const s = indexOf(start, 'start');
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer number of working days, got ${String(n)}`);
  }
  if (n === 0) return start;
  // cumulative[s + 1] working days lie at or before start; the answer is the next n-th one (0-based k).
  const k = T.cumulative[s + 1]! + n - 1;
  const i = T.workingAt[k];
  if (i === undefined) {
    const beyond = dateOfDayNumber(dayNumberOf(T.coverage.to) + 1);
    throw new CalendarOutOfRangeError(beyond, T.coverage, `${n} working days after ${start} lies beyond it`);
  }
  return T.dates[i]!;
}

/**
 * A deadline `n` working days after `start` that never fails for lack of data: on the official calendar
 * where it reaches, and beyond the last published year counting Monday–Friday (a `provisional` date,
 * to be recomputed when the State Council publishes that year's notice).
 */
export function workingDeadline(
  start: CalendarDate,
  n: number,
): { date: CalendarDate; provisional: boolean } {
  try {
    return { date: addWorkingDays(start, n), provisional: false };
  } catch (e) {
    if (!(e instanceof CalendarOutOfRangeError)) throw e;
  }
  let day = dayNumberOf(start);
  const last = dayNumberOf(T.coverage.to);
  let left = n;
  while (left > 0) {
    day += 1;
    const date = dateOfDayNumber(day);
    const working =
      day <= last && day >= dayNumberOf(T.coverage.from)
        ? T.working[T.index.get(date)!] === 1
        : !isWeekend(day);
    if (working) left -= 1;
  }
  return { date: dateOfDayNumber(day), provisional: true };
}

/**
 * The number of working days d with `from` < d ≤ `to`: `from` itself is not counted, `to` is. 0 when
 * `to` ≤ `from`. So `workingDaysBetween(received, today)` is how many working days of a deadline have
 * been used up by the end of `today`, and `workingDaysBetween(s, addWorkingDays(s, n)) === n`.
 * Throws `TypeError` for a malformed date and `CalendarOutOfRangeError` when either date lies outside
 * `calendarCoverage()`.
 */
export function workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
  const a = indexOf(from, 'from');
  const b = indexOf(to, 'to');
  return b <= a ? 0 : T.cumulative[b + 1]! - T.cumulative[a + 1]!;
}

function yearEntry(year: number): Readonly<CalendarYear> {
  if (!Number.isSafeInteger(year)) throw new TypeError(`year must be an integer, got ${String(year)}`);
  const y = T.years.get(year);
  if (y === undefined) throw new CalendarOutOfRangeError(String(year), T.coverage, 'no notice in the data');
  return y;
}

/**
 * The named holidays of `year` in the notice's order, for display: name (as the notice heads it),
 * the festivals it covers, the whole stretch off `from`..`to` (weekend days included, so "与周末连休"
 * shows as three days), the adjusted working days, the notice's own words and its document number.
 * The stretch may begin in December of the year before (e.g. 元旦 2019 from 2018-12-30).
 * Throws `CalendarOutOfRangeError` for a year outside the coverage, including an unconfirmed one.
 */
export function holidayPeriods(year: number): readonly Readonly<HolidayPeriod>[] {
  const y = yearEntry(year);
  if (year > T.lastYear)
    throw new CalendarOutOfRangeError(String(year), T.coverage, 'the notice is not confirmed');
  return y.periods;
}

/**
 * The notices behind `year`, whether its data is confirmed, and any note — also for a year that is in the
 * data but not confirmed (and so outside the coverage). Throws `CalendarOutOfRangeError` for a year with
 * no entry at all.
 */
export function calendarYearInfo(year: number): CalendarYearInfo {
  const y = yearEntry(year);
  return { year: y.year, confirmed: y.confirmed, note: y.note, notices: y.notices };
}
