import { validOn } from './valid-on.js';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import type { FactsTable, RegistryTables } from './tables.js';

type Db = AnyDb | AnyTrx;
const t = (db: Db) => db as unknown as Kysely<RegistryTables>;
export type FactRow = Selectable<FactsTable>;
export type NewFactRow = Omit<Insertable<FactsTable>, 'id' | 'recorded_at'>;

export interface SubjectRef {
  type: 'person' | 'household' | 'enterprise';
  county: string;
  id: number;
}

export async function insertFactRows(db: Db, rows: NewFactRow[]): Promise<void> {
  if (rows.length) await t(db).insertInto('facts').values(rows).execute();
}

export const factRepository = {
  /** Current knowledge (not superseded) of one fact of one subject. */
  current(db: Db, s: SubjectRef, name: string) {
    return t(db)
      .selectFrom('facts')
      .selectAll()
      .where('county', '=', s.county)
      .where('subject_type', '=', s.type)
      .where('subject_id', '=', s.id)
      .where('name', '=', name)
      .where('superseded_at', 'is', null)
      .orderBy('valid_from')
      .execute();
  },

  supersede(db: Db, county: string, ids: number[]) {
    if (!ids.length) return Promise.resolve();
    return t(db)
      .updateTable('facts')
      .set({ superseded_at: sql<Date>`now()` })
      .where('county', '=', county)
      .where('id', 'in', ids)
      .execute();
  },

  /**
   * A person's facts in force on a day, and those of the household they belonged to that day (marked
   * with its id), in one statement.
   */
  forPersonWithHousehold(db: Db, county: string, personId: number, asOf: string) {
    return this.forPersonsWithHousehold(db, county, [personId], asOf);
  },

  /** The same for many persons of one county at once (each row names its person). */
  async forPersonsWithHousehold(db: Db, county: string, personIds: readonly number[], asOf: string) {
    if (!personIds.length) return [];
    const ids = sql`ANY(${[...personIds]}::bigint[])`;
    const rows = await sql<FactRow & { person_id: number; household_id: number | null }>`
      SELECT f.*, f.subject_id AS person_id, NULL::bigint AS household_id FROM facts f
       WHERE f.county = ${county} AND f.subject_type = 'person' AND f.subject_id = ${ids}
         AND f.superseded_at IS NULL AND f.valid_from <= ${asOf} AND (f.valid_to IS NULL OR f.valid_to > ${asOf})
      UNION ALL
      SELECT f.*, m.person_id, m.household_id FROM household_members m
        JOIN facts f ON f.county = m.county AND f.subject_type = 'household' AND f.subject_id = m.household_id
       WHERE m.county = ${county} AND m.person_id = ${ids}
         AND m.valid_from <= ${asOf} AND (m.valid_to IS NULL OR m.valid_to > ${asOf})
         AND f.superseded_at IS NULL AND f.valid_from <= ${asOf} AND (f.valid_to IS NULL OR f.valid_to > ${asOf})
      ORDER BY person_id, household_id NULLS FIRST, name, valid_from`.execute(db);
    return rows.rows;
  },

  /** Every fact of the subjects in force on `asOf` (or all current rows, for a history view). */
  forSubjects(db: Db, type: SubjectRef['type'], county: string, ids: number[], asOf: string | null) {
    if (!ids.length) return Promise.resolve([] as FactRow[]);
    let q = t(db)
      .selectFrom('facts')
      .selectAll()
      .where('county', '=', county)
      .where('subject_type', '=', type)
      .where('subject_id', 'in', ids)
      .where('superseded_at', 'is', null);
    if (asOf) {
      q = q.where(validOn(asOf));
    }
    return q.orderBy('subject_id').orderBy('name').orderBy('valid_from').execute();
  },
};
