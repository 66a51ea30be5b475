import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import { likePrefix } from './like-prefix.js';
import type {
  ReferralEventKind,
  ReferralEventsTable,
  ReferralStatus,
  ReferralsTable,
  ServicesTables,
} from './tables.js';

type Db = AnyDb | AnyTrx;
const t = (db: Db) => db as unknown as Kysely<ServicesTables>;
export type ReferralRow = Selectable<ReferralsTable>;
export type ReferralEventRow = Selectable<ReferralEventsTable>;

export interface ReferralFilter {
  /** Division-code prefix: the viewer's jurisdiction. */
  scope: string;
  status?: ReferralStatus | 'unanswered' | 'closed' | undefined;
  kind?: ReferralsTable['kind'] | undefined;
  /** Awaiting civil affairs past their due day (before `today`). */
  overdueOn?: string | undefined;
  personId?: number | undefined;
  beforeId?: number | undefined;
  limit: number;
}

export const referralRepository = {
  /** Insert, unless the person has an open referral of that kind (then undefined). */
  insert(trx: AnyTrx, row: Omit<Insertable<ReferralsTable>, 'id' | 'status' | 'closed_on'>) {
    return t(trx)
      .insertInto('referrals')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['county', 'person_id', 'kind']).where('closed_on', 'is', null).doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
  },

  /** One referral within a division prefix; locked for a change when `forUpdate`. */
  find(db: Db, id: number, scope: string, forUpdate = false) {
    let q = t(db)
      .selectFrom('referrals')
      .selectAll()
      .where('id', '=', id)
      .where('division', 'like', likePrefix(scope));
    if (scope.length >= 6) q = q.where('county', '=', scope.slice(0, 6));
    if (forUpdate) q = q.forUpdate();
    return q.executeTakeFirst();
  },

  update(
    trx: AnyTrx,
    r: { county: string; id: number },
    set: {
      status: ReferralStatus;
      closed_on?: string | null;
      waiting_since?: string;
      due_on?: string | null;
    },
  ) {
    return t(trx)
      .updateTable('referrals')
      .set({ ...set, updated_at: sql<Date>`now()` })
      .where('county', '=', r.county)
      .where('id', '=', r.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async addEvent(
    trx: AnyTrx,
    r: { county: string; id: number },
    e: {
      kind: ReferralEventKind;
      note: string | null;
      on: string;
      byAccount: number | null;
      byUsername: string;
    },
  ): Promise<void> {
    await sql`INSERT INTO referral_events (county, referral_id, seq, kind, note, on_date, by_account, by_username)
      SELECT ${r.county}, ${r.id}, coalesce(max(seq), 0) + 1, ${e.kind}, ${e.note}, ${e.on}, ${e.byAccount}, ${e.byUsername}
      FROM referral_events WHERE county = ${r.county} AND referral_id = ${r.id}`.execute(trx);
  },

  list(db: Db, f: ReferralFilter) {
    let q = t(db).selectFrom('referrals').selectAll().where('division', 'like', likePrefix(f.scope));
    if (f.scope.length >= 6) q = q.where('county', '=', f.scope.slice(0, 6));
    if (f.status === 'unanswered') q = q.where('closed_on', 'is', null);
    else if (f.status === 'closed') q = q.where('closed_on', 'is not', null);
    else if (f.status) q = q.where('status', '=', f.status);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.personId !== undefined) q = q.where('person_id', '=', f.personId);
    if (f.overdueOn) q = q.where('status', '=', 'open').where('due_on', '<', f.overdueOn);
    if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit).execute();
  },

  events(db: Db, refs: readonly { county: string; id: number }[]) {
    if (refs.length === 0) return Promise.resolve([] as ReferralEventRow[]);
    return t(db)
      .selectFrom('referral_events')
      .selectAll()
      .where('referral_id', 'in', [...new Set(refs.map((r) => r.id))])
      .where('county', 'in', [...new Set(refs.map((r) => r.county))])
      .orderBy('referral_id')
      .orderBy('seq')
      .execute();
  },
};
