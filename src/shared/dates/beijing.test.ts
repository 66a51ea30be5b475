import { describe, expect, it } from 'vitest';
import { beijingDate, formatBeijing, formatBeijingSeconds, formatPercent } from './beijing.js';

describe('Beijing time', () => {
  it('shows an instant eight hours ahead of UTC, across midnight', () => {
    expect(formatBeijing('2026-12-07T15:31:00.000Z')).toBe('2026-12-07 23:31');
    expect(formatBeijing(new Date('2026-12-07T16:30:00Z'))).toBe('2026-12-08 00:30');
    expect(formatBeijingSeconds('2026-12-31T16:00:05Z')).toBe('2027-01-01 00:00:05');
    expect(beijingDate('2026-12-07T16:30:00Z')).toBe('2026-12-08');
  });
  it('gives nothing for no instant or a string that is not one', () => {
    expect(formatBeijing(null)).toBe('');
    expect(formatBeijing('not a time')).toBe('');
  });
});

describe('formatPercent', () => {
  it('turns ratios into percentages with at most two decimals', () => {
    expect(formatPercent(0.6667)).toBe('66.67%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.123456)).toBe('12.35%');
    expect(formatPercent(null)).toBe('—');
  });
});
