import type { Kysely, Selectable } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import type { AccessTables, AccountsTable } from './tables.js';

export type AccountRow = Selectable<AccountsTable>;

const t = (db: AnyDb | AnyTrx) => db as unknown as Kysely<AccessTables>;

export const accountRepository = {
  findByUsername(db: AnyDb | AnyTrx, username: string) {
    return t(db).selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
  },
  findById(db: AnyDb | AnyTrx, id: number) {
    return t(db).selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insert(
    db: AnyDb | AnyTrx,
    row: Omit<AccountRow, 'id' | 'created_at' | 'updated_at' | 'disabled' | 'failed_logins' | 'locked_until'>,
  ) {
    return t(db)
      .insertInto('accounts')
      .values(row)
      .onConflict((oc) => oc.column('username').doNothing())
      .returningAll()
      .executeTakeFirst();
  },
  list(db: AnyDb | AnyTrx, divisionPrefix: string, limit: number) {
    return t(db)
      .selectFrom('accounts')
      .selectAll()
      .where('division_code', 'like', divisionPrefix + '%')
      .orderBy('id')
      .limit(limit)
      .execute();
  },
  async recordFailure(db: AnyDb | AnyTrx, id: number, maxFailures: number, lockMs: number) {
    return t(db)
      .updateTable('accounts')
      .set((eb) => ({
        failed_logins: eb('failed_logins', '+', 1),
      }))
      .where('id', '=', id)
      .returning(['failed_logins'])
      .executeTakeFirstOrThrow()
      .then(async ({ failed_logins }) => {
        if (failed_logins >= maxFailures) {
          await t(db)
            .updateTable('accounts')
            .set({ locked_until: new Date(Date.now() + lockMs), failed_logins: 0 })
            .where('id', '=', id)
            .execute();
          return true;
        }
        return false;
      });
  },
  resetFailures(db: AnyDb | AnyTrx, id: number) {
    return t(db)
      .updateTable('accounts')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', id)
      .execute();
  },
};

export const sessionRepository = {
  insert(
    db: AnyDb | AnyTrx,
    row: { token_hash: Buffer; account_id: number; csrf_token: string; expires_at: Date },
  ) {
    return t(db).insertInto('sessions').values(row).execute();
  },
  find(db: AnyDb | AnyTrx, tokenHash: Buffer) {
    return t(db)
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .select([
        'sessions.token_hash',
        'sessions.csrf_token',
        'sessions.expires_at',
        'sessions.last_seen_at',
        'accounts.id as account_id',
        'accounts.username',
        'accounts.display_name',
        'accounts.role',
        'accounts.division_code',
        'accounts.person_county',
        'accounts.person_id',
        'accounts.enterprise_county',
        'accounts.enterprise_id',
        'accounts.disabled',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
  },
  touch(db: AnyDb | AnyTrx, tokenHash: Buffer) {
    return t(db)
      .updateTable('sessions')
      .set({ last_seen_at: new Date() })
      .where('token_hash', '=', tokenHash)
      .execute();
  },
  delete(db: AnyDb | AnyTrx, tokenHash: Buffer) {
    return t(db).deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },
  deleteExpired(db: AnyDb | AnyTrx, now: Date) {
    return t(db).deleteFrom('sessions').where('expires_at', '<', now).execute();
  },
};
