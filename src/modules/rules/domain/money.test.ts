import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { floorFen, roundFen, toFen } from './money.js';

describe('money', () => {
  it('rounds half up to the fen, despite binary fractions', () => {
    expect(toFen(1234.565)).toBe(123457);
    expect(toFen(1.005)).toBe(101);
    expect(toFen(0.125)).toBe(13);
    expect(toFen(1500 * 5 * (2 / 3))).toBe(500000);
    expect(roundFen(1000 / 3)).toBe(333.33);
    expect(roundFen(2000 / 3)).toBe(666.67);
  });
  it('rounds down to the fen for caps written 不超过, never above the exact share', () => {
    expect(floorFen(4000 * 3 * 0.505)).toBe(6060);
    expect(floorFen(0.8 * 1234.56)).toBe(987.64);
    expect(floorFen(2000.015 * 0.5)).toBe(1000);
    expect(floorFen(1234.56)).toBe(1234.56);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 100 }), (fen, pct) => {
        const exactFen = (fen * pct) / 100; // a share of a whole amount in fen, exactly
        const got = Math.round(floorFen(((fen / 100) * pct) / 100) * 100);
        return got <= exactFen && exactFen - got < 1;
      }),
    );
  });
  it('leaves whole fen unchanged', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (fen) => toFen(fen / 100) === fen));
  });
});
