import { sql, type Kysely, type Selectable } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import type { PersonalDataCipher } from '../../../platform/crypto/index.js';
import type { PersonPlain } from '../domain/views.js';
import type { PersonsTable, RegistryTables } from './tables.js';

export type PersonRow = Selectable<PersonsTable>;
type Db = AnyDb | AnyTrx;
const t = (db: Db) => db as unknown as Kysely<RegistryTables>;

/** Escape LIKE metacharacters so a typed name is matched literally as a prefix. */
export const likePrefix = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c) + '%';

export function decryptPerson(cipher: PersonalDataCipher, r: PersonRow): PersonPlain {
  return {
    id: r.id,
    county: r.county,
    name: r.name,
    idNumber: cipher.decrypt(r.id_number_enc),
    idKind: r.id_kind,
    sex: r.sex,
    birthDate: r.birth_date,
    phone: r.phone_enc ? cipher.decrypt(r.phone_enc) : null,
    bankName: r.bank_name,
    bankAccount: r.bank_account_enc ? cipher.decrypt(r.bank_account_enc) : null,
    residenceDivision: r.residence_division,
    township: r.township,
    hukouDivision: r.hukou_division,
    version: r.row_version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export const personRepository = {
  async insert(db: Db, row: Omit<PersonRow, 'id' | 'created_at' | 'updated_at' | 'row_version'>) {
    return t(db)
      .insertInto('persons')
      .values(row)
      .onConflict((oc) => oc.column('id_number_hash').doNothing())
      .returningAll()
      .executeTakeFirst();
  },

  /** By id, within a division prefix (the viewer's jurisdiction): outside it the person does not exist. */
  findById(db: Db, id: number, scope: string, forUpdate = false) {
    let q = t(db)
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', id)
      .where('residence_division', 'like', likePrefix(scope));
    if (scope.length >= 6) q = q.where('county', '=', scope.slice(0, 6));
    if (forUpdate) q = q.forUpdate();
    return q.executeTakeFirst();
  },

  /** Many by id (scope is checked by the caller, per viewer). */
  findByIds(db: Db, ids: readonly number[]) {
    if (!ids.length) return Promise.resolve([] as PersonRow[]);
    return t(db)
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', sql<number>`ANY(${[...ids]}::bigint[])`)
      .execute();
  },

  findByIdNumberHash(db: Db, hash: Buffer, scope: string) {
    return t(db)
      .selectFrom('persons')
      .selectAll()
      .where('id_number_hash', '=', hash)
      .where('residence_division', 'like', likePrefix(scope))
      .executeTakeFirst();
  },

  /** Name prefix within a division: uses (township, name) or (county, name) so it stays an index range. */
  searchByName(db: Db, namePrefix: string, division: string, limit: number) {
    let q = t(db).selectFrom('persons').selectAll().where('name', 'like', likePrefix(namePrefix));
    if (division.length >= 9) {
      q = q.where('township', '=', division.slice(0, 9));
      if (division.length > 9) q = q.where('residence_division', 'like', likePrefix(division));
    } else if (division.length === 6) {
      q = q.where('county', '=', division);
    } else {
      q = q.where('residence_division', 'like', likePrefix(division));
    }
    return q.orderBy('name').orderBy('id').limit(limit).execute();
  },

  update(db: Db, county: string, id: number, version: number, set: Partial<PersonRow>) {
    return t(db)
      .updateTable('persons')
      .set({ ...set, updated_at: sql<Date>`now()`, row_version: sql<number>`row_version + 1` })
      .where('county', '=', county)
      .where('id', '=', id)
      .where('row_version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },
};
