import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOfDayNumber, dayNumberOf, isWeekend } from './day-number.js';
import {
  CalendarOutOfRangeError,
  addWorkingDays,
  calendarCoverage,
  calendarYearInfo,
  holidayPeriods,
  isWorkingDay,
  workingDaysBetween,
  workingDeadline,
} from './index.js';

const next = (d: string, k = 1) => dateOfDayNumber(dayNumberOf(d) + k);

function datesFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = next(d)) out.push(d);
  return out;
}

/** Working days of a year counted day by day through isWorkingDay (independent of the prefix sums). */
function countByDay(year: number): number {
  return datesFrom(`${year}-01-01`, `${year}-12-31`).filter(isWorkingDay).length;
}

describe('coverage', () => {
  it('covers 2019 to 2026', () => {
    expect(calendarCoverage()).toEqual({ from: '2019-01-01', to: '2026-12-31' });
  });

  it('refuses dates outside it instead of guessing', () => {
    for (const d of ['2018-12-31', '2027-01-01', '1999-10-01', '2030-05-01']) {
      expect(() => isWorkingDay(d)).toThrow(CalendarOutOfRangeError);
    }
    expect(() => addWorkingDays('2018-12-28', 3)).toThrow(CalendarOutOfRangeError);
    expect(() => workingDaysBetween('2019-01-02', '2027-01-04')).toThrow(CalendarOutOfRangeError);
    expect(() => workingDaysBetween('2018-12-31', '2019-01-02')).toThrow(CalendarOutOfRangeError);
    expect(() => holidayPeriods(2018)).toThrow(CalendarOutOfRangeError);
    expect(() => holidayPeriods(2027)).toThrow(CalendarOutOfRangeError);
    expect(() => calendarYearInfo(2027)).toThrow(CalendarOutOfRangeError);
  });

  it('refuses arithmetic whose result would leave the coverage', () => {
    // 2026-12-29, 30, 31 are the last three working days known.
    expect(addWorkingDays('2026-12-28', 3)).toBe('2026-12-31');
    let error: unknown;
    try {
      addWorkingDays('2026-12-28', 4);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarOutOfRangeError);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as CalendarOutOfRangeError).date).toBe('2027-01-01');
    expect((error as CalendarOutOfRangeError).coverage).toEqual(calendarCoverage());
    expect((error as Error).message).toContain('2026-12-31');
  });
});

describe('invalid input', () => {
  it('rejects malformed or impossible dates with a TypeError', () => {
    for (const d of ['2019-02-29', '2019-13-01', '2019-04-31', '20190101', '2019-1-1', '', ' 2019-01-02']) {
      expect(() => isWorkingDay(d)).toThrow(TypeError);
      expect(() => addWorkingDays(d, 1)).toThrow(TypeError);
      expect(() => workingDaysBetween(d, '2019-06-03')).toThrow(TypeError);
      expect(() => workingDaysBetween('2019-06-03', d)).toThrow(TypeError);
    }
    expect(() => isWorkingDay(20190102 as unknown as string)).toThrow(TypeError);
  });

  it('accepts only a non-negative whole number of working days', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => addWorkingDays('2019-06-03', n)).toThrow(RangeError);
    }
    expect(() => addWorkingDays('2019-06-03', -1)).not.toThrow(CalendarOutOfRangeError);
  });

  it('wants an integer year', () => {
    expect(() => holidayPeriods(2019.5)).toThrow(TypeError);
  });
});

