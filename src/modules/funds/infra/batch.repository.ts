import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import { t } from './db.js';
import type { PaymentBatchesTable } from './tables.js';

export type BatchRow = Selectable<PaymentBatchesTable>;

export interface BatchTotals {
  items: number;
  total_fen: number;
  claimed: number;
  sent: number;
  sent_fen: number;
  paid: number;
  paid_fen: number;
  failed: number;
  failed_fen: number;
}

/** A line of a batch with its item: what a roster and the batch's item list show. */
export interface LineRow {
  seq: number;
  item_id: number;
  application_id: number;
  part: string;
  programme_id: string;
  programme_name: string;
  fund: string;
  fund_name: string;
  division: string;
  payee_kind: string;
  payee_name: string;
  payee_id_number_enc: Buffer;
  bank_name: string | null;
  bank_account_enc: Buffer | null;
  amount_fen: number;
  status: string;
  reason: string | null;
}

/** The payee has a bank account to pay into (an item without one is held: 无收款账户). */
const hasAccount = (c: RawBuilder<unknown>) => sql`${c}.bank_account_enc IS NOT NULL`;

/** No hold in force on the item's application (fund_holds, placed by a cross-check flag under review). */
const notHeld = (c: RawBuilder<unknown>) =>
  sql`NOT EXISTS (SELECT 1 FROM fund_holds h WHERE h.county = ${c}.county AND h.application_id = ${c}.application_id
                  AND h.released_at IS NULL)`;

/** Move lines of a batch and their items from one status to the next, all or nothing. */
async function moveLines(
  trx: AnyTrx,
  b: BatchRow,
  itemIds: readonly number[],
  from: { line: string; item: string },
  to: 'sent' | 'paid',
): Promise<number> {
  const ids = [...itemIds];
  const lines = await sql`
    UPDATE payment_batch_lines SET status = ${to}, ${sql.ref(to === 'sent' ? 'sent_at' : 'paid_at')} = now()
     WHERE county = ${b.county} AND batch_id = ${b.id} AND item_id = ANY(${ids}::bigint[]) AND status = ${from.line}`.execute(
    trx,
  );
  const items = await sql`
    UPDATE fund_commitments SET status = ${to}, paid_at = ${to === 'paid' ? sql`now()` : sql`NULL`}
     WHERE county = ${b.county} AND id = ANY(${ids}::bigint[]) AND status = ${from.item} AND batch_id = ${b.id}`.execute(
    trx,
  );
  const n = Number(lines.numAffectedRows ?? 0);
  if (n !== ids.length || Number(items.numAffectedRows ?? 0) !== n)
    throw new Error(
      `batch ${b.id}: ${ids.length} items to mark ${to}, ${n} lines and ${items.numAffectedRows} items changed`,
    );
  return n;
}

