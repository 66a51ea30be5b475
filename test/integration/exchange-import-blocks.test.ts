import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importList,
  listImportRows,
  listMatches,
  matchesCsv,
  reviewCandidate,
} from '../../src/modules/exchange/index.js';
import { matchedSubjects } from '../../src/modules/exchange/infra/import-rows.js';
import { readRowBlocks } from '../../src/modules/exchange/infra/row-blocks.js';
import { registerPerson } from '../../src/modules/registry/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, createTestApp, LINGYUAN, type TestApp } from '../support/test-app.js';

let app: TestApp;
const civil = actor('civilAffairsLiaison', LINGYUAN);
const system = actor('system', '');
const people: { name: string; id: string; personId: number }[] = [];

beforeAll(async () => {
  app = await createTestApp();
  const names = ['王建国', '刘丽华', '乌云·其木格', '赵淑芬', '孙志刚', '李春梅', '周大勇', '吴敏'];
  for (const [k, name] of names.entries()) {
    const id = makeIdNumber(
      '211382',
      `19${60 + k}-0${1 + (k % 9)}-1${k}`,
      100 + k,
      k % 2 ? 'female' : 'male',
    );
    const v = await registerPerson(app, system, { name, idNumber: id, residenceDivision: '211382101200' });
    people.push({ name, id, personId: v.id });
  }
}, 60_000);
afterAll(() => app.destroy());

/** 9,000 rows (three blocks): mostly the registry's people, every 7th a stranger, every 11th without a number. */
function bigList(): { csv: string; expected: string[] } {
  const lines = ['姓名,公民身份号码,性别'];
  const expected: string[] = [];
  for (let i = 0; i < 9000; i++) {
    const p = people[i % people.length]!;
    if (i % 7 === 3) {
      lines.push(`陌生人,${makeIdNumber('130102', '1970-04-04', i % 900, 'male')},男`);
      expected.push(`${i + 2},unmatched,`);
    } else if (i % 11 === 5) {
      lines.push(`${p.name},,`);
      expected.push(`${i + 2},candidate,`);
    } else {
      lines.push(`${p.name},${i % 3 ? p.id : ' ' + p.id.toLowerCase()},`);
      expected.push(`${i + 2},matched,${p.id}`);
    }
  }
  return { csv: lines.join('\n') + '\n', expected };
}

