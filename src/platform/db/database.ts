import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { withPreparedStatements } from './prepared-statements.js';
import { installTypeParsers } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTrx = Transaction<any>;
export type DatabaseKind = 'pglite' | 'postgres';

/** One open database, embedded or server, behind the same Kysely handle. */
export interface Database {
  readonly kind: DatabaseKind;
  readonly db: AnyDb;
  /**
   * Bulk load with COPY: `fn` gets a `copy` function and a Kysely handle, both on one connection inside
   * one transaction, so a bulk load (and whatever `fn` records beside it, like its audit entry) is
   * all-or-nothing. On PGlite nothing else runs meanwhile (one connection).
   */
  bulkLoad<T>(fn: (copy: CopyFn, trx: AnyTrx) => Promise<T>): Promise<T>;
  /**
   * Run `COPY (<select>) TO … (FORMAT text)` and return its text: the fastest way either database
   * reads many rows out. `select` must be trusted SQL (ours, with literals already checked).
   */
  copyOut(select: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * COPY rows into a table: values as CSV, `null`/`undefined` → NULL, Buffer → bytea, objects → JSON.
 * A string is taken as CSV text already rendered with `csvLine` (e.g. in a worker thread).
 */
export type CopyFn = (
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]> | string,
) => Promise<void>;

export interface OpenOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** What this process is, for the lock file's message to a second process. */
  command?: string;
  /** Pool size for a PostgreSQL server. */
  poolSize?: number;
}

/** Open the database: a PostgreSQL server when `databaseUrl` is set, else PGlite on disk in `dataDir/pg`. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  installTypeParsers();
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize ?? 8) : openPglite(opts);
}

/** A Kysely handle on one already-checked-out client (inside a transaction begun on it). */
function kyselyOnClient(client: pg.PoolClient): AnyTrx {
  const pool = {
    connect: async () => ({ query: client.query.bind(client), release: () => undefined }),
    end: async () => undefined,
  };
  return new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }),
  }) as unknown as AnyTrx;
}

async function inClientTransaction<T>(
  pool: pg.Pool,
  makeCopy: (client: pg.PoolClient) => CopyFn,
  fn: (copy: CopyFn, trx: AnyTrx) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(makeCopy(client), kyselyOnClient(client));
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    /* idle client errors are reported on the next query */
  });
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }),
  }) as AnyDb;
  return {
    kind: 'postgres',
    db,
    bulkLoad: (fn) =>
      inClientTransaction(
        pool,
        (client) => async (table, columns, rows) => {
          const stream = client.query(copyFrom(copySql(table, columns, 'STDIN')));
          await pipeline(Readable.from(typeof rows === 'string' ? [rows] : csvChunks(rows)), stream);
        },
        fn,
      ),
    async copyOut(select) {
      const client = await pool.connect();
      try {
        const stream = client.query(copyTo(`COPY (${select}) TO STDOUT`));
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(c as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const lock: DataDirLock = lockDataDir(opts.dataDir, opts.command ?? 'process');
  let pglite: PGlite;
  try {
    // pg_trgm must be listed first (stack-notes: a PGlite 0.5.15–0.5.17 bug otherwise).
    pglite = await PGlite.create(path.join(opts.dataDir, 'pg'), { extensions: { pg_trgm } });
  } catch (e) {
    lock.release();
    throw e;
  }
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }),
  }) as AnyDb;
  // PGlite is one backend session: a transaction begun through the pool's only client also holds the
  // COPYs sent straight to PGlite (which reads them from a blob), and nothing else can interleave.
  const copy: CopyFn = async (table, columns, rows) => {
    const sqlText = copySql(table, columns, "'/dev/blob'");
    if (typeof rows === 'string') {
      if (rows) await pglite.query(sqlText, [], { blob: new Blob([rows]) });
      return;
    }
    let parts: string[] = [];
    let size = 0;
    for (const chunk of csvChunks(rows)) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= 16 << 20) {
        await pglite.query(sqlText, [], { blob: new Blob(parts) });
        parts = [];
        size = 0;
      }
    }
    if (parts.length) await pglite.query(sqlText, [], { blob: new Blob(parts) });
  };
  return {
    kind: 'pglite',
    db,
    bulkLoad: (fn) => inClientTransaction(pool, () => copy, fn),
    async copyOut(select) {
      // Through the pool's only client, so it waits for any open transaction instead of joining it.
      const client = await pool.connect();
      try {
        const r = await pglite.query(`COPY (${select}) TO '/dev/blob'`);
        return r.blob ? await r.blob.text() : '';
      } finally {
        client.release();
      }
    },
    async close() {
      try {
        await db.destroy();
        await pglite.close();
      } finally {
        lock.release();
      }
    },
  };
}

function copySql(table: string, columns: readonly string[], source: string): string {
  const ident = (s: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`bad identifier ${s}`);
    return s;
  };
  return `COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM ${source} WITH (FORMAT csv)`;
}

function csvValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Buffer.isBuffer(v)) return '\\x' + v.toString('hex');
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return '"' + s.replaceAll('"', '""') + '"';
}

/** One row as a CSV line for COPY (with its newline). */
export function csvLine(row: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) line += (i ? ',' : '') + csvValue(row[i]);
  return line + '\n';
}

/** CSV text in chunks of about 1 MB, so a large load never builds one huge string. */
function* csvChunks(rows: Iterable<readonly unknown[]>): Generator<string> {
  let buf = '';
  for (const row of rows) {
    buf += csvLine(row);
    if (buf.length > 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}
