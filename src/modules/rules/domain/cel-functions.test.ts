import { describe, expect, it } from 'vitest';
import { addMonths, monthsBetween } from './cel-functions.js';

describe('date functions', () => {
  it('counts whole months', () => {
    expect(monthsBetween('2017-07-01', '2019-06-30')).toBe(23);
    expect(monthsBetween('2017-07-01', '2019-07-01')).toBe(24);
    expect(monthsBetween('2019-01-31', '2019-02-28')).toBe(0);
    expect(monthsBetween('2019-07-01', '2017-07-01')).toBe(-24);
  });
  it('adds months, clamping to the month’s last day', () => {
    expect(addMonths('2019-01-31', 1)).toBe('2019-02-28');
    expect(addMonths('2019-11-15', 3)).toBe('2020-02-15');
    expect(addMonths('2020-03-31', -1)).toBe('2020-02-29');
  });
});

describe('the function catalogue', () => {
  it('overloads no name: an untyped parse binds a call to its first signature', async () => {
    const { celFunctions } = await import('./cel-functions.js');
    const names = celFunctions.map((f) => f.signature.slice(0, f.signature.indexOf('(')));
    expect(new Set(names).size).toBe(names.length);
  });
});
