import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/database.js';
import { loadOrCreateDataKey } from '../../src/platform/crypto/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.destroy());

describe.runIf(process.env.JIUYE_TEST_DB !== 'postgres')('the embedded data folder', () => {
  it('refuses a second opening in the same process', async () => {
    await expect(openDatabase({ dataDir: app.dataDir, command: 'second' })).rejects.toMatchObject({
      code: 'DATA_DIR_LOCKED',
    });
  });

  it('makes a second jiuye process refuse with a clear message (exit status 2), writing nothing', async () => {
    const r = await run(
      process.execPath,
      [
        'bin/jiuye.mjs',
        'users',
        'add',
        '--username',
        'intruder',
        '--role',
        'auditor',
        '--division',
        '211382',
      ],
      {
        env: { ...process.env, JIUYE_DATA: app.dataDir, JIUYE_PASSWORD: 'intruder-pass-1', DATABASE_URL: '' },
      },
    ).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(r?.code).toBe(2);
    expect(r?.stderr).toContain(`正被进程 ${process.pid}`);
    expect(r?.stderr).toContain('DATABASE_URL');
  });

  it('takes over the lock of a process that died', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-lock-'));
    fs.writeFileSync(
      path.join(dir, 'jiuye.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, command: 'serve', startedAt: '2019-01-01' }),
    );
    const db = await openDatabase({ dataDir: dir, command: 'test' });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'jiuye.lock'), 'utf8')).pid).toBe(process.pid);
    await db.close();
    expect(fs.existsSync(path.join(dir, 'jiuye.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generates the data key once, readable by its owner only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-key-'));
    const k1 = loadOrCreateDataKey(dir, undefined);
    const k2 = loadOrCreateDataKey(dir, undefined);
    expect(k1.equals(k2)).toBe(true);
    expect(fs.statSync(path.join(dir, 'keys', 'data.key')).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
