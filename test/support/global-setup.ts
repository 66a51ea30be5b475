import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { syncDivisions } from '../../src/modules/divisions/index.js';

/**
 * Build one migrated database to copy for every test file: a PGlite folder (copied per test file), or,
 * with JIUYE_TEST_DB=postgres, a template database on the server (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  if (process.env.JIUYE_TEST_DB === 'postgres') {
    const url = process.env.JIUYE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS jiuye_test_template');
    await admin.query('CREATE DATABASE jiuye_test_template');
    await admin.end();
    const templateUrl = withDatabase(url, 'jiuye_test_template');
    const database = await openDatabase({ dataDir: os.tmpdir(), databaseUrl: templateUrl, poolSize: 1 });
    await migrate(database.db);
    await syncDivisions(database.db);
    await database.close();
    project.provide('testDb', { kind: 'postgres', url, template: 'jiuye_test_template' });
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-template-'));
  const database = await openDatabase({ dataDir: dir, command: 'test template' });
  await migrate(database.db);
  await syncDivisions(database.db);
  await database.close();
  project.provide('testDb', { kind: 'pglite', template: path.join(dir, 'pg') });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { kind: 'pglite'; template: string } | { kind: 'postgres'; url: string; template: string };
  }
}
