import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, verifyAuditTrail } from '../../src/modules/access/index.js';
import { registerPerson, setFact } from '../../src/modules/registry/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, createTestApp, TOWNSHIP_A, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);
let app: TestApp;
const town = actor('townshipOfficer', TOWNSHIP_A, { ip: '10.0.0.8' });

beforeAll(async () => {
  app = await createTestApp();
  for (let i = 0; i < 5; i++) {
    const p = await registerPerson(app, town, {
      name: `测试${i}`,
      idNumber: makeIdNumber('211382', '1990-01-0' + (i + 1), i, 'male'),
      residenceDivision: '211382101200',
    });
    await setFact(
      app,
      town,
      { type: 'person', id: p.id },
      { name: 'disabled', value: false, validFrom: '2019-01-01' },
    );
  }
});
afterAll(() => app.destroy());

const asAuditor = actor('auditor', '211382');
const withoutTrigger = async (stmt: ReturnType<typeof sql>) => {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(app.db);
  try {
    await stmt.execute(app.db);
  } finally {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(app.db);
  }
};

describe('audit trail', () => {
  it('records who did what, when, to which record and from where', async () => {
    const r = await sql<{ action: string; actor_role: string; ip: string; entity_type: string }>`
      SELECT action, actor_role, ip, entity_type FROM audit_log ORDER BY seq`.execute(app.db);
    expect(r.rows.map((x) => x.action)).toEqual(Array(5).fill(['person.create', 'fact.set']).flat());
    expect(r.rows.every((x) => x.actor_role === 'townshipOfficer' && x.ip === '10.0.0.8')).toBe(true);
  });

  it('never carries the ID number in plain text', async () => {
    const r = await sql<{ t: string }>`SELECT string_agg(details::text, ' ') AS t FROM audit_log`.execute(
      app.db,
    );
    expect(r.rows[0]!.t).not.toContain(makeIdNumber('211382', '1990-01-01', 0, 'male'));
  });

  it('verifies an intact chain', async () => {
    const v = await verifyAuditTrail(app.db, asAuditor);
    expect(v).toMatchObject({ records: 10, chains: 1, problems: [] });
  });

  it('is append-only: the database refuses updates and deletes', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`.execute(app.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(app.db)).rejects.toThrow(/append-only/);
  });

  it('is only for the auditor and the system administrator', async () => {
    await expect(verifyAuditTrail(app.db, town)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('finds a changed record and says which', async () => {
    await withoutTrigger(sql`UPDATE audit_log SET details = '{"fields":["forged"]}' WHERE seq = 3`);
    const v = await verifyAuditTrail(app.db, asAuditor);
    expect(v.problems).toEqual([expect.objectContaining({ chain: '211382', seq: 3, problem: 'changed' })]);
    expect(v.problems[0]!.messageZh).toContain('第 3 条');
  });

  it('finds a deleted record, and a deleted tail, through the jiuye command (exit status 1)', async () => {
    await withoutTrigger(sql`DELETE FROM audit_log WHERE seq IN (6, 10)`);
    const v = await verifyAuditTrail(app.db, systemActor('cli'));
    expect(v.problems.map((p) => [p.seq, p.problem])).toEqual([
      [3, 'changed'],
      [6, 'missing'],
      [10, 'missing'],
    ]);
  });
});

describe('jiuye audit verify', () => {
  it('exits 1 and names the problems when the chain is broken, 0 when intact', async () => {
    const other = await createTestApp();
    const env = {
      ...process.env,
      JIUYE_DATA: other.dataDir,
      JIUYE_DATA_KEY: other.dataKey,
      DATABASE_URL: '',
    };
    await registerPerson(other, town, {
      name: '测试',
      idNumber: makeIdNumber('211382', '1990-02-01', 9, 'male'),
      residenceDivision: '211382101200',
    });
    const url = other.database.kind === 'postgres' ? other.config.databaseUrl : undefined;
    if (url) env.DATABASE_URL = url;
    const close = other.database.kind === 'pglite' ? () => other.close() : async () => undefined;
    try {
      await close();
      const ok = await run(process.execPath, ['bin/jiuye.mjs', 'audit', 'verify'], { env });
      expect(ok.stdout).toContain('审计链完整');
      const reopened = await other.reopen();
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(reopened.db);
      await sql`UPDATE audit_log SET action = 'person.view' WHERE seq = 1`.execute(reopened.db);
      if (reopened.database.kind === 'pglite') await other.close();
      const failed = await run(process.execPath, ['bin/jiuye.mjs', 'audit', 'verify'], { env }).then(
        () => undefined,
        (e: { code: number; stdout: string }) => e,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stdout).toContain('第 1 条记录（person.view）的内容已被改动');
    } finally {
      await other.destroy();
    }
  });
});
