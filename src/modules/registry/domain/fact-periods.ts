import type { CalendarDate } from '../../../shared/dates/calendar-date.js';

/** A fact row as the period logic sees it: half-open validity [from, to), to null = open. */
export interface FactPeriod<V = unknown> {
  id: number;
  value: V;
  from: CalendarDate;
  to: CalendarDate | null;
  sourceKind: string;
  sourceRef: string | null;
}

export interface PeriodChange<V = unknown> {
  /** Rows that the new fact overlaps: they are marked superseded (kept as history). */
  supersede: number[];
  /** Rows to insert: the parts of superseded rows that lie outside the new period, then the new one. */
  insert: Omit<FactPeriod<V>, 'id'>[];
}

const before = (a: CalendarDate | null, b: CalendarDate | null) =>
  a === null ? false : b === null ? true : a < b;

/**
 * Setting a fact to a value for [from, to) replaces what was known for that period and keeps the rest:
 * an overlapped row is superseded and its parts before `from` and after `to` are re-inserted unchanged.
 */
export function planFactChange<V>(
  current: FactPeriod<V>[],
  next: Omit<FactPeriod<V>, 'id'>,
): PeriodChange<V> {
  const supersede: number[] = [];
  const insert: Omit<FactPeriod<V>, 'id'>[] = [];
  for (const row of current) {
    const overlaps = before(row.from, next.to) && before(next.from, row.to);
    if (!overlaps) continue;
    supersede.push(row.id);
    const keep = { value: row.value, sourceKind: row.sourceKind, sourceRef: row.sourceRef };
    if (row.from < next.from) insert.push({ ...keep, from: row.from, to: next.from });
    if (next.to !== null && before(next.to, row.to)) insert.push({ ...keep, from: next.to, to: row.to });
  }
  insert.push(next);
  return { supersede, insert };
}

/** The row in force on a date among non-superseded rows, if any. */
export function inForceOn<T extends { from: CalendarDate; to: CalendarDate | null }>(
  rows: T[],
  on: CalendarDate,
): T | undefined {
  return rows.find((r) => r.from <= on && (r.to === null || on < r.to));
}
