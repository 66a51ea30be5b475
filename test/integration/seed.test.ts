import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/index.js';
import { getPerson, listFacts } from '../../src/modules/registry/index.js';
import { seedRegistry } from '../../src/modules/registry/seed/seed-registry.js';
import { parseIdNumber } from '../../src/shared/identity/index.js';
import { actor, createTestApp, LINGYUAN, type TestApp } from '../support/test-app.js';

let app: TestApp;
const opts = { persons: 3000, enterprises: 50, seed: 7, today: '2019-06-15' };
const counts = async () =>
  (
    await sql<{ p: number; h: number; m: number; e: number; f: number; a: number }>`
      SELECT (SELECT count(*) FROM persons)::int AS p, (SELECT count(*) FROM households)::int AS h,
             (SELECT count(*) FROM household_members)::int AS m, (SELECT count(*) FROM enterprises)::int AS e,
             (SELECT count(*) FROM facts)::int AS f, (SELECT count(*) FROM audit_log)::int AS a`.execute(
      app.db,
    )
  ).rows[0]!;

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.destroy());

describe('jiuye seed', () => {
  it('loads persons in households, enterprises and their dated facts, with one audit record', async () => {
    const r = await seedRegistry(app.database, app.cipher, systemActor('cli'), opts);
    expect(r).toMatchObject({ persons: 3000, enterprises: 50 });
    const c = await counts();
    expect(c).toMatchObject({ p: 3000, m: 3000, h: r.households, e: 50, f: r.facts, a: 1 });
    expect(r.households).toBeGreaterThan(800);
    expect(r.households).toBeLessThan(2000);
  });

  it('gives valid, encrypted ID numbers that decrypt to what was generated, and facts dated from today', async () => {
    const city = actor('cityOfficer', LINGYUAN);
    const rows = await sql<{ id: number }>`SELECT id FROM persons ORDER BY id LIMIT 20`.execute(app.db);
    for (const { id } of rows.rows) {
      const p = await getPerson(app, city, id);
      expect(p.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
    const raw = await sql<{ id_number_enc: Buffer; birth_date: string; sex: string }>`
      SELECT id_number_enc, birth_date, sex FROM persons ORDER BY id LIMIT 200`.execute(app.db);
    for (const r of raw.rows) {
      const parsed = parseIdNumber(app.cipher.decrypt(r.id_number_enc));
      expect(parsed.ok && parsed.value.birthDate === r.birth_date && parsed.value.sex === r.sex).toBe(true);
    }
    const facts = await listFacts(
      app,
      city,
      { type: 'person', id: rows.rows[0]!.id },
      { asOf: '2019-06-15' },
    );
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.every((f) => f.validFrom === '2019-06-15' && f.source.kind === 'system')).toBe(true);
    expect(
      await listFacts(app, city, { type: 'person', id: rows.rows[0]!.id }, { asOf: '2019-06-14' }),
    ).toEqual(
      expect.not.arrayContaining([
        expect.objectContaining({ source: expect.objectContaining({ kind: 'system' }) }),
      ]),
    );
  });

  it('is all or nothing: a seed that fails half-way (the same people again) leaves the registry as it was', async () => {
    const before = await counts();
    await expect(seedRegistry(app.database, app.cipher, systemActor('cli'), opts)).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it('is deterministic for a seed', async () => {
    const other = await createTestApp();
    try {
      await seedRegistry(other.database, other.cipher, systemActor('cli'), {
        ...opts,
        persons: 200,
        enterprises: 5,
      });
      const mine = await sql<{ name: string; birth_date: string; residence_division: string }>`
        SELECT name, birth_date, residence_division FROM persons ORDER BY id LIMIT 200`.execute(app.db);
      const theirs = await sql<{ name: string; birth_date: string; residence_division: string }>`
        SELECT name, birth_date, residence_division FROM persons ORDER BY id LIMIT 200`.execute(other.db);
      expect(theirs.rows).toEqual(mine.rows);
    } finally {
      await other.destroy();
    }
  });
});
