import { sql, type Kysely, type Selectable } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import type { ServicesTables, UnemploymentRegistrationsTable } from './tables.js';

const t = (db: AnyDb | AnyTrx) => db as unknown as Kysely<ServicesTables>;
export type RegistrationRow = Selectable<UnemploymentRegistrationsTable>;

export const registrationRepository = {
  /** Insert, unless the person already has an open registration (then undefined). */
  async insertOpen(
    trx: AnyTrx,
    row: Omit<RegistrationRow, 'id' | 'created_at' | 'certificate_number' | 'ended_on' | 'end_reason'>,
  ) {
    const seq = await sql<{ n: number }>`SELECT nextval('unemployment_certificate_seq') AS n`.execute(trx);
    const number = `${row.county}${row.registered_on.slice(0, 4)}${String(seq.rows[0]!.n).padStart(6, '0')}`;
    return t(trx)
      .insertInto('unemployment_registrations')
      .values({ ...row, certificate_number: number, ended_on: null, end_reason: null })
      .onConflict((oc) => oc.columns(['county', 'person_id']).where('ended_on', 'is', null).doNothing())
      .returningAll()
      .executeTakeFirst();
  },
  remove(db: AnyDb | AnyTrx, county: string, id: number) {
    return t(db)
      .deleteFrom('unemployment_registrations')
      .where('county', '=', county)
      .where('id', '=', id)
      .execute();
  },
  find(db: AnyDb | AnyTrx, id: number, scope: string) {
    return t(db)
      .selectFrom('unemployment_registrations')
      .selectAll()
      .where('id', '=', id)
      .where('division', 'like', scope + '%')
      .executeTakeFirst();
  },
  end(trx: AnyTrx, county: string, id: number, on: string, reason: string) {
    return t(trx)
      .updateTable('unemployment_registrations')
      .set({ ended_on: on, end_reason: reason })
      .where('county', '=', county)
      .where('id', '=', id)
      .where('ended_on', 'is', null)
      .returningAll()
      .executeTakeFirst();
  },
  listOpen(db: AnyDb | AnyTrx, scope: string, limit: number) {
    return t(db)
      .selectFrom('unemployment_registrations')
      .selectAll()
      .where('ended_on', 'is', null)
      .where('division', 'like', scope + '%')
      .orderBy('registered_on', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },
};