describe('the notices, day by day', () => {
  it('2019: National Day 1–7 October off, Sunday 29 September and Saturday 12 October worked', () => {
    for (const d of datesFrom('2019-10-01', '2019-10-07')) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2019-09-29')).toBe(true);
    expect(isWorkingDay('2019-10-12')).toBe(true);
    expect(isWorkingDay('2019-09-28')).toBe(false); // an ordinary Saturday
    expect(isWorkingDay('2019-10-08')).toBe(true);
  });

  it('2019: 元旦 on Tuesday 1 January; the Spring Festival 4–10 February with 2 and 3 February worked', () => {
    expect(isWorkingDay('2019-01-01')).toBe(false);
    expect(isWorkingDay('2019-01-02')).toBe(true);
    expect(isWorkingDay('2019-02-02')).toBe(true);
    expect(isWorkingDay('2019-02-03')).toBe(true);
    for (const d of datesFrom('2019-02-04', '2019-02-10')) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2019-02-11')).toBe(true);
  });

  it('2019: Labour Day as changed by 国办发明电〔2019〕3号 (1–4 May off, Sundays 28 April and 5 May worked)', () => {
    for (const d of ['2019-05-01', '2019-05-02', '2019-05-03']) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2019-04-28')).toBe(true);
    expect(isWorkingDay('2019-05-05')).toBe(true);
    expect(isWorkingDay('2019-05-06')).toBe(true);
  });

  it('2020: the Spring Festival extended to 2 February by 国办发明电〔2020〕1号', () => {
    expect(isWorkingDay('2020-01-19')).toBe(true); // Sunday, still worked
    expect(isWorkingDay('2020-01-23')).toBe(true);
    for (const d of datesFrom('2020-01-24', '2020-02-02')) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2020-01-31')).toBe(false); // Friday, off only under the extension
    expect(isWorkingDay('2020-02-01')).toBe(false); // Saturday, no longer worked
    expect(isWorkingDay('2020-02-03')).toBe(true);
  });

  it('2020: National Day and Mid-Autumn together, 1–8 October', () => {
    expect(isWorkingDay('2020-09-27')).toBe(true);
    for (const d of datesFrom('2020-10-01', '2020-10-08')) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2020-10-09')).toBe(true);
    expect(isWorkingDay('2020-10-10')).toBe(true);
  });

  it('2022–2023: holidays that run into the next year', () => {
    expect(isWorkingDay('2022-12-30')).toBe(true);
    expect(isWorkingDay('2022-12-31')).toBe(false); // Saturday, first day of 元旦 2023
    expect(isWorkingDay('2023-01-02')).toBe(false); // Monday, off
    expect(isWorkingDay('2023-01-03')).toBe(true);
    expect(isWorkingDay('2023-01-28')).toBe(true);
    expect(isWorkingDay('2023-01-29')).toBe(true);
  });

  it('2024: Sunday 4 February worked; New Year’s Eve 9 February a working day (only encouraged off)', () => {
    expect(isWorkingDay('2024-02-04')).toBe(true);
    expect(isWorkingDay('2024-02-09')).toBe(true);
    for (const d of datesFrom('2024-02-10', '2024-02-17')) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2024-02-18')).toBe(true);
    expect(isWorkingDay('2024-04-07')).toBe(true);
    expect(isWorkingDay('2024-05-11')).toBe(true);
    expect(isWorkingDay('2024-06-10')).toBe(false);
  });

  it('2025: the first year under the 2024 amendment — the Spring Festival from New Year’s Eve, eight days', () => {
    expect(isWorkingDay('2025-01-26')).toBe(true);
    expect(isWorkingDay('2025-01-27')).toBe(true);
    for (const d of datesFrom('2025-01-28', '2025-02-04')) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2025-02-08')).toBe(true);
    expect(isWorkingDay('2025-04-27')).toBe(true);
    for (const d of datesFrom('2025-05-01', '2025-05-05')) expect(isWorkingDay(d), d).toBe(false);
    for (const d of datesFrom('2025-10-01', '2025-10-08')) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2025-09-28')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true);
  });

  it('2026: every Monday–Friday day off and every working weekend day of 国办发明电〔2025〕7号', () => {
    const off = new Set(
      [
        '01-01',
        '01-02',
        '02-16',
        '02-17',
        '02-18',
        '02-19',
        '02-20',
        '02-23',
        '04-06',
        '05-01',
        '05-04',
        '05-05',
        '06-19',
        '09-25',
        '10-01',
        '10-02',
        '10-05',
        '10-06',
        '10-07',
      ].map((md) => `2026-${md}`),
    );
    const worked = new Set(['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'].map((md) => `2026-${md}`));
    for (const d of datesFrom('2026-01-01', '2026-12-31')) {
      expect(isWorkingDay(d), d).toBe(isWeekend(dayNumberOf(d)) ? worked.has(d) : !off.has(d));
    }
  });
});

describe('working days per year', () => {
  const expected: Record<number, number> = {
    2019: 250,
    2020: 249, // 251 without the Spring Festival extension
    2021: 250,
    2022: 249,
    2023: 249,
    2024: 251,
    2025: 248, // 13 statutory days from 2025 on
    2026: 248,
  };
  for (const [year, count] of Object.entries(expected)) {
    it(`${year} has ${count}`, () => {
      expect(countByDay(Number(year))).toBe(count);
      const y = Number(year);
      const viaBetween =
        workingDaysBetween(`${y}-01-01`, `${y}-12-31`) + (isWorkingDay(`${y}-01-01`) ? 1 : 0);
      expect(viaBetween).toBe(count);
    });
  }
});

