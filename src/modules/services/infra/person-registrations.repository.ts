import type { Kysely } from 'kysely';
import type { AnyDb } from '../../../platform/db/database.js';
import type { ServicesTables } from './tables.js';

const t = (db: AnyDb) => db as unknown as Kysely<ServicesTables>;

/** Every registration of one person (open and ended), newest first. */
export function registrationsOfPerson(db: AnyDb, county: string, personId: number) {
  return t(db)
    .selectFrom('unemployment_registrations')
    .selectAll()
    .where('county', '=', county)
    .where('person_id', '=', personId)
    .orderBy('registered_on', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}
