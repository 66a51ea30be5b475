import { describe, expect, it } from 'vitest';
import { fenText, resumable, usage, yuanToFen } from './money';
import type { Balances } from './types';

const balances = (available: number, committed = 0, disbursed = 0): Balances => ({
  appropriation: 0,
  available,
  committed,
  guaranteed: 0,
  disbursed,
  recoverable: 0,
  recovered: 0,
});

describe('money in the funds pages', () => {
  it('writes fen as yuan with two decimals, without floating point', () => {
    expect(fenText(123_456_789)).toBe('1,234,567.89');
    expect(fenText(5)).toBe('0.05');
    expect(fenText(-180_050)).toBe('-1,800.50');
  });
  it('reads typed yuan as fen, refusing anything else', () => {
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('¥1,000')).toBe(100_000);
    expect(yuanToFen('12.5')).toBe(1250);
    expect(yuanToFen('12.555')).toBeUndefined();
    expect(yuanToFen('-3')).toBeUndefined();
    expect(yuanToFen('')).toBeUndefined();
  });
  it('warns when a budget is nearly or wholly used', () => {
    expect(usage(0, balances(0)).level).toBe('none');
    expect(usage(100_000, balances(100_000)).level).toBe('ok');
    expect(usage(100_000, balances(20_000, 50_000, 30_000))).toMatchObject({
      level: 'ok',
      percent: 80,
      committedFen: 50_000,
      paidFen: 30_000,
    });
    expect(usage(100_000, balances(10_000, 90_000)).level).toBe('near');
    expect(usage(100_000, balances(0, 100_000)).level).toBe('over');
    expect(usage(100_000, balances(-5_000, 105_000))).toMatchObject({ level: 'over', percent: 105 });
    expect(usage(0, balances(-5_000, 5_000)).level).toBe('over');
  });
  it('knows a batch cut off mid-way', () => {
    expect(resumable({ status: 'building', paid: 0, claimed: 3 })).toBe(true);
    expect(resumable({ status: 'sending', paid: 2, claimed: 1 })).toBe(true);
    expect(resumable({ status: 'ready', paid: 0, claimed: 3 })).toBe(false);
    expect(resumable({ status: 'done', paid: 3, claimed: 0 })).toBe(false);
  });
});
