import type { AnyDb } from '../../../platform/db/database.js';
import { ledgerChecks } from '../infra/ledger-checks.js';

export interface LedgerProblem {
  code: 'UNBALANCED_JOURNAL' | 'ACCOUNT_DRIFT' | 'LEDGER_RECORD_MISMATCH' | 'PAID_NOT_ONCE' | 'LEDGER_TOTAL';
  zh: string;
  en: string;
}

export interface LedgerBalance {
  journals: number;
  postings: number;
  /** The sum of every posting: 0 in a double-entry ledger. */
  totalFen: number;
  /** Journals whose postings do not sum to zero (or with fewer than two). */
  unbalancedJournals: number;
}

/** The ledger's totals: every posting summed (0), and how many journals do not balance (0). */
export async function ledgerBalance(db: AnyDb): Promise<LedgerBalance> {
  const totals = await ledgerChecks.totals(db);
  const unbalanced = await ledgerChecks.unbalancedJournals(db);
  return {
    journals: totals.journals,
    postings: totals.postings,
    totalFen: totals.total,
    unbalancedJournals: unbalanced.length,
  };
}

/**
 * Check the whole ledger: every journal balances, every account's kept balance is the sum of its
 * postings, the balances agree with the budgets, commitments, payments and recoveries they record,
 * and every paid item was paid exactly once. No problems: `ok`.
 */
export async function verifyLedger(
  db: AnyDb,
): Promise<LedgerBalance & { ok: boolean; problems: LedgerProblem[] }> {
  const balance = await ledgerBalance(db);
  const problems: LedgerProblem[] = [];
  const totals = await ledgerChecks.totals(db);
  if (totals.total !== 0 || totals.accounts_total !== 0)
    problems.push({
      code: 'LEDGER_TOTAL',
      zh: `分录合计不为零：${totals.total} 分（账户余额合计 ${totals.accounts_total} 分）`,
      en: `postings sum to ${totals.total} fen (accounts to ${totals.accounts_total})`,
    });
  for (const j of await ledgerChecks.unbalancedJournals(db))
    problems.push({
      code: 'UNBALANCED_JOURNAL',
      zh: `凭证 ${j.county}/${j.id}（${j.key}）借贷不平：合计 ${j.total} 分，${j.legs} 条分录`,
      en: `journal ${j.county}/${j.id} (${j.key}) sums to ${j.total} fen over ${j.legs} postings`,
    });
  for (const a of await ledgerChecks.driftedAccounts(db))
    problems.push({
      code: 'ACCOUNT_DRIFT',
      zh: `账户 ${a.county}/${a.id}（${a.kind}）余额 ${a.balance} 分与分录合计 ${a.sum} 分不符`,
      en: `account ${a.county}/${a.id} (${a.kind}) holds ${a.balance} fen, its postings sum to ${a.sum}`,
    });
  for (const m of await ledgerChecks.recordMismatches(db))
    problems.push({
      code: 'LEDGER_RECORD_MISMATCH',
      zh: `${m.county} ${m.fund} ${m.year} ${m.programme_id}：账上${m.what} ${m.ledger} 分，业务记录 ${m.records} 分`,
      en: `${m.county} ${m.fund} ${m.year} ${m.programme_id}: ledger ${m.what} ${m.ledger} fen, records ${m.records}`,
    });
  for (const p of await ledgerChecks.paymentMismatches(db))
    problems.push({
      code: 'PAID_NOT_ONCE',
      zh: `明细 ${p.county}/${p.id}（${p.status}）有 ${p.paid_lines} 条已发放记录`,
      en: `item ${p.county}/${p.id} (${p.status}) has ${p.paid_lines} paid lines`,
    });
  return { ...balance, ok: problems.length === 0, problems };
}
