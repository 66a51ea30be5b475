import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOfDayNumber, dayNumberOf, daysFromCivil, isWeekend, isoWeekday } from './day-number.js';

describe('day numbers', () => {
  it('knows fixed points', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(dayNumberOf('2019-01-01')).toBe(17897);
    expect(dateOfDayNumber(-1)).toBe('1969-12-31');
    expect(dateOfDayNumber(dayNumberOf('2020-02-28') + 1)).toBe('2020-02-29');
    expect(dateOfDayNumber(dayNumberOf('2019-02-28') + 1)).toBe('2019-03-01');
    expect(dateOfDayNumber(dayNumberOf('2000-02-28') + 1)).toBe('2000-02-29');
    expect(dateOfDayNumber(dayNumberOf('1900-02-28') + 1)).toBe('1900-03-01');
  });

  it('gives ISO weekdays', () => {
    expect(isoWeekday(dayNumberOf('1970-01-01'))).toBe(4); // Thursday
    expect(isoWeekday(dayNumberOf('2019-10-01'))).toBe(2); // Tuesday
    expect(isoWeekday(dayNumberOf('2026-02-15'))).toBe(7); // Sunday
    expect(isoWeekday(dayNumberOf('1969-12-29'))).toBe(1); // Monday, before day 0
    expect(isWeekend(dayNumberOf('2019-10-12'))).toBe(true);
    expect(isWeekend(dayNumberOf('2019-10-11'))).toBe(false);
  });

  it('agrees with UTC Date arithmetic from year 1 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719162, max: 2932896 }), (n) => {
        const viaDate = new Date(n * 86_400_000);
        const iso = viaDate.toISOString().slice(0, 10);
        expect(dateOfDayNumber(n)).toBe(iso);
        expect(dayNumberOf(iso)).toBe(n);
        expect(isoWeekday(n)).toBe(viaDate.getUTCDay() === 0 ? 7 : viaDate.getUTCDay());
      }),
      { numRuns: 5000 },
    );
  });
});
