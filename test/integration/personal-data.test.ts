import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPerson, setFact } from '../../src/modules/registry/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, createTestApp, TOWNSHIP_A, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);
let app: TestApp;
const ID = makeIdNumber('211382', '1987-07-17', 517, 'female');
const PHONE = '13941234567';
const BANK = '6217000012345678901';

beforeAll(async () => {
  app = await createTestApp();
  const p = await registerPerson(app, actor('townshipOfficer', TOWNSHIP_A), {
    name: '韩梅梅',
    idNumber: ID,
    phone: PHONE,
    bankAccount: BANK,
    residenceDivision: '211382101200',
  });
  await setFact(
    app,
    actor('townshipOfficer', TOWNSHIP_A),
    { type: 'person', id: p.id },
    { name: 'disabled', value: true, validFrom: '2019-01-01' },
  );
});
afterAll(() => app.destroy());

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('personal data at rest', () => {
  it('never writes the ID number, phone or bank account in plain text to the database files or a dump', async () => {
    const needles = [ID, PHONE, BANK, ID.slice(0, 6) + ID.slice(8, 17)].map((s) => Buffer.from(s, 'latin1'));
    if (app.database.kind === 'pglite') {
      await app.close(); // flush everything to disk
      const files = filesUnder(app.dataDir).filter((f) => !f.endsWith('data.key'));
      expect(files.length).toBeGreaterThan(100);
      // The same test finds a control string that *is* stored in plain text, so the search works.
      const control = Buffer.from('韩梅梅', 'utf8');
      let controlFound = false;
      for (const f of files) {
        const bytes = fs.readFileSync(f);
        for (const n of needles) expect(bytes.includes(n), `${n.toString()} in ${f}`).toBe(false);
        controlFound ||= bytes.includes(control);
      }
      expect(controlFound).toBe(true);
      await app.reopen();
    } else {
      const { stdout } = await run('pg_dump', ['--data-only', app.config.databaseUrl!], {
        maxBuffer: 1 << 28,
      });
      expect(stdout).toContain('韩梅梅');
      for (const n of needles) expect(stdout.includes(n.toString())).toBe(false);
    }
  });
});
