/**
 * Fast calendar tables for the synthetic population: every day from about 102 years before `today`
 * up to `today`, with its `YYYY-MM-DD` string and the age (whole years, same rule as `ageOn`) a
 * person born that day has on `today`. Built once per generator (~37k days); the hot path then
 * only indexes arrays — no `Date`, no string parsing.
 */
import { daysInMonth, isCalendarDate } from '../../../shared/dates/calendar-date.js';

export { daysFromCivil } from '../../../shared/calendar/day-number.js';
import { dateOfDayNumber, daysFromCivil } from '../../../shared/calendar/day-number.js';

/** Inverse of {@link daysFromCivil}: `YYYY-MM-DD` of a day number. */
export const civilFromDays = dateOfDayNumber;

export function formatDate(y: number, m: number, d: number): string {
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Oldest age the tables cover. */
export const MAX_AGE = 100;

export class DateTable {
  /** Number of days covered; index `count - 1` is `today`. */
  readonly count: number;
  readonly dates: readonly string[];
  readonly years: Uint16Array;
  readonly months: Uint8Array;
  /** Age on `today` of someone born on the day. */
  readonly ages: Uint8Array;
  /** First and last day index of each age 0..MAX_AGE (ages decrease with the index). */
  readonly ageFirst: Int32Array;
  readonly ageLast: Int32Array;
  readonly todayYear: number;
  readonly todayMonth: number;
  readonly todayDay: number;
  readonly today: string;

  constructor(today: string) {
    if (!isCalendarDate(today))
      throw new RangeError(`today must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`);
    const ty = Number(today.slice(0, 4));
    const tm = Number(today.slice(5, 7));
    const td = Number(today.slice(8, 10));
    if (ty - MAX_AGE - 2 < 1900)
      throw new RangeError('today must be in or after 2002 (birth dates start 1900)');
    this.today = today;
    this.todayYear = ty;
    this.todayMonth = tm;
    this.todayDay = td;
    const startY = ty - MAX_AGE - 1;
    const count = daysFromCivil(ty, tm, td) - daysFromCivil(startY, 1, 1) + 1;
    this.count = count;
    const dates: string[] = new Array<string>(count);
    this.years = new Uint16Array(count);
    this.months = new Uint8Array(count);
    this.ages = new Uint8Array(count);
    this.ageFirst = new Int32Array(MAX_AGE + 1).fill(-1);
    this.ageLast = new Int32Array(MAX_AGE + 1).fill(-1);
    const todayMd = tm * 100 + td;
    let y = startY;
    let m = 1;
    let d = 1;
    for (let i = 0; i < count; i++) {
      dates[i] = formatDate(y, m, d);
      this.years[i] = y;
      this.months[i] = m;
      const age = ty - y - (todayMd < m * 100 + d ? 1 : 0);
      const a = age > 255 ? 255 : age;
      this.ages[i] = a;
      if (a <= MAX_AGE) {
        if (this.ageFirst[a] === -1) this.ageFirst[a] = i;
        this.ageLast[a] = i;
      }
      if (++d > daysInMonth(y, m)) {
        d = 1;
        if (++m > 12) {
          m = 1;
          y++;
        }
      }
    }
    this.dates = dates;
  }
}
