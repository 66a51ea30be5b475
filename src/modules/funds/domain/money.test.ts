import { describe, expect, it } from 'vitest';
import { fenToYuan, isFen, parseYuan } from './money.js';

describe('money in fen', () => {
  it('writes fen as yuan with two decimals', () => {
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(123456)).toBe('1234.56');
    expect(fenToYuan(400000)).toBe('4000.00');
    expect(fenToYuan(-250)).toBe('-2.50');
    expect(fenToYuan(900719925474099)).toBe('9007199254740.99');
    expect(() => fenToYuan(1.5)).toThrow(RangeError);
  });

  it('reads yuan as text, never through a float', () => {
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan('1,234.5')).toBe(123450);
    expect(parseYuan('¥800')).toBe(80000);
    expect(parseYuan(' 1234.56 ')).toBe(123456);
    expect(parseYuan('1.234')).toBeUndefined();
    expect(parseYuan('-3')).toBeUndefined();
    expect(parseYuan('abc')).toBeUndefined();
  });

  it('knows a whole number of fen', () => {
    expect(isFen(0)).toBe(true);
    expect(isFen(10)).toBe(true);
    expect(isFen(-1)).toBe(false);
    expect(isFen(0.5)).toBe(false);
    expect(isFen(2 ** 53)).toBe(false);
    expect(isFen('10')).toBe(false);
  });
});
