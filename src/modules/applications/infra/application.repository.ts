import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import type {
  ApplicationEventsTable,
  ApplicationsTable,
  ApplicationsTables,
  ApplicationMaterialsTable,
  ApplicationObjectionsTable,
} from './tables.js';

type Db = AnyDb | AnyTrx;
const t = (db: Db) => db as unknown as Kysely<ApplicationsTables>;

export type ApplicationRow = Selectable<ApplicationsTable>;
export type EventRow = Selectable<ApplicationEventsTable>;
export type MaterialRow = Selectable<ApplicationMaterialsTable>;
export type ObjectionRow = Selectable<ApplicationObjectionsTable>;

/** The columns a worklist shows (not the decision, not what was declared). */
const WORK_ITEM_COLUMNS = [
  'county',
  'id',
  'programme_id',
  'subject_type',
  'subject_id',
  'division',
  'status',
  'channel',
  'applied_on',
  'step_index',
  'step_id',
  'step_role',
  'step_division',
  'step_started_on',
  'step_due_on',
  'notice_from',
  'notice_to',
  'amount_fen',
  'submitted_at',
] as const;
export type WorkItemRow = Pick<ApplicationRow, (typeof WORK_ITEM_COLUMNS)[number]>;

/** Subjects' ids grouped by `type:county` (each group one indexed look-up with `= ANY`). */
function groupIds(subjects: ReadonlyArray<{ type: string; county: string; id: number }>) {
  const groups = new Map<string, number[]>();
  for (const s of subjects) {
    const k = `${s.type}:${s.county}`;
    groups.set(k, [...(groups.get(k) ?? []), s.id]);
  }
  return groups;
}

