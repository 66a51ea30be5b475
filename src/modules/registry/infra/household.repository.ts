import { validOn } from './valid-on.js';
import type { Kysely, Selectable } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import type { HouseholdsTable, RegistryTables } from './tables.js';
import { likePrefix } from './person.repository.js';

type Db = AnyDb | AnyTrx;
const t = (db: Db) => db as unknown as Kysely<RegistryTables>;
export type HouseholdRow = Selectable<HouseholdsTable>;

export const householdRepository = {
  insert(
    db: Db,
    row: { county: string; household_number: string | null; residence_division: string; township: string },
  ) {
    return t(db).insertInto('households').values(row).returningAll().executeTakeFirstOrThrow();
  },

  findById(db: Db, id: number, scope: string, forUpdate = false) {
    let q = t(db)
      .selectFrom('households')
      .selectAll()
      .where('id', '=', id)
      .where('residence_division', 'like', likePrefix(scope));
    if (forUpdate) q = q.forUpdate();
    return q.executeTakeFirst();
  },

  addMember(
    db: Db,
    row: { county: string; household_id: number; person_id: number; relation: string; valid_from: string },
  ) {
    return t(db)
      .insertInto('household_members')
      .values({ ...row, valid_to: null })
      .onConflict((oc) => oc.columns(['county', 'person_id']).where('valid_to', 'is', null).doNothing())
      .returningAll()
      .executeTakeFirst();
  },

  endMembership(db: Db, county: string, householdId: number, personId: number, on: string) {
    return t(db)
      .updateTable('household_members')
      .set({ valid_to: on })
      .where('county', '=', county)
      .where('household_id', '=', householdId)
      .where('person_id', '=', personId)
      .where('valid_to', 'is', null)
      .returningAll()
      .executeTakeFirst();
  },

  /** Members on a date (default: open memberships). */
  members(db: Db, county: string, householdId: number, asOf?: string) {
    let q = t(db)
      .selectFrom('household_members')
      .selectAll()
      .where('county', '=', county)
      .where('household_id', '=', householdId);
    q = asOf ? q.where(validOn(asOf)) : q.where('valid_to', 'is', null);
    return q.orderBy('person_id').execute();
  },

  /** The household a person belongs to on a date. */
  membershipOf(db: Db, county: string, personId: number, asOf: string) {
    return t(db)
      .selectFrom('household_members')
      .selectAll()
      .where('county', '=', county)
      .where('person_id', '=', personId)
      .where(validOn(asOf))
      .executeTakeFirst();
  },

  currentMembers(db: Db, householdId: number, scope: string) {
    return t(db)
      .selectFrom('household_members as m')
      .innerJoin('persons as p', (j) =>
        j.onRef('p.county', '=', 'm.county').onRef('p.id', '=', 'm.person_id'),
      )
      .selectAll('p')
      .where('m.household_id', '=', householdId)
      .where('m.valid_to', 'is', null)
      .where('p.residence_division', 'like', likePrefix(scope))
      .orderBy('p.id')
      .execute();
  },
};
