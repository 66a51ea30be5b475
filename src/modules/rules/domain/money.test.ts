import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roundFen, toFen } from './money.js';

describe('money', () => {
  it('rounds half up to the fen, despite binary fractions', () => {
    expect(toFen(1234.565)).toBe(123457);
    expect(toFen(1.005)).toBe(101);
    expect(toFen(0.125)).toBe(13);
    expect(toFen(1500 * 5 * (2 / 3))).toBe(500000);
    expect(roundFen(1000 / 3)).toBe(333.33);
    expect(roundFen(2000 / 3)).toBe(666.67);
  });
  it('leaves whole fen unchanged', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (fen) => toFen(fen / 100) === fen));
  });
});
