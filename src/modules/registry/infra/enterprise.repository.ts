import { sql, type Kysely, type Selectable } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import type { EnterprisesTable, RegistryTables } from './tables.js';
import { likePrefix } from './person.repository.js';

type Db = AnyDb | AnyTrx;
const t = (db: Db) => db as unknown as Kysely<RegistryTables>;
export type EnterpriseRow = Selectable<EnterprisesTable>;

export const enterpriseRepository = {
  insert(db: Db, row: Omit<EnterpriseRow, 'id' | 'created_at' | 'updated_at' | 'row_version'>) {
    return t(db)
      .insertInto('enterprises')
      .values(row)
      .onConflict((oc) => oc.column('uscc').doNothing())
      .returningAll()
      .executeTakeFirst();
  },
  findById(db: Db, id: number, scope: string, forUpdate = false) {
    let q = t(db)
      .selectFrom('enterprises')
      .selectAll()
      .where('id', '=', id)
      .where('division', 'like', likePrefix(scope));
    if (forUpdate) q = q.forUpdate();
    return q.executeTakeFirst();
  },
  findByUscc(db: Db, uscc: string, scope: string) {
    return t(db)
      .selectFrom('enterprises')
      .selectAll()
      .where('uscc', '=', uscc)
      .where('division', 'like', likePrefix(scope))
      .executeTakeFirst();
  },
  searchByName(db: Db, namePrefix: string, division: string, limit: number) {
    let q = t(db).selectFrom('enterprises').selectAll().where('name', 'like', likePrefix(namePrefix));
    q =
      division.length >= 9
        ? q.where('township', '=', division.slice(0, 9)).where('division', 'like', likePrefix(division))
        : q.where('division', 'like', likePrefix(division));
    return q.orderBy('name').orderBy('id').limit(limit).execute();
  },
  touch(db: Db, county: string, id: number) {
    return t(db)
      .updateTable('enterprises')
      .set({ updated_at: sql<Date>`now()` })
      .where('county', '=', county)
      .where('id', '=', id)
      .execute();
  },
};
