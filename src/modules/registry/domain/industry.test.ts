import { describe, expect, it } from 'vitest';
import { isIndustryCode } from './industry.js';

describe('GB/T 4754-2017 industry codes', () => {
  it('accepts a section and codes whose division lies in it', () => {
    for (const c of ['A', 'A01', 'C13', 'C1310', 'C431', 'K70', 'T97', 'S96'])
      expect(isIndustryCode(c)).toBe(true);
  });
  it('rejects divisions outside their section, bad letters and shapes', () => {
    for (const c of ['C12', 'C44', 'A06', 'K71', 'U01', 'c13', 'C1', 'C13101', '13', ''])
      expect(isIndustryCode(c)).toBe(false);
  });
});
