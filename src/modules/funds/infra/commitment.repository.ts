import { sql, type Selectable } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import { chunks, t } from './db.js';
import type { FundCommitmentsTable } from './tables.js';

export type CommitmentRow = Selectable<FundCommitmentsTable>;
export type NewCommitment = Omit<
  CommitmentRow,
  'id' | 'committed_at' | 'batch_id' | 'paid_at' | 'released_at'
>;

export const commitmentRepository = {
  /** Insert; rows whose (application, part) is already committed are not inserted (and not returned). */
  async insert(trx: AnyTrx, rows: readonly NewCommitment[]) {
    const out: Pick<CommitmentRow, 'county' | 'id' | 'application_id' | 'part'>[] = [];
    for (const part of chunks(rows, 500)) {
      out.push(
        ...(await t(trx)
          .insertInto('fund_commitments')
          .values(part.map((r) => ({ ...r, batch_id: null, paid_at: null, released_at: null })))
          .onConflict((oc) => oc.columns(['county', 'application_id', 'part']).doNothing())
          .returning(['county', 'id', 'application_id', 'part'])
          .execute()),
      );
    }
    return out;
  },
  forApplication(trx: AnyDb | AnyTrx, county: string, applicationId: number, lock = false) {
    let q = t(trx)
      .selectFrom('fund_commitments')
      .selectAll()
      .where('county', '=', county)
      .where('application_id', '=', applicationId)
      .orderBy('id');
    if (lock) q = q.forUpdate();
    return q.execute();
  },
  forApplications(db: AnyDb, county: string, applicationIds: readonly number[]) {
    return sql<{
      id: number;
      application_id: number;
      part: string;
      programme_id: string;
      programme_name: string;
      fund: string;
      fund_name: string;
      year: number;
      amount_fen: number;
      status: string;
      batch_id: number | null;
      paid_at: Date | null;
      failures: { batchId: number; reason: string; at: string }[];
    }>`
      SELECT c.id, c.application_id, c.part, c.programme_id, c.programme_name, c.fund, f.name AS fund_name,
             c.year, c.amount_fen, c.status, c.batch_id, c.paid_at,
             coalesce((SELECT jsonb_agg(jsonb_build_object('batchId', l.batch_id, 'reason', l.reason,
                                                           'at', l.failed_at) ORDER BY l.failed_at)
                         FROM payment_batch_lines l
                        WHERE l.county = c.county AND l.item_id = c.id AND l.status = 'failed'), '[]') AS failures
        FROM fund_commitments c JOIN funds f ON f.code = c.fund
       WHERE c.county = ${county} AND c.application_id = ANY(${[...applicationIds]}::bigint[])
       ORDER BY c.application_id, c.id`
      .execute(db)
      .then((r) => r.rows);
  },
  setStatus(
    trx: AnyTrx,
    county: string,
    ids: readonly number[],
    status: string,
    extra: { released_at?: Date } = {},
  ) {
    return t(trx)
      .updateTable('fund_commitments')
      .set({ status, ...extra })
      .where('county', '=', county)
      .where('id', 'in', [...ids])
      .execute();
  },
};
