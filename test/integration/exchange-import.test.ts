import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importList, listMatches, matchesCsv, reviewCandidate } from '../../src/modules/exchange/index.js';
import { registerPerson } from '../../src/modules/registry/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, createTestApp, LINGYUAN, TOWNSHIP_B, type TestApp } from '../support/test-app.js';

let app: TestApp;
const city = actor('cityOfficer', LINGYUAN);
const civil = actor('civilAffairsLiaison', LINGYUAN);
const townB = actor('townshipOfficer', TOWNSHIP_B);
const VILLAGE_A = '211382101200'; // 佐杖子村, 万元店镇
const VILLAGE_B = '211382001001'; // a community of 东城街道

// The registry: persons with known numbers.
const P = {
  wang: { name: '王建国', id: makeIdNumber('211382', '1968-03-05', 123, 'male'), v: VILLAGE_A },
  liu: { name: '刘丽华', id: makeIdNumber('211382', '1975-11-20', 40, 'female'), v: VILLAGE_A },
  wuyun: { name: '乌云·其木格', id: makeIdNumber('211382', '1980-01-02', 62, 'female'), v: VILLAGE_A },
  zhang: { name: '张伟', id: makeIdNumber('211382', '1990-07-15', 11, 'male'), v: VILLAGE_B },
  zhao: { name: '赵淑芬', id: makeIdNumber('211382', '1958-02-28', 88, 'female'), v: VILLAGE_A },
  sun: { name: '孙志刚', id: makeIdNumber('211382', '1985-05-05', 31, 'male'), v: VILLAGE_B },
  li: { name: '李春梅', id: makeIdNumber('211382', '1979-09-09', 20, 'female'), v: VILLAGE_A },
};
const personIds: Record<string, number> = {};
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const to15 = (id18: string) => id18.slice(0, 6) + id18.slice(8, 17);
const stranger = makeIdNumber('130102', '1970-04-04', 55, 'male');

beforeAll(async () => {
  app = await createTestApp();
  for (const [k, p] of Object.entries(P)) {
    const v = await registerPerson(app, actor('system', ''), {
      name: p.name,
      idNumber: p.id,
      residenceDivision: p.v,
    });
    personIds[k] = v.id;
  }
});
afterAll(() => app.destroy());

/** Rows of a damaged 低保 list: [姓名, 公民身份号码, 性别, 出生日期, 乡镇（街道）] and the status each must get. */
const damaged: [string[], string][] = [
  [['王建国', P.wang.id, '男', '', '万元店镇'], 'matched'], // row 2: clean
  [['劉麗華', fullWidth(P.liu.id), '女', '', ''], 'matched'], // row 3: traditional name, full-width digits
  [['乌云・其木格', P.wuyun.id.toLowerCase().replace(/^(.{6})/, '$1 '), '', '', ''], 'matched'], // row 4: katakana dot, space
  [['赵淑芬', to15(P.zhao.id), '女', '', ''], 'matched'], // row 5: old 15-digit number
  [['张伟', '', '男', '1990-07-15', '东城街道'], 'candidate'], // row 6: number missing
  [
    ['孙志钢', P.sun.id.slice(0, 16) + (P.sun.id[16] === '9' ? '0' : '9') + P.sun.id[17], '', '', ''],
    'candidate',
  ], // row 7: typo in number and name
  [['李小红', P.li.id, '女', '', ''], 'candidate'], // row 8: valid number, a completely different name: not certain
  [['周大勇', stranger, '男', '', ''], 'unmatched'], // row 9: not in the registry
  [['', '12345', '', '', ''], 'invalid'], // row 10: nothing usable
  [['吴某', '2113821980010X', '', '', ''], 'invalid'], // row 11: broken number, nobody by that name
];
const header = ['姓名', '公民身份号码', '性别', '出生日期', '乡镇（街道）'];

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('低保');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const csvOf = (rows: string[][]) =>
  [header, ...rows]
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\r\n') + '\r\n';