export const batchRepository = {
  /** Planner statistics after a big batch (PGlite has no autovacuum: without them, quadratic plans). */
  async analyze(db: AnyDb) {
    await sql`ANALYZE fund_commitments, payment_batch_lines, ledger_journals, ledger_postings`.execute(db);
  },
  insert(
    trx: AnyTrx,
    row: Pick<BatchRow, 'county' | 'scope' | 'fund' | 'programme_id' | 'max_items' | 'created_by'>,
  ) {
    return t(trx)
      .insertInto('payment_batches')
      .values({ ...row, status: 'building' })
      .returningAll()
      .executeTakeFirstOrThrow();
  },
  find(db: AnyDb | AnyTrx, county: string, id: number, lock = false) {
    let q = t(db).selectFrom('payment_batches').selectAll().where('county', '=', county).where('id', '=', id);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst();
  },
  list(db: AnyDb, county: string, scope: string, limit: number) {
    return t(db)
      .selectFrom('payment_batches')
      .selectAll()
      .where('county', '=', county)
      .where('scope', 'like', scope + '%')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },
  unfinished(db: AnyDb, county: string | undefined) {
    let q = t(db)
      .selectFrom('payment_batches')
      .selectAll()
      .where('status', 'in', ['building', 'ready', 'sending']);
    if (county) q = q.where('county', '=', county);
    return q.orderBy('id').execute();
  },
  setStatus(
    trx: AnyTrx,
    b: BatchRow,
    status: string,
    extra: Partial<Pick<BatchRow, 'built_at' | 'disbursed_at'>> = {},
  ) {
    return t(trx)
      .updateTable('payment_batches')
      .set({ status, ...extra })
      .where('county', '=', b.county)
      .where('id', '=', b.id)
      .execute();
  },
  /** How many approved, unpaid, payable items a batch with this filter would take now. */
  async countEligible(
    db: AnyDb,
    county: string,
    scope: string,
    fund: string | null,
    programmeId: string | null,
  ) {
    const r = await sql<{ n: number; fen: number }>`
      SELECT count(*)::int AS n, coalesce(sum(amount_fen), 0)::bigint AS fen FROM fund_commitments
       WHERE county = ${county} AND status = 'unpaid' AND division LIKE ${scope + '%'} AND ${notHeld(sql`fund_commitments`)}
         AND ${hasAccount(sql`fund_commitments`)}
         ${fund ? sql`AND fund IN (SELECT code FROM funds WHERE code = ${fund} OR parent_code = ${fund})` : sql``}
         ${programmeId ? sql`AND programme_id = ${programmeId}` : sql``}`.execute(db);
    return r.rows[0]!;
  },
  /**
   * Claim up to `limit` unpaid items for the batch, in one statement: the items are locked, moved to
   * `batched` only if still unpaid, and get a line each. Returns how many were claimed.
   */
  async claimChunk(trx: AnyTrx, b: BatchRow, limit: number): Promise<{ n: number; fen: number }> {
    const r = await sql<{ n: number; fen: number }>`
      WITH picked AS (
        SELECT county, id FROM fund_commitments
         WHERE county = ${b.county} AND status = 'unpaid' AND division LIKE ${b.scope + '%'} AND ${notHeld(sql`fund_commitments`)}
           AND ${hasAccount(sql`fund_commitments`)}
           ${b.fund ? sql`AND fund IN (SELECT code FROM funds WHERE code = ${b.fund} OR parent_code = ${b.fund})` : sql``}
           ${b.programme_id ? sql`AND programme_id = ${b.programme_id}` : sql``}
         ORDER BY id LIMIT ${limit}
           FOR UPDATE SKIP LOCKED
      ), upd AS (
        UPDATE fund_commitments c SET status = 'batched', batch_id = ${b.id}
          FROM picked WHERE c.county = picked.county AND c.id = picked.id AND c.status = 'unpaid'
        RETURNING c.id, c.amount_fen
      ), base AS (
        SELECT coalesce(max(seq), 0) AS s FROM payment_batch_lines WHERE county = ${b.county} AND batch_id = ${b.id}
      ), ins AS (
        INSERT INTO payment_batch_lines (county, batch_id, item_id, seq, amount_fen, status)
        SELECT ${b.county}, ${b.id}, upd.id, base.s + row_number() OVER (ORDER BY upd.id), upd.amount_fen, 'claimed'
          FROM upd, base
        RETURNING amount_fen
      )
      SELECT count(*)::int AS n, coalesce(sum(amount_fen), 0)::bigint AS fen FROM ins`.execute(trx);
    return r.rows[0]!;
  },
  async totals(db: AnyDb | AnyTrx, county: string, id: number): Promise<BatchTotals> {
    const r = await sql<BatchTotals>`
      SELECT count(*) FILTER (WHERE status <> 'failed')::int AS items,
             coalesce(sum(amount_fen) FILTER (WHERE status <> 'failed'), 0)::bigint AS total_fen,
             count(*) FILTER (WHERE status = 'claimed')::int AS claimed,
             count(*) FILTER (WHERE status = 'sent')::int AS sent,
             coalesce(sum(amount_fen) FILTER (WHERE status = 'sent'), 0)::bigint AS sent_fen,
             count(*) FILTER (WHERE status = 'paid')::int AS paid,
             coalesce(sum(amount_fen) FILTER (WHERE status = 'paid'), 0)::bigint AS paid_fen,
             count(*) FILTER (WHERE status = 'failed')::int AS failed,
             coalesce(sum(amount_fen) FILTER (WHERE status = 'failed'), 0)::bigint AS failed_fen
        FROM payment_batch_lines WHERE county = ${county} AND batch_id = ${id}`.execute(db);
    return r.rows[0]!;
  },
  /** Claimed lines to disburse next, locked, with the budget line each pays from. */
  async claimedLines(trx: AnyTrx, b: BatchRow, limit: number) {
    return (
      await sql<{
        item_id: number;
        application_id: number;
        amount_fen: number;
        fund: string;
        year: number;
        programme_id: string;
        held: boolean;
      }>`
        SELECT l.item_id, c.application_id, l.amount_fen, c.fund, c.year, c.programme_id, NOT ${notHeld(sql`c`)} AS held
          FROM payment_batch_lines l JOIN fund_commitments c ON c.county = l.county AND c.id = l.item_id
         WHERE l.county = ${b.county} AND l.batch_id = ${b.id} AND l.status = 'claimed'
         ORDER BY l.item_id LIMIT ${limit}
           FOR UPDATE OF l, c`.execute(trx)
    ).rows;
  },
  /** Lines of the batch for these items, locked. */
  async linesFor(trx: AnyTrx, b: BatchRow, itemIds: readonly number[]) {
    return (
      await sql<{
        item_id: number;
        application_id: number;
        status: string;
        amount_fen: number;
        fund: string;
        year: number;
        programme_id: string;
        item_batch: number | null;
        checked: boolean;
      }>`
        SELECT l.item_id, c.application_id, l.status, l.amount_fen, c.fund, c.year, c.programme_id,
               c.batch_id AS item_batch,
               EXISTS (SELECT 1 FROM spot_checks s WHERE s.county = c.county AND s.item_id = c.id) AS checked
          FROM payment_batch_lines l JOIN fund_commitments c ON c.county = l.county AND c.id = l.item_id
         WHERE l.county = ${b.county} AND l.batch_id = ${b.id} AND l.item_id = ANY(${[...itemIds]}::bigint[])
           FOR UPDATE OF l, c`.execute(trx)
    ).rows;
  },
  /** Sent to the bank (the roster issued): claimed lines and their batched items become `sent`. */
  markSent(trx: AnyTrx, b: BatchRow, itemIds: readonly number[]): Promise<number> {
    return moveLines(trx, b, itemIds, { line: 'claimed', item: 'batched' }, 'sent');
  },
  /** Paid on the bank's result: sent lines and items become `paid`. */
  markPaid(trx: AnyTrx, b: BatchRow, itemIds: readonly number[]): Promise<number> {
    return moveLines(trx, b, itemIds, { line: 'sent', item: 'sent' }, 'paid');
  },
  /** Failed: the line records the bank's reason; the item is unpaid again, for a later batch. */
  async markFailed(trx: AnyTrx, b: BatchRow, failures: readonly { itemId: number; reason: string }[]) {
    const ids = failures.map((f) => f.itemId);
    await sql`
      UPDATE payment_batch_lines l SET status = 'failed', reason = f.reason, failed_at = now()
        FROM jsonb_to_recordset(${JSON.stringify(failures)}::jsonb) AS f("itemId" bigint, reason text)
       WHERE l.county = ${b.county} AND l.batch_id = ${b.id} AND l.item_id = f."itemId" AND l.status <> 'failed'`.execute(
      trx,
    );
    await sql`
      UPDATE fund_commitments SET status = 'unpaid', batch_id = NULL, paid_at = NULL
       WHERE county = ${b.county} AND id = ANY(${ids}::bigint[]) AND batch_id = ${b.id}
         AND status IN ('batched', 'sent', 'paid')`.execute(trx);
  },
  /** Lines with their items, in roster order, a page at a time (keyset on seq). */
  async page(db: AnyDb, b: BatchRow, scope: string, afterSeq: number, limit: number, withFailed: boolean) {
    return (
      await sql<LineRow>`
        SELECT l.seq, l.item_id, c.application_id, c.part, c.programme_id, c.programme_name, c.fund,
               f.name AS fund_name, c.division, c.payee_kind, c.payee_name, c.payee_id_number_enc, c.bank_name,
               c.bank_account_enc, l.amount_fen, l.status, l.reason
          FROM payment_batch_lines l
          JOIN fund_commitments c ON c.county = l.county AND c.id = l.item_id
          JOIN funds f ON f.code = c.fund
         WHERE l.county = ${b.county} AND l.batch_id = ${b.id} AND l.seq > ${afterSeq}
           AND c.division LIKE ${scope + '%'}
           ${withFailed ? sql`` : sql`AND l.status <> 'failed'`}
         ORDER BY l.seq LIMIT ${limit}`.execute(db)
    ).rows;
  },
};
