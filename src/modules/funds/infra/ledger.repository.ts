import { sql } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import type { AccountKind, JournalKind, Leg } from '../domain/ledger.js';
import { chunks, t } from './db.js';

/** One journal to post: what it records (kind, key), on which budget line, and its legs. */
export interface JournalSpec {
  county: string;
  kind: JournalKind;
  /** Unique per county: the same act can be posted once. */
  key: string;
  fund: string;
  year: number;
  programmeId: string;
  applicationId?: number | null;
  memo?: string | null;
  legs: Leg[];
}

const accountKey = (county: string, fund: string, year: number, programmeId: string, kind: string) =>
  `${county}|${fund}|${year}|${programmeId}|${kind}`;

/** The ids of the accounts these journals post to, made where missing. */
async function accountIds(trx: AnyTrx, specs: readonly JournalSpec[]): Promise<Map<string, number>> {
  const wanted = new Map<
    string,
    { county: string; fund: string; year: number; programme_id: string; kind: AccountKind }
  >();
  for (const s of specs)
    for (const l of s.legs)
      wanted.set(accountKey(s.county, s.fund, s.year, s.programmeId, l.account), {
        county: s.county,
        fund: s.fund,
        year: s.year,
        programme_id: s.programmeId,
        kind: l.account,
      });
  const rows = [...wanted.values()];
  const ids = new Map<string, number>();
  for (const part of chunks(rows, 1000)) {
    await t(trx)
      .insertInto('ledger_accounts')
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .execute();
    // Every wanted account, whether just made or already there.
    const found = await sql<{
      county: string;
      fund: string;
      year: number;
      programme_id: string;
      kind: string;
      id: number;
    }>`
      SELECT a.county, a.fund, a.year, a.programme_id, a.kind, a.id
        FROM ledger_accounts a
        JOIN (SELECT * FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb)
                AS x(county text, fund text, year int, programme_id text, kind text)) w
          ON a.county = w.county AND a.fund = w.fund AND a.year = w.year
         AND a.programme_id = w.programme_id AND a.kind = w.kind`.execute(trx);
    for (const r of found.rows) ids.set(accountKey(r.county, r.fund, r.year, r.programme_id, r.kind), r.id);
  }
  return ids;
}

/**
 * Post journals: each journal's postings go in with the same statement as the others of its chunk, and
 * the database checks every journal of the statement sums to zero. A journal whose key was already
 * posted is skipped (`onDuplicate: 'skip'`) or fails the transaction (`'fail'`). Returns the keys posted.
 */
export async function postJournals(
  trx: AnyTrx,
  actor: string,
  specs: readonly JournalSpec[],
  onDuplicate: 'skip' | 'fail' = 'fail',
): Promise<Set<string>> {
  const posted = new Set<string>();
  if (!specs.length) return posted;
  const ids = await accountIds(trx, specs);
  for (const part of chunks(specs, 1000)) {
    const inserted = await t(trx)
      .insertInto('ledger_journals')
      .values(
        part.map((s) => ({
          county: s.county,
          kind: s.kind,
          key: s.key,
          application_id: s.applicationId ?? null,
          memo: s.memo ?? null,
          actor,
        })),
      )
      .onConflict((oc) => oc.columns(['county', 'key']).doNothing())
      .returning(['county', 'id', 'key'])
      .execute();
    if (inserted.length !== part.length && onDuplicate === 'fail') {
      const got = new Set(inserted.map((r) => `${r.county}|${r.key}`));
      const dup = part.find((s) => !got.has(`${s.county}|${s.key}`))!;
      throw new Error(`ledger journal ${dup.county}/${dup.key} was already posted`);
    }
    const byKey = new Map(inserted.map((r) => [`${r.county}|${r.key}`, r.id]));
    const postings = [];
    for (const s of part) {
      const journalId = byKey.get(`${s.county}|${s.key}`);
      if (journalId === undefined) continue;
      posted.add(s.key);
      for (const l of s.legs)
        postings.push({
          county: s.county,
          journal_id: journalId,
          account_id: ids.get(accountKey(s.county, s.fund, s.year, s.programmeId, l.account))!,
          amount_fen: l.amountFen,
        });
    }
    if (postings.length) await t(trx).insertInto('ledger_postings').values(postings).execute();
  }
  return posted;
}

/** Balances per account kind of one budget line (0 for accounts not yet made). */
export async function lineBalances(
  db: AnyDb | AnyTrx,
  county: string,
  fund: string,
  year: number,
  programmeId: string,
): Promise<Record<AccountKind, number>> {
  const rows = await t(db)
    .selectFrom('ledger_accounts')
    .select(['kind', 'balance_fen'])
    .where('county', '=', county)
    .where('fund', '=', fund)
    .where('year', '=', year)
    .where('programme_id', '=', programmeId)
    .execute();
  const b = {
    appropriation: 0,
    available: 0,
    committed: 0,
    guaranteed: 0,
    disbursed: 0,
    recoverable: 0,
    recovered: 0,
  } as Record<AccountKind, number>;
  for (const r of rows) b[r.kind as AccountKind] = r.balance_fen;
  return b;
}

/** Balances per budget line and kind, for listings. */
export function balancesByLine(db: AnyDb, county: string, filter: { fund?: string; year?: number }) {
  let q = t(db)
    .selectFrom('ledger_accounts')
    .select(['fund', 'year', 'programme_id', 'kind', 'balance_fen'])
    .where('county', '=', county);
  if (filter.fund) q = q.where('fund', '=', filter.fund);
  if (filter.year) q = q.where('year', '=', filter.year);
  return q.execute();
}

export function recentJournals(
  db: AnyDb,
  county: string,
  filter: { fund: string; year?: number | undefined; programmeId?: string | undefined },
  limit: number,
) {
  return sql<{
    id: number;
    kind: string;
    key: string;
    application_id: number | null;
    memo: string | null;
    actor: string;
    posted_at: Date;
    postings: { account: string; programmeId: string; year: number; amountFen: number }[];
  }>`
    SELECT j.id, j.kind, j.key, j.application_id, j.memo, j.actor, j.posted_at,
           jsonb_agg(jsonb_build_object('account', a.kind, 'programmeId', a.programme_id, 'year', a.year,
                                        'amountFen', p.amount_fen) ORDER BY p.amount_fen DESC) AS postings
      FROM ledger_journals j
      JOIN ledger_postings p ON p.county = j.county AND p.journal_id = j.id
      JOIN ledger_accounts a ON a.county = p.county AND a.id = p.account_id
     WHERE j.county = ${county}
       AND j.id IN (SELECT p2.journal_id FROM ledger_postings p2
                      JOIN ledger_accounts a2 ON a2.county = p2.county AND a2.id = p2.account_id
                     WHERE p2.county = ${county} AND a2.fund = ${filter.fund}
                       ${filter.year ? sql`AND a2.year = ${filter.year}` : sql``}
                       ${filter.programmeId ? sql`AND a2.programme_id = ${filter.programmeId}` : sql``})
     GROUP BY j.county, j.id
     ORDER BY j.id DESC
     LIMIT ${limit}`
    .execute(db)
    .then((r) => r.rows);
}
