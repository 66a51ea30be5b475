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

/**
 * A sample of persons (county, id, residence) spread over the registry, for benchmarks and demo data
 * of other modules: every k-th person by id, so the same call gives the same sample.
 */
export async function samplePersons(
  db: AnyDb,
  n: number,
): Promise<Array<{ county: string; id: number; division: string }>> {
  const total = (await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM persons`.execute(db)).rows[0]!.n;
  const step = Math.max(1, Math.floor(total / Math.max(1, n)));
  const rows = await sql<{ county: string; id: number; division: string }>`
    SELECT county, id, residence_division AS division FROM (
      SELECT county, id, residence_division, row_number() OVER (ORDER BY id) AS k FROM persons
    ) p WHERE (k - 1) % ${step} = 0 ORDER BY id LIMIT ${n}`.execute(db);
  return rows.rows;
}
