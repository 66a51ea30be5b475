/**
 * The shape of data/cn-workdays.json and every check it must pass before the working-day tables are built.
 *
 * Model: a date is a working day when it is Monday–Friday and not listed in `offDays`, or Saturday/Sunday
 * and listed in `workdays` (调休上班). `periods` (the named holidays of the notice) are for display, and
 * the checks require both lists to follow from them exactly, so a typo in either place is caught.
 */
import { z } from 'zod';
import { isCalendarDate, type CalendarDate } from '../dates/calendar-date.js';
import { dayNumberOf, dateOfDayNumber, isWeekend } from './day-number.js';
import { CalendarDataError } from './errors.js';

export const FESTIVALS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
export type Festival = (typeof FESTIVALS)[number];

const DateString = z.string().refine(isCalendarDate, { message: 'not a real YYYY-MM-DD date' });

const NoticeSchema = z.strictObject({
  /** e.g. 国务院办公厅关于2019年部分节假日安排的通知 */
  title: z.string().min(1),
  /** e.g. 国办发明电〔2018〕15号 */
  documentNumber: z.string().regex(/^国办发明电〔\d{4}〕\d+号$/, 'not a 国办发明电 document number'),
  /** The date the notice bears (成文日期). */
  issued: DateString,
  /** The date it was made public. */
  published: DateString,
  /** Where the official text is published. */
  url: z.url(),
  /** For a notice that changes an earlier one: the holiday it changes. */
  amends: z.enum(FESTIVALS).optional(),
});

const PeriodSchema = z.strictObject({
  /** The heading used by the notice, e.g. 国庆节、中秋节. */
  name: z.string().min(1),
  festivals: z.array(z.enum(FESTIVALS)).min(1),
  /** First and last day of the whole stretch off, weekend days included. */
  from: DateString,
  to: DateString,
  /** Calendar days from `from` to `to` inclusive. */
  days: z.int().positive(),
  /** The Saturdays/Sundays the notice makes working days for this holiday. */
  workdays: z.array(DateString),
  /** Document number of the notice that sets this arrangement. */
  source: z.string().min(1),
  /** The notice's own words for this holiday. */
  text: z.string().min(1),
  /** The earlier arrangement this one replaced, if a later notice changed it. */
  supersedes: z.strictObject({ source: z.string().min(1), text: z.string().min(1) }).optional(),
  note: z.string().min(1).optional(),
});

const YearSchema = z.strictObject({
  year: z.int().min(1000).max(9998),
  confirmed: z.boolean(),
  note: z.string().min(1).optional(),
  notices: z.array(NoticeSchema),
  periods: z.array(PeriodSchema),
  /** Monday–Friday dates that are days off. */
  offDays: z.array(DateString),
  /** Saturday/Sunday dates that are working days. */
  workdays: z.array(DateString),
  crossCheck: z.strictObject({ noticeText: z.array(z.string()), datasets: z.array(z.string()) }),
});

const CalendarDataSchema = z.strictObject({
  description: z.string(),
  model: z.string(),
  confirmedMeans: z.string(),
  years: z.array(YearSchema).min(1),
});

export type HolidayNotice = z.infer<typeof NoticeSchema>;
export type HolidayPeriod = z.infer<typeof PeriodSchema>;
export type CalendarYear = z.infer<typeof YearSchema>;
export type CalendarData = z.infer<typeof CalendarDataSchema>;

function inclusiveRange(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  const out: CalendarDate[] = [];
  for (let n = dayNumberOf(from); n <= dayNumberOf(to); n++) out.push(dateOfDayNumber(n));
  return out;
}

/** A date belongs to year Y's notice if it is in Y, or in December of Y-1 (元旦 can start there). */
function belongsTo(date: CalendarDate, year: number): boolean {
  const y = Number(date.slice(0, 4));
  return y === year || (y === year - 1 && date.slice(5, 7) === '12');
}

function strictlyAscending(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1]! >= list[i]!) return false;
  return true;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Problems with one year's entry beyond its shape. */
