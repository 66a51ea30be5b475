import { sql } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import { t } from './db.js';

export const spotCheckRepository = {
  rates(db: AnyDb, county: string) {
    return t(db)
      .selectFrom('spot_check_rates')
      .selectAll()
      .where('county', '=', county)
      .orderBy('programme_id')
      .execute();
  },
  setRate(trx: AnyTrx, county: string, programmeId: string, rateBp: number, by: string) {
    return t(trx)
      .insertInto('spot_check_rates')
      .values({ county, programme_id: programmeId, rate_bp: rateBp, updated_by: by })
      .onConflict((oc) =>
        oc
          .columns(['county', 'programme_id'])
          .doUpdateSet({ rate_bp: rateBp, updated_by: by, updated_at: new Date() }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  },
  /** Paid items not yet checked, per programme, within the scope: the populations to draw from. */
  async populations(trx: AnyTrx, county: string, scope: string, programmeId: string | undefined) {
    const r = await sql<{ programme_id: string; ids: number[]; rate_bp: number | null }>`
      SELECT c.programme_id, array_agg(c.id ORDER BY c.id) AS ids, r.rate_bp
        FROM fund_commitments c
        LEFT JOIN spot_check_rates r ON r.county = c.county AND r.programme_id = c.programme_id
       WHERE c.county = ${county} AND c.status = 'paid' AND c.division LIKE ${scope + '%'}
         ${programmeId ? sql`AND c.programme_id = ${programmeId}` : sql``}
         AND NOT EXISTS (SELECT 1 FROM spot_checks s WHERE s.county = c.county AND s.item_id = c.id)
       GROUP BY c.programme_id, r.rate_bp
       ORDER BY c.programme_id`.execute(trx);
    return r.rows.map((row) => ({ ...row, ids: row.ids.map(Number) }));
  },
  insertDraw(
    trx: AnyTrx,
    row: {
      county: string;
      programme_id: string;
      rate_bp: number;
      seed: string;
      population: number[];
      sample_size: number;
      drawn_by: string;
    },
  ) {
    return t(trx).insertInto('spot_check_draws').values(row).returningAll().executeTakeFirstOrThrow();
  },
  insertChecks(trx: AnyTrx, county: string, drawId: number, programmeId: string, itemIds: number[]) {
    return sql<{ id: number }>`
      INSERT INTO spot_checks (county, draw_id, item_id, programme_id, division, status)
      SELECT c.county, ${drawId}, c.id, c.programme_id, c.division, 'open'
        FROM fund_commitments c WHERE c.county = ${county} AND c.id = ANY(${itemIds}::bigint[])
      RETURNING id`.execute(trx);
  },
  list(
    db: AnyDb,
    county: string,
    scope: string,
    filter: { status?: string | undefined; programmeId?: string | undefined; limit: number },
  ) {
    return sql<SpotCheckRow>`
      SELECT s.*, c.application_id, c.amount_fen, c.fund, c.year, c.payee_name, d.seed, d.drawn_by, d.drawn_at
        FROM spot_checks s
        JOIN fund_commitments c ON c.county = s.county AND c.id = s.item_id
        JOIN spot_check_draws d ON d.county = s.county AND d.id = s.draw_id
       WHERE s.county = ${county} AND s.division LIKE ${scope + '%'}
         ${filter.status ? sql`AND s.status = ${filter.status}` : sql``}
         ${filter.programmeId ? sql`AND s.programme_id = ${filter.programmeId}` : sql``}
       ORDER BY s.id DESC LIMIT ${filter.limit}`
      .execute(db)
      .then((r) => r.rows);
  },
  find(db: AnyDb | AnyTrx, county: string, scope: string, id: number, lock = false) {
    return sql<SpotCheckRow>`
      SELECT s.*, c.application_id, c.amount_fen, c.fund, c.year, c.payee_name, d.seed, d.drawn_by, d.drawn_at
        FROM spot_checks s
        JOIN fund_commitments c ON c.county = s.county AND c.id = s.item_id
        JOIN spot_check_draws d ON d.county = s.county AND d.id = s.draw_id
       WHERE s.county = ${county} AND s.id = ${id} AND s.division LIKE ${scope + '%'}
       ${lock ? sql`FOR UPDATE OF s` : sql``}`
      .execute(db)
      .then((r) => r.rows[0]);
  },
  update(
    trx: AnyTrx,
    county: string,
    id: number,
    set: Partial<{
      status: string;
      note: string | null;
      checked_by: string;
      checked_at: Date;
      recovery_fen: number;
      recovered_fen: number;
    }>,
  ) {
    return t(trx)
      .updateTable('spot_checks')
      .set(set)
      .where('county', '=', county)
      .where('id', '=', id)
      .execute();
  },
};

export interface SpotCheckRow {
  county: string;
  id: number;
  draw_id: number;
  item_id: number;
  programme_id: string;
  division: string;
  status: string;
  note: string | null;
  checked_by: string | null;
  checked_at: Date | null;
  recovery_fen: number;
  recovered_fen: number;
  application_id: number;
  amount_fen: number;
  fund: string;
  year: number;
  payee_name: string;
  seed: string;
  drawn_by: string;
  drawn_at: Date;
}
