import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrationStatus } from '../../src/platform/db/migrate.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.destroy());

describe('database layer', () => {
  it('has every migration applied, and applying again changes nothing', async () => {
    const before = await migrationStatus(app.db);
    expect(before.pending).toEqual([]);
    expect(before.applied.length).toBeGreaterThanOrEqual(3);
    expect(await migrate(app.db)).toEqual([]);
  });

  it('returns calendar dates as the same YYYY-MM-DD strings, whatever the time zone', async () => {
    const r = await sql<{
      d: string;
      e: string;
    }>`SELECT '2019-06-15'::date AS d, '2019-01-01'::date AS e`.execute(app.db);
    expect(r.rows[0]).toEqual({ d: '2019-06-15', e: '2019-01-01' });
  });

  it('returns 64-bit counts as numbers on both databases', async () => {
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM divisions`.execute(app.db);
    expect(typeof r.rows[0]!.n).toBe('number');
    expect(r.rows[0]!.n).toBeGreaterThan(300);
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      app.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO divisions (code, valid_from, name, level, kind, source) VALUES ('999999', '2019-01-01', 'x', 'county', 'x', 'test')`.execute(
          trx,
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const r = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM divisions WHERE code = '999999'`.execute(app.db);
    expect(r.rows[0]!.n).toBe(0);
  });

  it('bulk loads all or nothing: a failing COPY undoes the COPYs before it', async () => {
    const rows = [['999998', '2019-01-01', '测试,"引号"', 'county', 'x', 'test']];
    await expect(
      app.database.bulkLoad(async (copy) => {
        await copy('divisions', ['code', 'valid_from', 'name', 'level', 'kind', 'source'], rows);
        await copy(
          'divisions',
          ['code', 'valid_from', 'name', 'level', 'kind', 'source'],
          [['bad', '2019-01-01', 'x', 'county', 'x', 'test']],
        );
      }),
    ).rejects.toThrow();
    const r = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM divisions WHERE code = '999998'`.execute(app.db);
    expect(r.rows[0]!.n).toBe(0);
    await app.database.bulkLoad((copy) =>
      copy('divisions', ['code', 'valid_from', 'name', 'level', 'kind', 'source'], rows),
    );
    const ok = await sql<{ name: string }>`SELECT name FROM divisions WHERE code = '999998'`.execute(app.db);
    expect(ok.rows[0]!.name).toBe('测试,"引号"');
  });

  it('keeps the division history: 凌北街道 ended 2020-06-30 and is still there', async () => {
    const r = await sql<{
      name: string;
      valid_to: string;
    }>`SELECT name, valid_to FROM divisions WHERE code = '211382004'`.execute(app.db);
    expect(r.rows).toEqual([{ name: '凌北街道', valid_to: '2020-06-30' }]);
  });
});
