import { sql, type Insertable, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import type { ComplaintKind, ComplaintStatus, ComplaintsTable, ComplaintsTables } from './tables.js';

type Db = AnyDb | AnyTrx;
const t = (db: Db) => db as unknown as Kysely<ComplaintsTables>;
export type ComplaintRow = Selectable<ComplaintsTable>;
type ComplaintSelect = SelectQueryBuilder<ComplaintsTables, 'complaints', ComplaintRow>;

/** A division-code prefix for LIKE (codes are digits; anything else is escaped). */
const likePrefix = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c) + '%';

export interface ComplaintFilter {
  /** The viewer's division code ('' for the system: everything). */
  scope: string;
  status?: ComplaintStatus | undefined;
  kind?: ComplaintKind | undefined;
  /** Awaiting an answer past their due day (before this day). */
  overdueOn?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/**
 * Within a viewer's jurisdiction: the complaints placed in a division under theirs, and, for a
 * county-level viewer, those of their county placed nowhere in particular.
 */
function inScope(q: ComplaintSelect, scope: string): ComplaintSelect {
  if (scope === '') return q;
  return q
    .where('county', '=', scope.slice(0, 6))
    .where((eb) =>
      scope.length === 6
        ? eb.or([eb('division', 'like', likePrefix(scope)), eb('division', 'is', null)])
        : eb('division', 'like', likePrefix(scope)),
    );
}

export const complaintRepository = {
  /** The next reference number of the day (1, 2, …), counted under a row lock until commit. */
  async nextSequence(trx: AnyTrx, day: string): Promise<number> {
    const r = await t(trx)
      .insertInto('complaint_reference_counters')
      .values({ day, last: 1 })
      .onConflict((oc) =>
        oc.column('day').doUpdateSet({ last: sql<number>`complaint_reference_counters.last + 1` }),
      )
      .returning('last')
      .executeTakeFirstOrThrow();
    return r.last;
  },

  insert(trx: AnyTrx, row: Omit<Insertable<ComplaintsTable>, 'id' | 'status'>) {
    return t(trx).insertInto('complaints').values(row).returningAll().executeTakeFirstOrThrow();
  },

  byReference(db: Db, reference: string) {
    return t(db).selectFrom('complaints').selectAll().where('reference', '=', reference).executeTakeFirst();
  },

  /** One complaint within a jurisdiction; locked for a change when `forUpdate`. */
  find(db: Db, id: number, scope: string, forUpdate = false) {
    let q = inScope(t(db).selectFrom('complaints').selectAll().where('id', '=', id), scope);
    if (forUpdate) q = q.forUpdate();
    return q.executeTakeFirst();
  },

  /** Record the answer, unless it has one already (then undefined). */
  answer(
    trx: AnyTrx,
    c: { county: string; id: number },
    a: { text: string; on: string; byAccount: number | null; byUsername: string },
  ) {
    return t(trx)
      .updateTable('complaints')
      .set({
        status: 'answered',
        answer: a.text,
        answered_on: a.on,
        answered_by: a.byAccount,
        answered_by_username: a.byUsername,
        updated_at: sql<Date>`now()`,
      })
      .where('county', '=', c.county)
      .where('id', '=', c.id)
      .where('status', '=', 'received')
      .returningAll()
      .executeTakeFirst();
  },

  list(db: Db, f: ComplaintFilter) {
    let q = inScope(t(db).selectFrom('complaints').selectAll(), f.scope);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.overdueOn) q = q.where('status', '=', 'received').where('due_on', '<', f.overdueOn);
    if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit).execute();
  },
};
