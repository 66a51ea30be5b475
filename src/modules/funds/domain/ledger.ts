/**
 * The double-entry ledger of the funds, per county, fund, budget year and programme. Amounts are fen,
 * debit positive and credit negative; every journal's postings sum to zero (the database refuses
 * anything else). What each account holds:
 *
 * | account       | holds                                                        |
 * |---------------|--------------------------------------------------------------|
 * | appropriation | the budget set by finance (credit: its balance is −budget)   |
 * | available     | budget not yet committed                                     |
 * | committed     | approved, not yet paid                                       |
 * | guaranteed    | start-up loan guarantees in force (never paid out)           |
 * | disbursed     | paid out                                                     |
 * | recoverable   | 追回: found irregular after payment, owed back               |
 * | recovered     | 追回: returned                                               |
 */
export const ACCOUNT_KINDS = [
  'appropriation',
  'available',
  'committed',
  'guaranteed',
  'disbursed',
  'recoverable',
  'recovered',
] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const JOURNAL_KINDS = [
  'allocation',
  'commitment',
  'guarantee',
  'release',
  'disbursement',
  'reversal',
  'recovery-claim',
  'recovery',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export interface Leg {
  account: AccountKind;
  amountFen: number;
}

/** Which account each kind of journal debits and credits. */
const MOVES: Record<Exclude<JournalKind, 'release'>, { debit: AccountKind; credit: AccountKind }> = {
  allocation: { debit: 'available', credit: 'appropriation' },
  commitment: { debit: 'committed', credit: 'available' },
  guarantee: { debit: 'guaranteed', credit: 'available' },
  disbursement: { debit: 'disbursed', credit: 'committed' },
  reversal: { debit: 'committed', credit: 'disbursed' },
  'recovery-claim': { debit: 'recoverable', credit: 'disbursed' },
  recovery: { debit: 'recovered', credit: 'recoverable' },
};

/**
 * The two legs of a journal. `release` gives a commitment (or a guarantee: `from: 'guaranteed'`) back
 * to the available budget. A negative amount runs the move backwards (a budget cut).
 */
export function legsFor(
  kind: JournalKind,
  amountFen: number,
  from: 'committed' | 'guaranteed' = 'committed',
): Leg[] {
  if (!Number.isSafeInteger(amountFen) || amountFen === 0)
    throw new RangeError(`a journal needs a whole, non-zero amount of fen: ${amountFen}`);
  const m = kind === 'release' ? { debit: 'available' as const, credit: from } : MOVES[kind];
  return [
    { account: m.debit, amountFen },
    { account: m.credit, amountFen: -amountFen },
  ];
}

export const ACCOUNT_NAMES: Record<AccountKind, string> = {
  appropriation: '预算指标',
  available: '可用额度',
  committed: '已承诺未支付',
  guaranteed: '担保在保余额',
  disbursed: '已支付',
  recoverable: '应追回',
  recovered: '已追回',
};
