import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listImportRows, listMatches, reviewCandidate } from '../../src/modules/exchange/index.js';
import { matchedSubjects } from '../../src/modules/exchange/infra/import-rows.js';
import { packMatches, rowFlags, sealCells } from '../../src/modules/exchange/infra/row-blocks.js';
import { registerPerson } from '../../src/modules/registry/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, createTestApp, LINGYUAN, type TestApp } from '../support/test-app.js';

/**
 * An import loaded before migration 0019 keeps its matched rows in a layout-1 block and every other row
 * in exchange_rows/exchange_candidates: it reads, lists and is reviewed as before.
 */
let app: TestApp;
const city = actor('cityOfficer', LINGYUAN);
const civil = actor('civilAffairsLiaison', LINGYUAN);
const system = actor('system', '');
const people = [
  { name: '王建国', id: makeIdNumber('211382', '1968-03-05', 123, 'male'), pid: 0 },
  { name: '刘丽华', id: makeIdNumber('211382', '1975-11-20', 40, 'female'), pid: 0 },
  { name: '张伟', id: makeIdNumber('211382', '1990-07-15', 11, 'male'), pid: 0 },
];
let importId = 0;

beforeAll(async () => {
  app = await createTestApp();
  for (const p of people)
    p.pid = (
      await registerPerson(app, system, { name: p.name, idNumber: p.id, residenceDivision: '211382101200' })
    ).id;
  const [wang, liu, zhang] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
  importId = Number(
    (
      await sql<{ id: number }>`
        INSERT INTO exchange_imports (county, list_kind, subject_type, file_name, file_sha256, file_bytes, as_of, scope,
               loaded_by_username, rows, matched, candidates, unmatched, invalid, seconds)
        VALUES ('211382', 'low-income', 'person', 'old.csv', ${'0'.repeat(64)}, 100, '2019-06-30', '211382',
                'before-0019', 4, 2, 1, 1, 0, 0.1)
        RETURNING id`.execute(app.db)
    ).rows[0]!.id,
  );
  // Rows 2 and 4 matched, in one layout-1 block; row 3 a candidate (张伟 without a number), row 5 unmatched.
  await sql`
    INSERT INTO exchange_row_blocks (county, import_id, block, first_row, last_row, rows, subject_county, matches, cells_enc)
    VALUES ('211382', ${importId}, 0, 2, 4, 2, '211382',
            ${packMatches([2, 4], [wang.pid, liu.pid], [rowFlags(['id', 'name-same'], true), rowFlags(['id', 'name-same'], true)])},
            ${sealCells(app.cipher, [
              [wang.name, liu.name],
              [wang.id, liu.id],
              ['', ''],
              ['', ''],
              ['', ''],
            ])})`.execute(app.db);
  await sql`
    INSERT INTO exchange_rows (county, import_id, row_number, name, id_valid, subject_key, status, subject_county,
           subject_id, score, reasons)
    VALUES ('211382', ${importId}, 3, '张伟', false, ${Buffer.alloc(32, 3)}, 'candidate', '211382', ${zhang.pid}, 60,
            'id-missing,name-same'),
           ('211382', ${importId}, 5, '周大勇', true, ${Buffer.alloc(32, 5)}, 'unmatched', NULL, NULL, 0, 'id-not-found')`.execute(
    app.db,
  );
  await sql`
    INSERT INTO exchange_candidates (county, import_id, row_number, subject_county, subject_id, score, reasons)
    VALUES ('211382', ${importId}, 3, '211382', ${zhang.pid}, 60, 'name-same')`.execute(app.db);
}, 60_000);
afterAll(() => app.destroy());

describe('an import loaded before every row went into blocks', () => {
  it('lists its matches, pages its rows and takes a review as before', async () => {
    const [wang, liu, zhang] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
    const lines = async () =>
      (await listMatches(app, system, importId, { full: true })).map((l) => [
        l.rowNumber,
        l.status,
        l.identity,
      ]);
    expect(await lines()).toEqual([
      [2, 'matched', wang.id],
      [3, 'candidate', ''],
      [4, 'matched', liu.id],
      [5, 'unmatched', ''],
    ]);
    const page = await listImportRows(app, city, importId, { status: 'candidate', limit: 20, offset: 0 });
    expect(page.counts).toEqual({ candidate: 1, unmatched: 1, invalid: 0, matched: 2 });
    expect(
      page.items.map((r) => [r.rowNumber, r.name, r.reasons, r.candidates.map((c) => c.subjectId)]),
    ).toEqual([[3, '张伟', ['id-missing', 'name-same'], [zhang.pid]]]);

    const r = await reviewCandidate(app, civil, importId, 3, { subjectId: zhang.pid, decision: 'confirm' });
    expect(r).toMatchObject({ status: 'matched', subjectId: zhang.pid });
    expect(await lines()).toEqual([
      [2, 'matched', wang.id],
      [3, 'matched', zhang.id],
      [4, 'matched', liu.id],
      [5, 'unmatched', ''],
    ]);
    expect((await matchedSubjects(app.database, '211382', importId)).map((m) => m.subjectId)).toEqual([
      wang.pid,
      zhang.pid,
      liu.pid,
    ]);
    const after = await listImportRows(app, city, importId, { status: 'unmatched', limit: 20, offset: 0 });
    expect(after.counts).toEqual({ candidate: 0, unmatched: 1, invalid: 0, matched: 3 });
    expect(after.items.map((x) => x.rowNumber)).toEqual([5]);
  });
});
