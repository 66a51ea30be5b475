import { sql } from 'kysely';
import type { AnyDb } from '../../../platform/db/database.js';

/** The queries behind verifyLedger: each returns the rows that break one rule (none when all is well). */
export const ledgerChecks = {
  async totals(db: AnyDb) {
    const r = await sql<{ journals: number; postings: number; total: number; accounts_total: number }>`
      SELECT (SELECT count(*) FROM ledger_journals)::int AS journals,
             (SELECT count(*) FROM ledger_postings)::int AS postings,
             (SELECT coalesce(sum(amount_fen), 0) FROM ledger_postings)::bigint AS total,
             (SELECT coalesce(sum(balance_fen), 0) FROM ledger_accounts)::bigint AS accounts_total`.execute(
      db,
    );
    return r.rows[0]!;
  },
  /** Journals whose postings do not sum to zero, or that have fewer than two. */
  async unbalancedJournals(db: AnyDb) {
    return (
      await sql<{ county: string; id: number; key: string; total: number; legs: number }>`
        SELECT j.county, j.id, j.key, coalesce(sum(p.amount_fen), 0)::bigint AS total, count(p.*)::int AS legs
          FROM ledger_journals j
          LEFT JOIN ledger_postings p ON p.county = j.county AND p.journal_id = j.id
         GROUP BY j.county, j.id
        HAVING coalesce(sum(p.amount_fen), 0) <> 0 OR count(p.*) < 2
         LIMIT 100`.execute(db)
    ).rows;
  },
  /** Accounts whose kept balance is not the sum of their postings. */
  async driftedAccounts(db: AnyDb) {
    return (
      await sql<{ county: string; id: number; kind: string; balance: number; sum: number }>`
        SELECT a.county, a.id, a.kind, a.balance_fen AS balance, coalesce(s.total, 0)::bigint AS sum
          FROM ledger_accounts a
          LEFT JOIN (SELECT county, account_id, sum(amount_fen) AS total FROM ledger_postings
                      GROUP BY county, account_id) s ON s.county = a.county AND s.account_id = a.id
         WHERE a.balance_fen <> coalesce(s.total, 0)
         LIMIT 100`.execute(db)
    ).rows;
  },
  /**
   * Budget lines where the ledger and the records disagree: appropriation = −budget; committed = open
   * commitments; guaranteed = guarantees in force; disbursed + recoverable + recovered = paid items;
   * recoverable + recovered = recoveries claimed; recovered = recoveries returned.
   */
  async recordMismatches(db: AnyDb) {
    return (
      await sql<{
        county: string;
        fund: string;
        year: number;
        programme_id: string;
        what: string;
        ledger: number;
        records: number;
      }>`
        WITH lines AS (
          SELECT county, fund, year, programme_id FROM ledger_accounts
          UNION SELECT county, fund, year, programme_id FROM fund_budgets
          UNION SELECT county, fund, year, programme_id FROM fund_commitments
        ),
        bal AS (
          SELECT county, fund, year, programme_id,
                 sum(balance_fen) FILTER (WHERE kind = 'appropriation') AS appropriation,
                 sum(balance_fen) FILTER (WHERE kind = 'committed') AS committed,
                 sum(balance_fen) FILTER (WHERE kind = 'guaranteed') AS guaranteed,
                 sum(balance_fen) FILTER (WHERE kind IN ('disbursed', 'recoverable', 'recovered')) AS spent,
                 sum(balance_fen) FILTER (WHERE kind IN ('recoverable', 'recovered')) AS claimed,
                 sum(balance_fen) FILTER (WHERE kind = 'recovered') AS recovered
            FROM ledger_accounts GROUP BY county, fund, year, programme_id
        ),
        rec AS (
          SELECT county, fund, year, programme_id,
                 sum(amount_fen) FILTER (WHERE status IN ('pending', 'unpaid', 'batched', 'sent')) AS committed,
                 sum(amount_fen) FILTER (WHERE status = 'guaranteed') AS guaranteed,
                 sum(amount_fen) FILTER (WHERE status = 'paid') AS spent
            FROM fund_commitments GROUP BY county, fund, year, programme_id
        ),
        rcv AS (
          SELECT c.county, c.fund, c.year, c.programme_id,
                 sum(s.recovery_fen) AS claimed, sum(s.recovered_fen) AS recovered
            FROM spot_checks s JOIN fund_commitments c ON c.county = s.county AND c.id = s.item_id
           GROUP BY c.county, c.fund, c.year, c.programme_id
        ),
        cmp AS (
          SELECT l.county, l.fund, l.year, l.programme_id, w.what, w.ledger, w.records
            FROM lines l
            LEFT JOIN bal b USING (county, fund, year, programme_id)
            LEFT JOIN rec r USING (county, fund, year, programme_id)
            LEFT JOIN rcv v USING (county, fund, year, programme_id)
            LEFT JOIN fund_budgets g USING (county, fund, year, programme_id)
            CROSS JOIN LATERAL (VALUES
              ('appropriation', -coalesce(b.appropriation, 0), coalesce(g.amount_fen, 0)),
              ('committed', coalesce(b.committed, 0), coalesce(r.committed, 0)),
              ('guaranteed', coalesce(b.guaranteed, 0), coalesce(r.guaranteed, 0)),
              ('disbursed', coalesce(b.spent, 0), coalesce(r.spent, 0)),
              ('recoverable', coalesce(b.claimed, 0), coalesce(v.claimed, 0)),
              ('recovered', coalesce(b.recovered, 0), coalesce(v.recovered, 0))
            ) AS w(what, ledger, records)
        )
        SELECT county, fund, year, programme_id, what, ledger::bigint AS ledger, records::bigint AS records
          FROM cmp WHERE ledger <> records LIMIT 100`.execute(db)
    ).rows;
  },
  /** Items paid more than once, or marked paid without exactly one paid batch line. */
  async paymentMismatches(db: AnyDb) {
    return (
      await sql<{ county: string; id: number; status: string; paid_lines: number }>`
        SELECT c.county, c.id, c.status, coalesce(l.n, 0)::int AS paid_lines
          FROM fund_commitments c
          LEFT JOIN (SELECT county, item_id, count(*) AS n FROM payment_batch_lines WHERE status = 'paid'
                      GROUP BY county, item_id) l ON l.county = c.county AND l.item_id = c.id
         WHERE c.part <> 'guarantee'
           AND coalesce(l.n, 0) <> (CASE WHEN c.status = 'paid' THEN 1 ELSE 0 END)
         LIMIT 100`.execute(db)
    ).rows;
  },
};