describe('importing a department list', () => {
  it('decides each row of an .xlsx list honestly, and writes 行号,匹配状态,公民身份号码', async () => {
    const s = await importList(app, civil, {
      kind: 'low-income',
      fileName: '低保2019-06.xlsx',
      content: await xlsxOf(damaged.map(([r]) => r)),
      asOf: '2019-06-30',
    });
    expect(s).toMatchObject({
      list: 'low-income',
      rows: 10,
      matched: 4,
      candidates: 3,
      unmatched: 1,
      invalid: 2,
    });
    const lines = await listMatches(app, actor('system', ''), s.import, { full: true });
    expect(lines.map((l) => [l.rowNumber, l.status])).toEqual(damaged.map(([, st], i) => [i + 2, st]));
    const csv = matchesCsv(lines).split('\n');
    expect(csv[0]).toBe('行号,匹配状态,公民身份号码');
    expect(csv[1]).toBe(`2,matched,${P.wang.id}`);
    expect(csv[3]).toBe(`4,matched,${P.wuyun.id}`);
    expect(csv[4]).toBe(`5,matched,${P.zhao.id}`);
    expect(csv[5]).toBe('6,candidate,');
    expect(csv[7]).toBe('8,candidate,');
    expect(csv[8]).toBe('9,unmatched,');
    expect(csv.length).toBe(12); // header, 10 rows, the final newline
    // Kept with its checksum, who and when; ID numbers only encrypted.
    const imp = (
      await sql<{ file_sha256: string; loaded_by_username: string }>`
      SELECT file_sha256, loaded_by_username FROM exchange_imports WHERE id = ${s.import}`.execute(app.db)
    ).rows[0]!;
    expect(imp.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(imp.loaded_by_username).toBe('test-civilAffairsLiaison');
    const dump = JSON.stringify((await sql`SELECT * FROM exchange_rows`.execute(app.db)).rows);
    expect(dump).not.toContain(P.wang.id);
    expect(dump).not.toContain(P.wang.id.slice(6, 14) + P.wang.id.slice(14));
  });

  it('reads a GB18030 CSV with the same answers, and masks numbers unless asked', async () => {
    const text = csvOf(damaged.map(([r]) => r));
    const gbk = Buffer.from(new TextEncoder().encode(text)); // UTF-8 first …
    const s1 = await importList(app, city, {
      kind: 'disabled',
      fileName: 'a.csv',
      content: gbk,
      asOf: '2019-06-30',
    });
    expect([s1.matched, s1.candidates, s1.unmatched, s1.invalid]).toEqual([4, 3, 1, 2]);
    // … then GB18030 bytes, as Excel saves CSV on a Chinese Windows.
    const gbBytes = encodeGb18030(text.replace('・', '·'));
    const s2 = await importList(app, city, {
      kind: 'disabled',
      fileName: 'b.csv',
      content: gbBytes,
      asOf: '2019-06-30',
    });
    expect([s2.matched, s2.candidates, s2.unmatched, s2.invalid]).toEqual([4, 3, 1, 2]);
    const masked = await listMatches(app, city, s2.import, { full: false });
    expect(masked[0]!.identity).toBe(P.wang.id.slice(0, 6) + '********' + P.wang.id.slice(-4));
  });

  it('refuses a list without its required columns, and a role that may not import', async () => {
    await expect(
      importList(app, city, {
        kind: 'insured',
        fileName: 'x.csv',
        content: Buffer.from('姓名,电话\n王建国,1\n'),
        asOf: '2019-06-30',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', path: 'file' });
    await expect(
      importList(app, townB, {
        kind: 'insured',
        fileName: 'x.csv',
        content: Buffer.from(csvOf([])),
        asOf: '2019-06-30',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('reviewing candidates', () => {
  it('confirms one, dismisses another; the dismissed pair never comes back and the confirmed one matches next time', async () => {
    const content = Buffer.from(csvOf(damaged.map(([r]) => r)));
    const first = await importList(app, civil, {
      kind: 'extreme-poverty',
      fileName: 'm1.csv',
      content,
      asOf: '2019-06-30',
    });
    // Row 6 (张伟, no number) is 张伟 of 东城街道: a township officer of 东城街道 confirms it.
    const r6 = await reviewCandidate(app, townB, first.import, 6, {
      subjectId: personIds.zhang!,
      decision: 'confirm',
    });
    expect(r6).toMatchObject({ status: 'matched', subjectId: personIds.zhang });
    // Row 8 (李小红 with 李春梅's number) is not 李春梅: dismissed by the city (李春梅 lives in 万元店镇,
    // outside 东城街道: that officer may not touch it).
    await expect(
      reviewCandidate(app, townB, first.import, 8, { subjectId: personIds.li!, decision: 'dismiss' }),
    ).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
    const r8 = await reviewCandidate(app, city, first.import, 8, {
      subjectId: personIds.li!,
      decision: 'dismiss',
    });
    expect(r8).toMatchObject({ status: 'unmatched', openCandidates: 0 });
    await expect(
      reviewCandidate(app, city, first.import, 8, { subjectId: personIds.li!, decision: 'confirm' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const after = await listMatches(app, actor('system', ''), first.import, { full: true });
    expect(matchesCsv(after).split('\n')[5]).toBe(`6,matched,${P.zhang.id}`);
    expect(after.find((l) => l.rowNumber === 8)!.status).toBe('unmatched');

    // Next month's list, the same rows.
    const second = await importList(app, civil, {
      kind: 'extreme-poverty',
      fileName: 'm2.csv',
      content,
      asOf: '2019-07-31',
    });
    const lines = await listMatches(app, actor('system', ''), second.import, { full: true });
    expect(lines.find((l) => l.rowNumber === 6)).toMatchObject({ status: 'matched', identity: P.zhang.id });
    expect(lines.find((l) => l.rowNumber === 8)!.status).toBe('unmatched');
    const proposed = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM exchange_candidates
       WHERE import_id = ${second.import} AND subject_id = ${personIds.li!}`.execute(app.db);
    expect(proposed.rows[0]!.n).toBe(0);
    const audit = await sql<{ action: string }>`
      SELECT action FROM audit_log WHERE action LIKE 'exchange.%' ORDER BY seq`.execute(app.db);
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['exchange.import', 'exchange.candidate.confirm', 'exchange.candidate.dismiss']),
    );
  });
});

/** GB18030 bytes of a string (Node has a decoder, no encoder): the characters used here, by a round trip table. */
function encodeGb18030(text: string): Buffer {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...b);
    }
  }
  return Buffer.from(out);
}
