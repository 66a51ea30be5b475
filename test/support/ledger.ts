import { expect } from 'vitest';
import type { AnyDb } from '../../src/platform/db/database.js';
import { verifyLedger } from '../../src/modules/funds/index.js';

/**
 * The funds ledger balances: every journal sums to zero, every account's balance is its postings'
 * sum, the balances agree with budgets, commitments, payments and recoveries, and no item was paid
 * twice. Call it after each test that touches money (e.g. `afterEach(() => expectLedgerBalanced(app))`).
 */
export async function expectLedgerBalanced(app: { db: AnyDb }): Promise<void> {
  const r = await verifyLedger(app.db);
  expect(r.problems).toEqual([]);
  expect(r.totalFen).toBe(0);
  expect(r.unbalancedJournals).toBe(0);
}