describe('addWorkingDays', () => {
  it('does not count the starting day, and n = 0 returns it', () => {
    expect(addWorkingDays('2019-06-03', 0)).toBe('2019-06-03');
    expect(addWorkingDays('2019-06-08', 0)).toBe('2019-06-08'); // a Saturday stays as given
    expect(addWorkingDays('2019-06-03', 1)).toBe('2019-06-04');
    expect(addWorkingDays('2019-06-06', 1)).toBe('2019-06-10'); // 端午 Friday 7 June off
  });

  it('counts across National Day 2019, including the Sunday worked before it', () => {
    // Friday 27 Sep: 29 Sep (Sun, worked) 1, 30 Sep 2, 1–7 Oct off, 8, 9, 10 Oct = 3, 4, 5.
    expect(addWorkingDays('2019-09-27', 5)).toBe('2019-10-10');
    expect(addWorkingDays('2019-09-27', 1)).toBe('2019-09-29');
    expect(addWorkingDays('2019-09-30', 1)).toBe('2019-10-08');
    // Received during the holiday: counting starts on the first working day after it.
    expect(addWorkingDays('2019-10-03', 1)).toBe('2019-10-08');
    expect(addWorkingDays('2019-10-07', 5)).toBe('2019-10-12'); // Saturday 12 Oct is worked
  });

  it('counts across the 2025 National Day and Mid-Autumn holiday', () => {
    // Friday 26 Sep: 28 Sep (Sun) 1, 29 2, 30 3, 1–8 Oct off, 9 Oct 4, 10 Oct 5.
    expect(addWorkingDays('2025-09-26', 5)).toBe('2025-10-10');
    expect(addWorkingDays('2025-09-26', 6)).toBe('2025-10-11'); // Saturday worked
  });

  it('gives a 20-working-day deadline across the 2026 Spring Festival', () => {
    // From Friday 6 Feb: 9–13 Feb (5), Sat 14 Feb (6), 15–23 off, 24–27 Feb (10), Sat 28 Feb (11),
    // 2–6 Mar (16), 9–12 Mar (20).
    expect(addWorkingDays('2026-02-06', 20)).toBe('2026-03-12');
    expect(workingDaysBetween('2026-02-06', '2026-03-12')).toBe(20);
  });

  it('handles long spans and year ends', () => {
    expect(addWorkingDays('2019-01-01', 250)).toBe('2019-12-31');
    expect(addWorkingDays('2019-12-31', 1)).toBe('2020-01-02');
    expect(addWorkingDays('2019-01-01', 1994)).toBe('2026-12-31');
  });
});

describe('workingDaysBetween', () => {
  it('counts from < d <= to', () => {
    expect(workingDaysBetween('2019-09-27', '2019-10-10')).toBe(5);
    expect(workingDaysBetween('2019-09-27', '2019-09-28')).toBe(0); // Saturday, not worked
    expect(workingDaysBetween('2019-09-27', '2019-09-29')).toBe(1); // Sunday, worked
    expect(workingDaysBetween('2019-10-01', '2019-10-07')).toBe(0);
    expect(workingDaysBetween('2019-06-03', '2019-06-04')).toBe(1);
  });

  it('is 0 when to <= from', () => {
    expect(workingDaysBetween('2019-06-03', '2019-06-03')).toBe(0);
    expect(workingDaysBetween('2019-10-10', '2019-09-27')).toBe(0);
  });

  it('adds up over consecutive intervals', () => {
    expect(workingDaysBetween('2019-01-01', '2026-12-31')).toBe(1994);
    expect(
      workingDaysBetween('2019-01-01', '2022-06-30') + workingDaysBetween('2022-06-30', '2026-12-31'),
    ).toBe(1994);
  });
});

describe('properties', () => {
  const first = dayNumberOf('2019-01-01');
  const last = dayNumberOf('2026-12-31');
  const date = fc.integer({ min: first, max: last }).map(dateOfDayNumber);

  it('addWorkingDays and workingDaysBetween agree, and the deadline is the first such working day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 60 }), (start, n) => {
        let end: string;
        try {
          end = addWorkingDays(start, n);
        } catch (e) {
          // Only allowed when the deadline would pass the end of the data.
          expect(e).toBeInstanceOf(CalendarOutOfRangeError);
          expect(workingDaysBetween(start, '2026-12-31')).toBeLessThan(n);
          return;
        }
        expect(workingDaysBetween(start, end)).toBe(n);
        if (n > 0) {
          expect(isWorkingDay(end)).toBe(true);
          expect(workingDaysBetween(start, next(end, -1))).toBe(n - 1);
        } else {
          expect(end).toBe(start);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('workingDaysBetween equals a day-by-day count', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 120 }), (from, span) => {
        const to = dateOfDayNumber(Math.min(dayNumberOf(from) + span, last));
        const counted = to > from ? datesFrom(next(from), to).filter(isWorkingDay).length : 0;
        expect(workingDaysBetween(from, to)).toBe(counted);
      }),
      { numRuns: 500 },
    );
  });
});