export const applicationRepository = {
  /** An application within a scope (a division prefix, or the applicant's own subject). */
  find(
    db: Db,
    id: number,
    scope: { division: string } | { subject: { type: string; county: string; id: number } },
    forUpdate = false,
  ) {
    let q = t(db).selectFrom('applications').selectAll().where('id', '=', id);
    if ('division' in scope) {
      if (scope.division) q = q.where('division', 'like', `${scope.division}%`);
    } else {
      q = q
        .where('county', '=', scope.subject.county)
        .where('subject_type', '=', scope.subject.type as 'person')
        .where('subject_id', '=', scope.subject.id);
    }
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  },

  /** Change a row if it is still at the version read (else undefined: someone else acted first). */
  update(trx: AnyTrx, county: string, id: number, version: number, set: Updateable<ApplicationsTable>) {
    return t(trx)
      .updateTable('applications')
      .set({ ...set, row_version: sql`row_version + 1`, updated_at: sql`now()` })
      .where('county', '=', county)
      .where('id', '=', id)
      .where('row_version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /** Cases whose 公示 runs on a day, within a place (a division prefix), the latest first. */
  underNotice(db: Db, division: string, on: string, limit: number) {
    return t(db)
      .selectFrom('applications')
      .select(WORK_ITEM_COLUMNS)
      .where('status', '=', 'inReview')
      .where('notice_from', '<=', on)
      .where('notice_to', '>=', on)
      .where('division', 'like', `${division}%`)
      .orderBy('notice_from', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },

  /** The cases waiting for one role of one division, the nearest deadline first. */
  worklist(
    db: Db,
    division: string,
    role: string,
    limit: number,
    afterDue?: { due: string; id: number },
    programmeId?: string,
  ) {
    let q = t(db)
      .selectFrom('applications')
      .select(WORK_ITEM_COLUMNS)
      .where('status', '=', 'inReview')
      .where('step_division', '=', division)
      .where('step_role', '=', role);
    if (programmeId) q = q.where('programme_id', '=', programmeId);
    if (afterDue)
      q = q.where((eb) =>
        eb.or([
          eb('step_due_on', '>', afterDue.due),
          eb.and([eb('step_due_on', '=', afterDue.due), eb('id', '>', afterDue.id)]),
        ]),
      );
    return q.orderBy('step_due_on').orderBy('id').limit(limit).execute();
  },

  list(
    db: Db,
    f: {
      division?: string;
      subject?: { type: string; county: string; id: number };
      status?: string;
      programmeId?: string;
      limit: number;
      beforeId?: number;
    },
  ) {
    let q = t(db).selectFrom('applications').selectAll();
    if (f.division) q = q.where('division', 'like', `${f.division}%`);
    if (f.subject)
      q = q
        .where('county', '=', f.subject.county)
        .where('subject_type', '=', f.subject.type as 'person')
        .where('subject_id', '=', f.subject.id);
    if (f.status) q = q.where('status', '=', f.status as 'draft');
    if (f.programmeId) q = q.where('programme_id', '=', f.programmeId);
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit).execute();
  },

  insertMany(trx: AnyTrx, rows: Insertable<ApplicationsTable>[]) {
    return t(trx).insertInto('applications').values(rows).returningAll().execute();
  },

  /** The approved applications of many subjects, as the engine's history, by subject key. */
  async historyMany(db: Db, subjects: ReadonlyArray<{ type: string; county: string; id: number }>) {
    const out = new Map<
      string,
      Array<{ programme_id: string; decided_on: string | null; history_key: string | null }>
    >();
    for (const [group, ids] of groupIds(subjects)) {
      const [type, county] = group.split(':') as [string, string];
      const rows = await t(db)
        .selectFrom('applications')
        .select(['subject_type', 'county', 'subject_id', 'programme_id', 'decided_on', 'history_key'])
        .where('county', '=', county)
        .where('subject_type', '=', type as 'person')
        .where('subject_id', '=', sql<number>`ANY(${ids}::bigint[])`)
        .where('status', '=', 'approved')
        .execute();
      for (const r of rows) {
        const k = `${r.subject_type}:${r.county}:${r.subject_id}`;
        out.set(k, [...(out.get(k) ?? []), r]);
      }
    }
    return out;
  },

  /** Which of these (subject, programme) pairs already have an open application. */
  async openAmong(
    db: Db,
    pairs: ReadonlyArray<{ type: string; county: string; id: number; programme: string }>,
  ) {
    const open = new Set<string>();
    for (const [group, ids] of groupIds(pairs)) {
      const [type, county] = group.split(':') as [string, string];
      const rows = await t(db)
        .selectFrom('applications')
        .select(['subject_type', 'county', 'subject_id', 'programme_id'])
        .where('county', '=', county)
        .where('subject_type', '=', type as 'person')
        .where('subject_id', '=', sql<number>`ANY(${ids}::bigint[])`)
        .where('status', 'in', ['draft', 'inReview', 'returned'])
        .execute();
      for (const r of rows) open.add(`${r.subject_type}:${r.county}:${r.subject_id}:${r.programme_id}`);
    }
    return open;
  },

  addEvents(trx: AnyTrx, e: Insertable<ApplicationEventsTable>[]) {
    return t(trx).insertInto('application_events').values(e).execute();
  },

  events(db: Db, county: string, applicationId: number) {
    return t(db)
      .selectFrom('application_events')
      .selectAll()
      .where('county', '=', county)
      .where('application_id', '=', applicationId)
      .orderBy('id')
      .execute();
  },

  // limits

  /** What is already granted, and claimed by other open applications, on these keys (one statement). */
  async limitUse(db: Db, county: string, keys: string[], exceptApplication: number | null) {
    const use = new Map<string, number>();
    if (!keys.length) return use;
    const list = sql.join(keys);
    const rows = await sql<{ key: string; n: number }>`
      SELECT key, sum(n)::bigint AS n FROM (
        SELECT key, granted AS n FROM application_limit_counters WHERE county = ${county} AND key IN (${list})
        UNION ALL
        SELECT c.key, c.amount FROM application_limit_claims c
          JOIN applications a ON a.county = c.county AND a.id = c.application_id
         WHERE c.county = ${county} AND c.key IN (${list}) AND NOT c.granted
           AND a.status IN ('inReview', 'returned') AND c.application_id <> ${exceptApplication ?? -1}
      ) u GROUP BY key`.execute(db);
    for (const r of rows.rows) use.set(r.key, Number(r.n));
    return use;
  },

  addClaims(
    trx: AnyTrx,
    claims: Array<{
      county: string;
      application_id: number;
      limit_id: string;
      key: string;
      amount: number;
      max: number;
    }>,
  ) {
    if (!claims.length) return Promise.resolve();
    return t(trx)
      .insertInto('application_limit_claims')
      .values(claims)
      .execute()
      .then(() => undefined);
  },

  async replaceClaims(
    trx: AnyTrx,
    county: string,
    applicationId: number,
    claims: Array<{ limit_id: string; key: string; amount: number; max: number }>,
  ) {
    await t(trx)
      .deleteFrom('application_limit_claims')
      .where('county', '=', county)
      .where('application_id', '=', applicationId)
      .execute();
    if (claims.length)
      await t(trx)
        .insertInto('application_limit_claims')
        .values(claims.map((c) => ({ ...c, county, application_id: applicationId })))
        .execute();
  },

  claims(db: Db, county: string, applicationId: number) {
    return t(db)
      .selectFrom('application_limit_claims')
      .selectAll()
      .where('county', '=', county)
      .where('application_id', '=', applicationId)
      .execute();
  },

  /**
   * Grant a claim: add it to its key's counter. The counter's CHECK (granted <= max) refuses a grant
   * beyond the limit; concurrent grants on one key queue on its row.
   */
  async grant(
    trx: AnyTrx,
    county: string,
    applicationId: number,
    c: { limit_id: string; key: string; amount: number; max: number },
  ) {
    await t(trx)
      .insertInto('application_limit_counters')
      .values({ county, key: c.key, granted: c.amount, max: c.max })
      .onConflict((oc) =>
        oc.columns(['county', 'key']).doUpdateSet({
          granted: sql`application_limit_counters.granted + excluded.granted`,
          max: sql`excluded.max`,
        }),
      )
      .execute();
    await t(trx)
      .updateTable('application_limit_claims')
      .set({ granted: true })
      .where('county', '=', county)
      .where('application_id', '=', applicationId)
      .where('limit_id', '=', c.limit_id)
      .execute();
  },

  // 公示 objections

  addObjection(trx: AnyTrx, o: Insertable<ApplicationObjectionsTable>) {
    return t(trx).insertInto('application_objections').values(o).returningAll().executeTakeFirstOrThrow();
  },
  objections(db: Db, county: string, applicationId: number) {
    return t(db)
      .selectFrom('application_objections')
      .selectAll()
      .where('county', '=', county)
      .where('application_id', '=', applicationId)
      .orderBy('id')
      .execute();
  },
  resolveObjection(
    trx: AnyTrx,
    county: string,
    applicationId: number,
    id: number,
    set: { resolved_on: string; resolved_by: number | null; upheld: boolean; resolution: string },
  ) {
    return t(trx)
      .updateTable('application_objections')
      .set(set)
      .where('county', '=', county)
      .where('application_id', '=', applicationId)
      .where('id', '=', id)
      .where('resolved_on', 'is', null)
      .returningAll()
      .executeTakeFirst();
  },

  // materials

  addMaterial(trx: AnyTrx, m: Insertable<ApplicationMaterialsTable>) {
    return t(trx).insertInto('application_materials').values(m).returningAll().executeTakeFirstOrThrow();
  },
  materials(db: Db, county: string, applicationId: number) {
    return t(db)
      .selectFrom('application_materials')
      .selectAll()
      .where('county', '=', county)
      .where('application_id', '=', applicationId)
      .where('removed_at', 'is', null)
      .orderBy('id')
      .execute();
  },
  material(db: Db, county: string, applicationId: number, id: number) {
    return t(db)
      .selectFrom('application_materials')
      .selectAll()
      .where('county', '=', county)
      .where('application_id', '=', applicationId)
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
  },
};