function checkYear(y: CalendarYear): string[] {
  const problems: string[] = [];
  const at = (what: string) => `${y.year}: ${what}`;

  if (y.confirmed && y.notices.length === 0) problems.push(at('a confirmed year needs its notice'));
  if (!y.confirmed && y.note === undefined) problems.push(at('an unconfirmed year needs a note saying why'));
  if (!y.confirmed && [...y.offDays, ...y.workdays].some((d) => !d.startsWith(String(y.year)))) {
    // Such dates would land inside the previous, covered year without being confirmed.
    problems.push(at('an unconfirmed year must not list dates of the previous year'));
  }

  const documentNumbers = new Set(y.notices.map((n) => n.documentNumber));
  for (const n of y.notices) {
    if (n.issued > n.published) problems.push(at(`${n.documentNumber} is published before it is issued`));
    if (Number(n.issued.slice(0, 4)) > y.year)
      problems.push(at(`${n.documentNumber} is issued after its year`));
  }

  for (const [label, list, weekend] of [
    ['offDays', y.offDays, false],
    ['workdays', y.workdays, true],
  ] as const) {
    if (!strictlyAscending(list)) problems.push(at(`${label} must be sorted and without duplicates`));
    for (const d of list) {
      if (!belongsTo(d, y.year)) problems.push(at(`${label} has ${d}, outside the year`));
      if (isWeekend(dayNumberOf(d)) !== weekend) {
        problems.push(
          at(`${label} has ${d}, which is ${weekend ? 'Monday–Friday' : 'a Saturday or Sunday'}`),
        );
      }
    }
  }
  const off = new Set(y.offDays);
  for (const d of y.workdays) if (off.has(d)) problems.push(at(`${d} is both a day off and a working day`));

  const derivedOff = new Set<CalendarDate>();
  const derivedWork = new Set<CalendarDate>();
  const spans: Array<[number, number]> = [];
  let previousTo = '';
  for (const p of y.periods) {
    const name = `${p.name} ${p.from}..${p.to}`;
    if (!belongsTo(p.from, y.year) || !belongsTo(p.to, y.year))
      problems.push(at(`${name} is outside the year`));
    if (p.from > p.to) {
      problems.push(at(`${name} ends before it starts`));
      continue;
    }
    if (p.from <= previousTo) problems.push(at(`${name} overlaps or precedes the previous period`));
    previousTo = p.to;
    const span = dayNumberOf(p.to) - dayNumberOf(p.from) + 1;
    if (span !== p.days) problems.push(at(`${name} spans ${span} days, not ${p.days}`));
    if (!documentNumbers.has(p.source))
      problems.push(at(`${name} cites ${p.source}, not a notice of the year`));
    if (p.supersedes && !documentNumbers.has(p.supersedes.source)) {
      problems.push(at(`${name} supersedes ${p.supersedes.source}, not a notice of the year`));
    }
    spans.push([dayNumberOf(p.from), dayNumberOf(p.to)]);
    for (const d of inclusiveRange(p.from, p.to)) if (!isWeekend(dayNumberOf(d))) derivedOff.add(d);
    for (const d of p.workdays) {
      if (!belongsTo(d, y.year)) problems.push(at(`${name} has working day ${d} outside the year`));
      if (!isWeekend(dayNumberOf(d)))
        problems.push(at(`${name} has working day ${d}, which is Monday–Friday`));
      derivedWork.add(d);
    }
  }
  for (const d of derivedWork) {
    const n = dayNumberOf(d);
    if (spans.some(([a, b]) => a <= n && n <= b)) problems.push(at(`working day ${d} lies inside a holiday`));
  }
  if (!sameList(y.offDays, [...derivedOff].sort())) {
    problems.push(at('offDays are not exactly the Monday–Friday days of the periods'));
  }
  if (!sameList(y.workdays, [...derivedWork].sort())) {
    problems.push(at('workdays are not exactly the working days named in the periods'));
  }
  return problems;
}

/** All problems with the data: shape, per-year consistency, and across years. Empty when valid. */
export function calendarDataProblems(raw: unknown): string[] {
  const parsed = CalendarDataSchema.safeParse(raw);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  const data = parsed.data;
  const problems: string[] = [];
  data.years.forEach((y, i) => {
    const prev = data.years[i - 1];
    if (prev && y.year !== prev.year + 1)
      problems.push(`${y.year}: years must be consecutive (after ${prev.year})`);
    problems.push(...checkYear(y));
  });
  const seen = new Map<CalendarDate, number>();
  for (const y of data.years) {
    for (const d of [...y.offDays, ...y.workdays]) {
      const other = seen.get(d);
      if (other !== undefined && other !== y.year)
        problems.push(`${d} is listed by both ${other} and ${y.year}`);
      seen.set(d, y.year);
    }
  }
  return problems;
}

/** Parse and check the data; throws `CalendarDataError` listing every problem. */
export function parseCalendarData(raw: unknown): CalendarData {
  const problems = calendarDataProblems(raw);
  if (problems.length > 0) throw new CalendarDataError(problems);
  return CalendarDataSchema.parse(raw);
}
