import { describe, expect, it } from 'vitest';
import { chinaTime, formatValue, levelOfCode, passwordOk } from './format';

describe('formatValue', () => {
  it('shows amounts with their unit, amounts by key, lists and fractions', () => {
    expect(formatValue(1580, '元/月', 'zh-CN')).toBe('1,580 元/月');
    expect(formatValue({ a: 1000, b: 1500 }, '元', 'zh-CN')).toBe('a: 1,000 元；b: 1,500 元');
    expect(formatValue(['x', 'y'], null, 'zh-CN')).toBe('x、y');
    expect(formatValue('2/3', null, 'en')).toBe('2/3');
    expect(formatValue(null, '元', 'zh-CN')).toBe('—');
  });
});

describe('chinaTime', () => {
  it('shows an instant in China time', () => {
    expect(chinaTime('2026-11-30T16:30:00.000Z')).toBe('2026-12-01 00:30');
  });
});

describe('passwordOk and levelOfCode', () => {
  it('follow the API', () => {
    expect(passwordOk('abcdefghi1')).toBe(true);
    expect(passwordOk('abcdefghij')).toBe(false);
    expect(passwordOk('abc1')).toBe(false);
    expect(levelOfCode('211382101')).toBe('township');
    expect(levelOfCode('2113821')).toBeNull();
  });
});
