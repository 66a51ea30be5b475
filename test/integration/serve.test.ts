import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** What `npm start` does on a fresh machine: create, migrate and fill ./data, then serve. */
describe.runIf(process.env.JIUYE_TEST_DB !== 'postgres')('jiuye serve on a new data folder', () => {
  // A whole first start (a child process: tsx, migrations, the demo data set): minutes on a busy machine.
  it('starts, fills the demo data set, and lets a demo account log in', { timeout: 240_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-serve-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, ['bin/jiuye.mjs', 'serve'], {
      env: {
        ...process.env,
        JIUYE_DATA: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: '',
        JIUYE_DATA_KEY: '',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 200_000;
      let ready = false;
      while (!ready && Date.now() < deadline) {
        ready = await fetch(`${base}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!ready) await new Promise((r) => setTimeout(r, 300));
      }
      expect(ready, stderr).toBe(true);
      expect(stderr).toContain('已生成演示数据');
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'township', password: 'jiuye-demo-2019' }),
      });
      expect(login.status).toBe(200);
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const found = await fetch(`${base}/api/v1/persons/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ name: '王' }),
      });
      const people = (await found.json()) as { township: { code: string } }[];
      expect(people.length).toBeGreaterThan(0);
      expect(people.every((p) => p.township.code === '211382101')).toBe(true);
      expect(fs.statSync(path.join(dataDir, 'keys', 'data.key')).mode & 0o777).toBe(0o600);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      expect(fs.existsSync(path.join(dataDir, 'jiuye.lock'))).toBe(false);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
