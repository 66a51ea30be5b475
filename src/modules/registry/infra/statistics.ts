import { sql } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';

const TABLES = ['persons', 'households', 'household_members', 'enterprises', 'facts'] as const;

/**
 * Refresh the planner's statistics of the registry's tables. After a bulk load the planner otherwise
 * believes the tables are empty and picks nested loops that make a scan quadratic. A PostgreSQL
 * server's autovacuum does this on its own eventually; PGlite has no autovacuum.
 */
export async function analyzeRegistry(db: AnyDb | AnyTrx, onlyIfNeverAnalyzed = false): Promise<string[]> {
  let tables: string[] = [...TABLES];
  if (onlyIfNeverAnalyzed) {
    const r = await sql<{ relname: string }>`
      SELECT relname FROM pg_class WHERE relname IN (${sql.join(TABLES)}) AND relkind = 'r' AND reltuples < 0`.execute(
      db,
    );
    tables = r.rows.map((x) => x.relname);
  }
  if (tables.length) await sql.raw(`ANALYZE ${tables.join(', ')}`).execute(db);
  return tables;
}
