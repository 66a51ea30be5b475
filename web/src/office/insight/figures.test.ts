import { describe, expect, it } from 'vitest';
import {
  barChart,
  barsHeight,
  budgetNearlyUsed,
  changedParameters,
  fenText,
  share,
  signed,
  townshipRows,
} from './figures';

describe('figures', () => {
  it('shows fen as yuan, shares and signed differences', () => {
    expect(fenText(2_300_000, 'zh-CN')).toBe('23,000');
    expect(fenText(150_050, 'en')).toBe('1,500.5');
    expect(share(300_000, 10_000_000)).toBe('3.0%');
    expect(share(1, 0)).toBe('—');
    expect(signed(1200, 'zh-CN')).toBe('+1,200');
    expect(signed(-300, 'zh-CN')).toBe('-300');
    expect(signed(0, 'zh-CN')).toBe('0');
    expect(barsHeight(1)).toBe(220);
    expect(barsHeight(30)).toBe(920);
  });

  it('keeps only the parameters that differ from the current values', () => {
    expect(
      changedParameters(
        { a: 1000, b: { '1': 10, '2': 20 }, c: 0.5 },
        { a: 1000, b: { '1': 10, '2': 25 }, c: 0.4, d: null },
      ),
    ).toEqual({ b: { '1': 10, '2': 25 }, c: 0.4 });
  });

  it('names and sorts the townships of one programme by simulated cost', () => {
    const cell = (programme: string, township: string, base: number, reform: number) => ({
      programme,
      township,
      baseline: { beneficiaries: 1, cost: base },
      reform: { beneficiaries: 1, cost: reform },
    });
    const rows = townshipRows(
      {
        pack: 'p',
        scope: '211382',
        date: '2026-01-01',
        parameters: {},
        affected: [],
        byProgramme: [],
        byProgrammeAndTownship: [
          cell('x', '211382101', 100, 120),
          cell('x', '211382001', 100, 300),
          cell('y', '211382001', 5, 5),
        ],
        subjects: 3,
        seconds: 0,
      },
      'x',
      new Map([['211382101', '万元店镇']]),
    );
    expect(rows.map((r) => [r.township, r.name])).toEqual([
      ['211382001', '211382001'],
      ['211382101', '万元店镇'],
    ]);
  });
});

describe('budgetNearlyUsed', () => {
  it('warns from 90 % committed, never without a budget', () => {
    expect(budgetNearlyUsed(899, 1000)).toBe(false);
    expect(budgetNearlyUsed(900, 1000)).toBe(true);
    expect(budgetNearlyUsed(5, 0)).toBe(false);
  });

  it('lays out a horizontal bar chart, categories top to bottom, with the extra legend and axis settings', () => {
    const series = [{ name: '已批准', type: 'bar', data: [3, 1] }];
    const o = barChart(['城关', '北炉'], series, { legend: { type: 'scroll' }, xAxis: { minInterval: 1 } });
    expect(o.yAxis).toEqual({ type: 'category', inverse: true, data: ['城关', '北炉'] });
    expect(o.xAxis).toEqual({ type: 'value', minInterval: 1 });
    expect(o.legend).toEqual({ top: 0, type: 'scroll' });
    expect(o.series).toBe(series);
    expect(barChart([], []).xAxis).toEqual({ type: 'value' });
  });
});
