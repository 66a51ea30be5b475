import { describe, expect, it } from 'vitest';
import { JOURNAL_KINDS, legsFor } from './ledger.js';

describe('journal legs', () => {
  it('sum to zero for every kind of journal, either way round', () => {
    for (const kind of JOURNAL_KINDS) {
      for (const amount of [1, 400000, -250]) {
        const legs = legsFor(kind, amount);
        expect(legs).toHaveLength(2);
        expect(legs[0]!.amountFen + legs[1]!.amountFen).toBe(0);
        expect(legs[0]!.account).not.toBe(legs[1]!.account);
      }
    }
  });

  it('move money between the right accounts', () => {
    expect(legsFor('commitment', 500)).toEqual([
      { account: 'committed', amountFen: 500 },
      { account: 'available', amountFen: -500 },
    ]);
    expect(legsFor('disbursement', 500).map((l) => l.account)).toEqual(['disbursed', 'committed']);
    expect(legsFor('release', 500, 'guaranteed').map((l) => l.account)).toEqual(['available', 'guaranteed']);
    expect(legsFor('recovery-claim', 500).map((l) => l.account)).toEqual(['recoverable', 'disbursed']);
  });

  it('refuses a zero or fractional amount', () => {
    expect(() => legsFor('commitment', 0)).toThrow(RangeError);
    expect(() => legsFor('commitment', 1.5)).toThrow(RangeError);
  });
});