describe('holidayPeriods and calendarYearInfo', () => {
  it('lists the named holidays of a year with their stretches and working days', () => {
    const p2019 = holidayPeriods(2019);
    expect(p2019.map((p) => p.name)).toEqual([
      '元旦',
      '春节',
      '清明节',
      '劳动节',
      '端午节',
      '中秋节',
      '国庆节',
    ]);
    expect(p2019[0]).toMatchObject({
      from: '2018-12-30',
      to: '2019-01-01',
      days: 3,
      workdays: ['2018-12-29'],
    });
    expect(p2019[2]).toMatchObject({ from: '2019-04-05', to: '2019-04-07', days: 3, workdays: [] });
    expect(p2019[3]).toMatchObject({
      from: '2019-05-01',
      to: '2019-05-04',
      source: '国办发明电〔2019〕3号',
      supersedes: { source: '国办发明电〔2018〕15号' },
    });
    expect(p2019[6]).toMatchObject({
      from: '2019-10-01',
      to: '2019-10-07',
      workdays: ['2019-09-29', '2019-10-12'],
    });

    const p2025 = holidayPeriods(2025);
    expect(p2025.map((p) => p.name)).toEqual([
      '元旦',
      '春节',
      '清明节',
      '劳动节',
      '端午节',
      '国庆节、中秋节',
    ]);
    expect(p2025[5]!.festivals).toEqual(['国庆节', '中秋节']);

    const p2026 = holidayPeriods(2026);
    expect(p2026[1]).toMatchObject({ name: '春节', from: '2026-02-15', to: '2026-02-23', days: 9 });
  });

  it('every year has all seven festivals', () => {
    for (let y = 2019; y <= 2026; y++) {
      const festivals = new Set(holidayPeriods(y).flatMap((p) => p.festivals));
      expect(festivals.size, String(y)).toBe(7);
    }
  });

  it('returns frozen data', () => {
    const p = holidayPeriods(2024)[0]!;
    expect(Object.isFrozen(p)).toBe(true);
    expect(() => {
      (p as { to: string }).to = '2024-01-02';
    }).toThrow(TypeError);
  });

  it('names the notices, with the later changes of 2019 and 2020', () => {
    const numbers = (y: number) => calendarYearInfo(y).notices.map((n) => n.documentNumber);
    expect(numbers(2019)).toEqual(['国办发明电〔2018〕15号', '国办发明电〔2019〕3号']);
    expect(numbers(2020)).toEqual(['国办发明电〔2019〕16号', '国办发明电〔2020〕1号']);
    expect(numbers(2021)).toEqual(['国办发明电〔2020〕27号']);
    expect(numbers(2022)).toEqual(['国办发明电〔2021〕11号']);
    expect(numbers(2023)).toEqual(['国办发明电〔2022〕16号']);
    expect(numbers(2024)).toEqual(['国办发明电〔2023〕7号']);
    expect(numbers(2025)).toEqual(['国办发明电〔2024〕12号']);
    expect(numbers(2026)).toEqual(['国办发明电〔2025〕7号']);
    expect(calendarYearInfo(2026)).toMatchObject({ confirmed: true });
    expect(calendarYearInfo(2026).notices[0]).toMatchObject({
      issued: '2025-11-04',
      published: '2025-11-04',
    });
  });
});

describe('workingDeadline', () => {
  it('is addWorkingDays inside the published calendar', () => {
    expect(workingDeadline('2019-09-27', 5)).toEqual({ date: '2019-10-10', provisional: false });
  });
  it('counts Monday to Friday beyond the last published year, and says so', () => {
    // 2026-12-28 is a Monday; 5 working days on: 29, 30, 31 Dec, then Fri 1 Jan 2027, Mon 4 Jan 2027.
    expect(workingDeadline('2026-12-28', 5)).toEqual({ date: '2027-01-04', provisional: true });
  });
});
