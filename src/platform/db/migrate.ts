import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { AnyDb } from './database.js';

/** The one ordered stream of SQL migrations, `migrations/NNNN_name.sql` at the repository root. */
export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

export interface Migration {
  id: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      return {
        id: f.replace(/\.sql$/, ''),
        sql: text,
        checksum: crypto.createHash('sha256').update(text).digest('hex'),
      };
    });
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

const MIGRATION_LOCK = 7_423_001; // pg_advisory_xact_lock key: one migrator at a time on a shared server

/**
 * Apply every pending migration, each in its own transaction (DDL is transactional in Postgres),
 * in order. A migration already applied whose file has changed is an error: committed migrations are
 * never edited.
 */
export async function migrate(db: AnyDb, migrations = loadMigrations()): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    id text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  const done: string[] = [];
  for (const m of migrations) {
    const applied = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      const row = await sql<{
        checksum: string;
      }>`SELECT checksum FROM schema_migrations WHERE id = ${m.id}`.execute(trx);
      const existing = row.rows[0];
      if (existing) {
        if (existing.checksum !== m.checksum) {
          throw new Error(`Migration ${m.id} was changed after it was applied; add a new migration instead.`);
        }
        return false;
      }
      await sql.raw(m.sql).execute(trx);
      await sql`INSERT INTO schema_migrations (id, checksum) VALUES (${m.id}, ${m.checksum})`.execute(trx);
      return true;
    });
    if (applied) done.push(m.id);
  }
  return done;
}

export async function migrationStatus(db: AnyDb, migrations = loadMigrations()): Promise<MigrationStatus> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('schema_migrations')::text AS t`.execute(
    db,
  );
  const applied = new Set<string>();
  if (exists.rows[0]?.t) {
    const rows = await sql<{ id: string }>`SELECT id FROM schema_migrations`.execute(db);
    for (const r of rows.rows) applied.add(r.id);
  }
  return {
    applied: migrations.filter((m) => applied.has(m.id)).map((m) => m.id),
    pending: migrations.filter((m) => !applied.has(m.id)).map((m) => m.id),
  };
}
