import { describe, expect, it } from 'vitest';
import raw from './data/cn-workdays.json' with { type: 'json' };
import { calendarDataProblems, parseCalendarData } from './calendar-data.js';
import { CalendarDataError } from './errors.js';

type Raw = typeof raw;
type RawYear = Raw['years'][number];

/** A deep copy of the bundled data with `edit` applied to the entry of `year`. */
function withYear(year: number, edit: (y: RawYear) => void): Raw {
  const copy = structuredClone(raw);
  const entry = copy.years.find((y) => y.year === year);
  if (!entry) throw new Error(`no ${year}`);
  edit(entry);
  return copy;
}

const insertSorted = (list: string[], d: string) => [...list, d].sort();

describe('the bundled data', () => {
  it('passes every check', () => {
    expect(calendarDataProblems(raw)).toEqual([]);
    expect(parseCalendarData(raw).years.map((y) => y.year)).toEqual([
      2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026,
    ]);
  });

  it('is confirmed for every year, with at least one reprint of the notice and one dataset compared', () => {
    for (const y of raw.years) {
      expect(y.confirmed, String(y.year)).toBe(true);
      expect(y.crossCheck.noticeText.length, String(y.year)).toBeGreaterThan(0);
      expect(y.crossCheck.datasets.length, String(y.year)).toBeGreaterThan(0);
    }
  });
});

describe('the checks catch', () => {
  it('a date that does not exist', () => {
    const bad = withYear(2019, (y) => {
      y.offDays = insertSorted(y.offDays, '2019-02-29');
    });
    expect(calendarDataProblems(bad).join('\n')).toMatch(/not a real YYYY-MM-DD date/);
  });

  it('a day off on a weekend, or a working day on a weekday', () => {
    const offOnSaturday = withYear(2019, (y) => {
      y.offDays = insertSorted(y.offDays, '2019-10-05');
    });
    expect(calendarDataProblems(offOnSaturday).join('\n')).toMatch(
      /offDays has 2019-10-05, which is a Saturday/,
    );
    const workOnMonday = withYear(2019, (y) => {
      y.workdays = insertSorted(y.workdays, '2019-10-14');
    });
    expect(calendarDataProblems(workOnMonday).join('\n')).toMatch(
      /workdays has 2019-10-14, which is Monday–Friday/,
    );
  });

  it('a date both off and worked', () => {
    const bad = withYear(2020, (y) => {
      y.workdays = insertSorted(y.workdays, '2020-01-31');
    });
    expect(calendarDataProblems(bad).join('\n')).toMatch(/2020-01-31 is both a day off and a working day/);
  });

  it('a date outside its year', () => {
    const bad = withYear(2021, (y) => {
      y.offDays = insertSorted(y.offDays, '2022-01-03');
    });
    expect(calendarDataProblems(bad).join('\n')).toMatch(/offDays has 2022-01-03, outside the year/);
  });

  it('lists that do not follow from the holiday periods', () => {
    const missing = withYear(2024, (y) => {
      y.offDays = y.offDays.filter((d) => d !== '2024-10-07');
    });
    expect(calendarDataProblems(missing).join('\n')).toMatch(/offDays are not exactly/);
    const extra = withYear(2024, (y) => {
      y.workdays = insertSorted(y.workdays, '2024-03-02');
    });
    expect(calendarDataProblems(extra).join('\n')).toMatch(/workdays are not exactly/);
  });

  it('a period whose day count or notice is wrong', () => {
    const days = withYear(2025, (y) => {
      y.periods[1]!.days = 7;
    });
    expect(calendarDataProblems(days).join('\n')).toMatch(/春节 2025-01-28..2025-02-04 spans 8 days, not 7/);
    const source = withYear(2025, (y) => {
      y.periods[1]!.source = '国办发明电〔2024〕99号';
    });
    expect(calendarDataProblems(source).join('\n')).toMatch(/cites 国办发明电〔2024〕99号/);
  });

  it('a working day inside a holiday', () => {
    const bad = withYear(2026, (y) => {
      y.periods[1]!.workdays = ['2026-02-14', '2026-02-21', '2026-02-28'];
      y.workdays = insertSorted(y.workdays, '2026-02-21');
    });
    expect(calendarDataProblems(bad).join('\n')).toMatch(/working day 2026-02-21 lies inside a holiday/);
  });

  it('unsorted lists and gaps between years', () => {
    const unsorted = withYear(2022, (y) => {
      y.offDays = [...y.offDays].reverse();
    });
    expect(calendarDataProblems(unsorted).join('\n')).toMatch(/offDays must be sorted/);
    const gap = structuredClone(raw);
    gap.years.splice(3, 1);
    expect(calendarDataProblems(gap).join('\n')).toMatch(/2023: years must be consecutive/);
  });

  it('an unconfirmed year without a note', () => {
    const bad = withYear(2026, (y) => {
      y.confirmed = false;
    });
    expect(calendarDataProblems(bad).join('\n')).toMatch(/unconfirmed year needs a note/);
  });

  it('unknown fields and a malformed document number', () => {
    const extraField = withYear(2019, (y) => {
      (y as Record<string, unknown>)['holidays'] = [];
    });
    expect(calendarDataProblems(extraField).length).toBeGreaterThan(0);
    const docNumber = withYear(2019, (y) => {
      y.notices[0]!.documentNumber = '国办发〔2018〕15号';
    });
    expect(calendarDataProblems(docNumber).join('\n')).toMatch(/not a 国办发明电 document number/);
  });

  it('and parseCalendarData throws with every problem listed', () => {
    const bad = withYear(2019, (y) => {
      y.offDays = insertSorted(y.offDays, '2019-10-05');
      y.workdays = insertSorted(y.workdays, '2019-10-14');
    });
    let error: unknown;
    try {
      parseCalendarData(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarDataError);
    expect((error as CalendarDataError).problems.length).toBeGreaterThanOrEqual(2);
  });
});
