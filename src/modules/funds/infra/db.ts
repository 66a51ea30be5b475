import type { Kysely } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import type { FundsTables } from './tables.js';

/** The funds module's typed view of the database: it reads and writes only its own tables. */
export const t = (db: AnyDb | AnyTrx) => db as unknown as Kysely<FundsTables>;

/** Split a list into chunks (for multi-row statements that stay under the parameter limit). */
export function* chunks<T>(list: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}
