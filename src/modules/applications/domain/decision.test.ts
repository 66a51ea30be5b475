import { describe, expect, it } from 'vitest';
import { decisionDifferences, maskIdentity, toFen, type FrozenDecision } from './decision.js';

const base: FrozenDecision = {
  pack: 'p@1',
  date: '2019-06-01',
  eligible: true,
  amount: 1000,
  components: [{ id: 'a', amount: 1000, payer: 'fund' }],
  reasons: [],
  missing: [],
  legalBasis: 'x',
  fund: '就业补助资金',
  facts: { disabled: true, history: [] },
  sources: {},
  conflicts: [],
};

describe('decision differences', () => {
  it('finds none between a decision and itself', () => {
    expect(decisionDifferences(base, structuredClone(base))).toEqual([]);
  });
  it('names the amount, component and fact that changed', () => {
    const after = {
      ...base,
      amount: 800,
      components: [{ id: 'a', amount: 800, payer: 'fund' as const }],
      facts: { disabled: false, history: [{ programme: 'x' }] },
    };
    expect(decisionDifferences(base, after)).toEqual([
      { what: 'amount', before: 1000, after: 800 },
      { what: 'component:a', before: 1000, after: 800 },
      { what: 'fact:disabled', before: true, after: false },
    ]);
  });
});

describe('maskIdentity', () => {
  it('masks identity numbers at any depth and leaves the rest', () => {
    const masked = maskIdentity(
      {
        idNumber: '211382199001011234',
        internship: { intern: { idNumber: '211382200001011234', months: 3 } },
      },
      (s) => s.slice(0, 6) + '****',
    );
    expect(masked).toEqual({
      idNumber: '211382****',
      internship: { intern: { idNumber: '211382****', months: 3 } },
    });
  });
});

describe('toFen', () => {
  it('converts yuan to whole fen without float drift', () => {
    expect(toFen(0.1 + 0.2)).toBe(30);
    expect(toFen(1234.565)).toBe(123457);
  });
});
