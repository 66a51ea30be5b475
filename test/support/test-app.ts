import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { AppContext } from '../../src/app/app-context.js';
import { openAppContext } from '../../src/app/app-context.js';
import { buildServer } from '../../src/app/server.js';
import type { Actor, Role } from '../../src/modules/access/index.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { withDatabase } from './global-setup.js';

export interface TestApp extends AppContext {
  dataDir: string;
  dataKey: string;
  /** Open the same database again (after `close()`, e.g. to let a `jiuye` process use the folder). */
  reopen(): Promise<AppContext>;
  /** Remove the database (and data folder) made for this test file. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a copy of the template PGlite folder, or a new
 * database on the PostgreSQL server made from the template database.
 */
export async function createTestApp(): Promise<TestApp> {
  const t = inject('testDb');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-test-'));
  const dataKey = crypto.randomBytes(32).toString('base64');
  let databaseUrl: string | undefined;
  let dropDatabase = async () => undefined as void;
  if (t.kind === 'pglite') {
    fs.cpSync(t.template, path.join(dataDir, 'pg'), { recursive: true });
  } else {
    const name = 'jiuye_test_' + crypto.randomBytes(6).toString('hex');
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${t.template}`);
    await admin.end();
    databaseUrl = withDatabase(t.url, name);
    dropDatabase = async () => {
      const a = new pg.Client({ connectionString: t.url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  const config = {
    ...loadConfig({}),
    dataDir,
    databaseUrl,
    dataKey,
    demo: false,
    logLevel: 'silent',
  };
  let ctx = await openAppContext(config, 'test');
  let open = true;
  const app: TestApp = {
    ...ctx,
    dataDir,
    dataKey,
    async close() {
      if (open) await ctx.close();
      open = false;
    },
    async reopen() {
      if (open) await ctx.close();
      ctx = await openAppContext(config, 'test');
      open = true;
      Object.assign(app, { db: ctx.db, database: ctx.database, rules: ctx.rules });
      return ctx;
    },
    async destroy() {
      await app.close();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

export const LINGYUAN = '211382';
/** 万元店镇 (a town) and 东城街道 (a street): two townships to test jurisdiction between. */
export const TOWNSHIP_A = '211382101';
export const TOWNSHIP_B = '211382001';

/** An actor that has not logged in through an account (for use-case tests). */
export function actor(role: Role | 'system', division: string, extra: Partial<Actor> = {}): Actor {
  return { accountId: null, username: `test-${role}`, role, division, channel: 'api', ...extra };
}

export async function testServer(app: TestApp) {
  return buildServer(app);
}
