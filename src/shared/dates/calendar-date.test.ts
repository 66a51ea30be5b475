import { describe, expect, it } from 'vitest';
import { ageOn, isCalendarDate, todayInChina } from './calendar-date.js';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2020-02-29')).toBe(true);
    expect(isCalendarDate('2019-02-29')).toBe(false);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2019-04-31')).toBe(false);
    expect(isCalendarDate('2019-4-1')).toBe(false);
    expect(isCalendarDate('2019-13-01')).toBe(false);
    expect(isCalendarDate(20190101)).toBe(false);
  });

  it('gives today in China, which is a day ahead of UTC late in the evening', () => {
    expect(todayInChina(new Date('2019-06-14T16:30:00Z'))).toBe('2019-06-15');
    expect(todayInChina(new Date('2019-06-14T15:59:59Z'))).toBe('2019-06-14');
  });

  it('counts whole years of age', () => {
    expect(ageOn('1995-06-15', '2019-06-14')).toBe(23);
    expect(ageOn('1995-06-15', '2019-06-15')).toBe(24);
    expect(ageOn('2000-02-29', '2019-02-28')).toBe(18);
    expect(ageOn('2000-02-29', '2019-03-01')).toBe(19);
  });
});
