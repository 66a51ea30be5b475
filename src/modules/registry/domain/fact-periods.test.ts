import { describe, expect, it } from 'vitest';
import { inForceOn, planFactChange, type FactPeriod } from './fact-periods.js';

const row = (id: number, value: unknown, from: string, to: string | null): FactPeriod => ({
  id,
  value,
  from,
  to,
  sourceKind: 'staff',
  sourceRef: null,
});
const next = (value: unknown, from: string, to: string | null) => ({
  value,
  from,
  to,
  sourceKind: 'department',
  sourceRef: 'list',
});

describe('planFactChange', () => {
  it('closes an open fact the day the new value starts', () => {
    const plan = planFactChange([row(1, false, '2018-01-01', null)], next(true, '2019-03-01', null));
    expect(plan.supersede).toEqual([1]);
    expect(plan.insert).toEqual([
      { value: false, from: '2018-01-01', to: '2019-03-01', sourceKind: 'staff', sourceRef: null },
      next(true, '2019-03-01', null),
    ]);
  });

  it('splits a longer period around a bounded correction', () => {
    const plan = planFactChange(
      [row(1, 'a', '2018-01-01', '2020-01-01')],
      next('b', '2019-01-01', '2019-07-01'),
    );
    expect(plan.insert.map((r) => [r.value, r.from, r.to])).toEqual([
      ['a', '2018-01-01', '2019-01-01'],
      ['a', '2019-07-01', '2020-01-01'],
      ['b', '2019-01-01', '2019-07-01'],
    ]);
  });

  it('leaves rows that end on the new start untouched (periods are half-open)', () => {
    const plan = planFactChange([row(1, 'a', '2018-01-01', '2019-01-01')], next('b', '2019-01-01', null));
    expect(plan.supersede).toEqual([]);
  });

  it('supersedes a row entirely covered', () => {
    const plan = planFactChange(
      [row(1, 'a', '2019-02-01', '2019-03-01'), row(2, 'c', '2019-03-01', null)],
      next('b', '2019-01-01', null),
    );
    expect(plan.supersede).toEqual([1, 2]);
    expect(plan.insert).toEqual([next('b', '2019-01-01', null)]);
  });
});

describe('inForceOn', () => {
  const rows = [row(1, 'a', '2018-01-01', '2019-01-01'), row(2, 'b', '2019-01-01', null)];
  it('finds the row in force, the end day excluded', () => {
    expect(inForceOn(rows, '2018-12-31')?.value).toBe('a');
    expect(inForceOn(rows, '2019-01-01')?.value).toBe('b');
    expect(inForceOn(rows, '2017-12-31')).toBeUndefined();
  });
});