describe('rows in blocks', () => {
  it('gives the same matches CSV in one worker, in line and in two workers, every row kept in blocks in file order', async () => {
    const { csv, expected } = bigList();
    const results = [];
    // In one worker, in line, and in two and three workers each on a part of the list.
    const ways: { worker: boolean; split?: number }[] = [
      { worker: true },
      { worker: false },
      { worker: true, split: 2 },
      { worker: true, split: 3 },
    ];
    for (const opts of ways) {
      const s = await importList(
        app,
        civil,
        { kind: 'low-income', fileName: 'big.csv', content: Buffer.from(csv), asOf: '2019-06-30' },
        opts,
      );
      const lines = await listMatches(app, system, s.import, { full: true });
      expect(matchesCsv(lines).trimEnd().split('\n').slice(1)).toEqual(expected);
      const subjects = await matchedSubjects(app.database, '211382', s.import);
      expect(subjects.map((x) => x.rowNumber)).toEqual(
        lines.filter((l) => l.status === 'matched').map((l) => l.rowNumber),
      );
      expect(subjects.map((x) => x.subjectId)).toEqual(
        lines.filter((l) => l.status === 'matched').map((l) => l.subjectId),
      );
      // Every row is in the blocks, once, in file order, with its cells as given; exchange_rows and
      // exchange_candidates wait for a reviewer.
      const inRows = await sql<{ r: number; c: number }>`
        SELECT (SELECT count(*)::int FROM exchange_rows WHERE import_id = ${s.import}) AS r,
               (SELECT count(*)::int FROM exchange_candidates WHERE import_id = ${s.import}) AS c`.execute(
        app.db,
      );
      expect(inRows.rows[0]).toEqual({ r: 0, c: 0 });
      const blocks = await readRowBlocks(app.database, app.cipher, '211382', s.import);
      // Blocks of up to 4,096 rows, a part's numbered after every block the parts before it could fill.
      expect(blocks.length).toBe({ 2: 4, 3: 3 }[opts.split ?? 0] ?? Math.ceil(s.rows / 4096));
      expect(blocks.flatMap((b) => b.rowNumbers)).toEqual(expected.map((_, i) => i + 2));
      expect(blocks.flatMap((b) => b.statuses)).toEqual(expected.map((e) => e.split(',')[1]));
      const source = csv.split('\n');
      for (const b of blocks)
        b.rowNumbers.forEach((r, i) =>
          expect(b.cells!.map((col) => col[i]).slice(0, 3)).toEqual(
            source[r - 1]!.split(',').map((c) => c.trim()),
          ),
        );
      const raw = JSON.stringify(
        (await sql`SELECT * FROM exchange_row_blocks WHERE import_id = ${s.import}`.execute(app.db)).rows,
      );
      expect(raw).not.toContain(people[0]!.name);
      results.push({ ...s, import: 0, seconds: 0 });
    }
    expect(results[0]).toEqual(results[1]);
    expect(results[2]).toEqual(results[1]);
    expect(results[3]).toEqual(results[1]);
  }, 120_000);

  it('copies a candidate row out of its block at the first review, as it was decided, and reads it from there after', async () => {
    const { csv } = bigList();
    const s = await importList(app, civil, {
      kind: 'registered-poor',
      fileName: 'big.csv',
      content: Buffer.from(csv),
      asOf: '2019-06-30',
    });
    // Row 7 (i = 5): 李春梅 without a number, proposed by name.
    const page = await listImportRows(app, civil, s.import, { status: 'candidate', limit: 1, offset: 0 });
    const before = page.items[0]!;
    expect(before).toMatchObject({ rowNumber: 7, name: '李春梅', idCell: null, review: null });
    expect(before.candidates.map((c) => [c.subjectId, c.state])).toEqual([[people[5]!.personId, 'open']]);
    const r = await reviewCandidate(app, civil, s.import, 7, {
      subjectId: people[5]!.personId,
      decision: 'confirm',
    });
    expect(r).toMatchObject({ status: 'matched', subjectId: people[5]!.personId, openCandidates: 0 });
    const kept = await sql<{
      name: string;
      status: string;
      review: string;
      subject_id: string;
      reasons: string;
    }>`
      SELECT name, status, review, subject_id, reasons FROM exchange_rows WHERE import_id = ${s.import}`.execute(
      app.db,
    );
    expect(kept.rows).toEqual([
      {
        name: '李春梅',
        status: 'candidate',
        review: 'confirmed',
        subject_id: expect.anything(),
        reasons: before.reasons.join(','),
      },
    ]);
    expect(Number(kept.rows[0]!.subject_id)).toBe(people[5]!.personId);
    const cands = await sql<{ state: string }>`
      SELECT state FROM exchange_candidates WHERE import_id = ${s.import}`.execute(app.db);
    expect(cands.rows).toEqual([{ state: 'confirmed' }]);
    // Read from exchange_rows now: matched, one candidate row fewer, and a second decision refused.
    const after = await listImportRows(app, civil, s.import, { status: 'candidate', limit: 1, offset: 0 });
    expect(after.counts.candidate).toBe(page.counts.candidate - 1);
    expect(after.counts.matched).toBe(page.counts.matched + 1);
    expect(after.items[0]!.rowNumber).toBeGreaterThan(7);
    const lines = await listMatches(app, system, s.import, { full: true });
    expect(lines.find((l) => l.rowNumber === 7)).toMatchObject({
      status: 'matched',
      identity: people[5]!.id,
    });
    await expect(
      reviewCandidate(app, civil, s.import, 7, { subjectId: people[5]!.personId, decision: 'dismiss' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // A matched row has nothing to review.
    await expect(
      reviewCandidate(app, civil, s.import, 2, { subjectId: people[0]!.personId, decision: 'confirm' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 120_000);

  it('leaves nothing behind when an import fails half-way', async () => {
    const before = await sql<{ i: number; r: number; b: number; a: number }>`
      SELECT (SELECT count(*)::int FROM exchange_imports) AS i, (SELECT count(*)::int FROM exchange_rows) AS r,
             (SELECT count(*)::int FROM exchange_row_blocks) AS b,
             (SELECT count(*)::int FROM audit_log WHERE action = 'exchange.import') AS a`.execute(app.db);
    for (const worker of [true, false]) {
      let chunks = 0;
      await expect(
        importList(
          app,
          civil,
          { kind: 'deceased', fileName: 'big.csv', content: Buffer.from(bigList().csv), asOf: '2019-06-30' },
          {
            worker,
            onProgress: () => {
              if (++chunks === 1) throw new Error('the disk is full');
            },
          },
        ),
      ).rejects.toThrow('the disk is full');
    }
    const after = await sql`
      SELECT (SELECT count(*)::int FROM exchange_imports) AS i, (SELECT count(*)::int FROM exchange_rows) AS r,
             (SELECT count(*)::int FROM exchange_row_blocks) AS b,
             (SELECT count(*)::int FROM audit_log WHERE action = 'exchange.import') AS a`.execute(app.db);
    expect(after.rows[0]).toEqual(before.rows[0]);
  }, 120_000);
});
