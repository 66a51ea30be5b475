import { describe, expect, it } from 'vitest';
import { drawSample, sampleSize } from './spot-check-sample.js';

describe('抽查 sample', () => {
  it('takes the rate of the population, rounded up, at least one', () => {
    expect(sampleSize(100, 500)).toBe(5);
    expect(sampleSize(101, 500)).toBe(6);
    expect(sampleSize(3, 500)).toBe(1);
    expect(sampleSize(0, 500)).toBe(0);
    expect(sampleSize(10, 0)).toBe(0);
    expect(sampleSize(10, 10_000)).toBe(10);
  });

  it('is the same for the same seed and population, and another for another seed', () => {
    const pop = Array.from({ length: 200 }, (_, i) => i * 3 + 1);
    const a = drawSample('seed-a', pop, 10);
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    expect(a.every((id) => pop.includes(id))).toBe(true);
    expect(drawSample('seed-a', [...pop].reverse(), 10)).toEqual(a);
    expect(drawSample('seed-b', pop, 10)).not.toEqual(a);
  });

  it('spreads over the population (each item about equally likely)', () => {
    const pop = Array.from({ length: 20 }, (_, i) => i + 1);
    const hits = new Map<number, number>();
    for (let s = 0; s < 2000; s++)
      for (const id of drawSample(`s${s}`, pop, 2)) hits.set(id, (hits.get(id) ?? 0) + 1);
    // 4000 picks over 20 items: 200 each expected.
    for (const id of pop) expect(hits.get(id)).toBeGreaterThan(130);
    for (const id of pop) expect(hits.get(id)).toBeLessThan(270);
  });
});
