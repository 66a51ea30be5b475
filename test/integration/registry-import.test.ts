import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importPersons,
  listFacts,
  searchPersons,
  type ImportPersonsResult,
} from '../../src/modules/registry/index.js';
import { convert15To18, makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, createTestApp, LINGYUAN, TOWNSHIP_A, type TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.destroy());

const VILLAGE_A = '211382101200'; // 佐杖子村, 万元店镇
const VILLAGE_A2 = '211382101201'; // 康杖子村, 万元店镇
const city = actor('cityOfficer', LINGYUAN, { accountId: 42 });
const AS_OF = '2024-06-30';
const HEADERS = [
  '姓名',
  '公民身份号码',
  '常住地行政区划代码',
  '联系电话',
  '户籍地行政区划代码',
  '文化程度',
  '毕业离校日期',
  '是否残疾',
];

const count = async (table: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(app.db)).rows[0]!.n;
const problems = (r: ImportPersonsResult) => r.problems.map((p) => [p.row, p.code]);
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const ID1 = makeIdNumber('211382', '1998-03-04', 12, 'female');
const ID2_OLD = '211382' + '750812' + '031'; // an old 15-digit number, male
const ID3 = makeIdNumber('211382', '2001-11-30', 40, 'male');
const ID4 = makeIdNumber('211382', '1969-01-21', 2, 'female'); // ends in X
const ID5 = makeIdNumber('211382', '1985-05-05', 50, 'male');
const ID6 = makeIdNumber('211382', '1990-09-09', 60, 'female');

/** An .xlsx as the bureau's spreadsheets come: an Excel date, an ID typed as a number, a blank row … */
async function legacyWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow([...HEADERS, '备注']); // row 1
  ws.addRow([
    '王秀英',
    ID1,
    VILLAGE_A,
    '13804216666',
    '211382101',
    '本科',
    new Date(Date.UTC(2019, 6, 1)),
    '否',
    '',
  ]); // 2
  ws.addRow(['李 建国', ID2_OLD, Number(VILLAGE_A2), '', '', '初中', '', '是', '老号码']); // 3
  ws.addRow(['张伟', fullWidth(ID3), VILLAGE_A, '0421-6812345', '', '大专', '2023年7月1日', '', '']); // 4
  ws.addRow(['刘芳', Number(ID5), VILLAGE_A, '', '', '', '', '', '']); // 5: the number lost its digits
  ws.addRow([]); // 6: blank, skipped
  ws.addRow(['陈静', ID4.toLowerCase(), '211382999999', '', '', '', '', '', '']); // 7: no such village
  ws.addRow(['王秀英', ID1, VILLAGE_A, '', '', '', '', '', '重复']); // 8: the same person again
  ws.addRow(['赵敏', ID4.toLowerCase(), VILLAGE_A2, '', '', '研究生', '2019/7/1', '否', '']); // 9: education unknown
  ws.addRow(['孙丽', ID6, VILLAGE_A2, '', '', '高中', '2008/7/1', '有', '']); // 10: 是/否 wrong
  ws.getCell('B5').numFmt = '0';
  ws.getCell('G2').numFmt = 'yyyy-mm-dd';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('importing the registry from an .xlsx', () => {
  let xlsx: Buffer;
  let first: ImportPersonsResult;
  beforeAll(async () => {
    xlsx = await legacyWorkbook();
    first = await importPersons(app, city, { bytes: xlsx, asOf: AS_OF, batchSize: 2 });
  });

  it('keeps the good rows and reports the others by their spreadsheet row number and reason', () => {
    expect(first).toMatchObject({
      format: 'xlsx',
      rows: 8,
      imported: 3,
      unchanged: 0,
      conflicts: 0,
      rejected: 5,
      upgraded15: 1,
      ignoredColumns: ['备注'],
    });
    expect(problems(first)).toEqual([
      [5, 'ID_NUMBER_AS_NUMBER'],
      [7, 'DIVISION_UNKNOWN'],
      [8, 'DUPLICATE_IN_FILE'],
      [9, 'EDUCATION_UNKNOWN'],
      [10, 'DISABLED_INVALID'],
    ]);
    expect(first.problems.find((p) => p.row === 8)?.messageZh).toContain('第 2 行');
  });

  it('registers the persons with birth date and sex from the ID number, and their dated facts from the file', async () => {
    const [wang] = await searchPersons(app, city, { idNumber: ID1 });
    expect(wang).toMatchObject({ name: '王秀英', sex: 'female', birthYear: 1998, phone: '138****6666' });
    const facts = await listFacts(app, city, { type: 'person', id: wang!.id }, { asOf: AS_OF });
    expect(facts.map((f) => [f.name, f.value, f.validFrom, f.source.ref])).toEqual([
      ['disabled', false, AS_OF, `registry-import:sha256:${first.sha256}`],
      ['education', 'bachelor', AS_OF, `registry-import:sha256:${first.sha256}`],
      ['leftSchoolOn', '2019-07-01', AS_OF, `registry-import:sha256:${first.sha256}`],
    ]);
    expect(await listFacts(app, city, { type: 'person', id: wang!.id }, { asOf: '2024-06-29' })).toEqual([]);

    const [li] = await searchPersons(app, city, { idNumber: convert15To18(ID2_OLD) });
    expect(li).toMatchObject({ name: '李建国', sex: 'male', birthYear: 1975 });
    const [zhang] = await searchPersons(app, city, { idNumber: ID3 });
    expect(zhang).toMatchObject({ name: '张伟', phone: '042*****2345' });
    expect(await searchPersons(app, city, { idNumber: ID4 })).toEqual([]);
  });

  it('audits the import once, by checksum and counts, with nothing personal', async () => {
    const rows = (
      await sql<{ action: string; actor_role: string; details: Record<string, unknown> }>`
        SELECT action, actor_role, details FROM audit_log WHERE action = 'registry.import'`.execute(app.db)
    ).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_role: 'cityOfficer',
      details: { sha256: first.sha256, rows: 8, imported: 3, rejected: 5, unchanged: 0, conflicts: 0 },
    });
    const text = JSON.stringify(rows[0]!.details);
    for (const secret of [ID1, ID3, '王秀英', '13804216666']) expect(text).not.toContain(secret);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = { persons: await count('persons'), facts: await count('facts') };
    const again = await importPersons(app, city, { bytes: xlsx, asOf: '2024-07-15' });
    expect(again).toMatchObject({ rows: 8, imported: 0, unchanged: 3, conflicts: 0, rejected: 5 });
    expect(problems(again)).toEqual(problems(first));
    expect({ persons: await count('persons'), facts: await count('facts') }).toEqual(before);
  });

  it('reports a row that differs from the registry as a conflict and leaves the person as is', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(HEADERS);
    ws.addRow(['王秀英', ID1, VILLAGE_A2, '13900000000', '', '本科', '', '']); // moved, new phone
    ws.addRow(['张伟', ID3, VILLAGE_A, '', '', '', '', '']); // the same (blank cells say nothing)
    const r = await importPersons(app, city, {
      bytes: Buffer.from(await wb.xlsx.writeBuffer()),
      asOf: AS_OF,
    });
    expect(r).toMatchObject({ rows: 2, imported: 0, unchanged: 1, conflicts: 1, rejected: 0 });
    expect(r.problems).toEqual([
      expect.objectContaining({
        row: 2,
        code: 'REGISTRY_DIFFERS',
        messageZh: expect.stringContaining('常住地行政区划代码、联系电话'),
      }),
    ]);
    expect(r.problems[0]!.messageZh).not.toContain('13900000000');
    const [wang] = await searchPersons(app, city, { idNumber: ID1 });
    expect(wang).toMatchObject({ residenceDivision: { code: VILLAGE_A }, phone: '138****6666' });
  });
});

/**
 * GB18030 bytes for a text: Node can decode GB18030 but not encode it, so the table is built by
 * decoding every two-byte code once (the GBK part, which holds every character used here).
 */
function gb18030(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [a, b]);
    }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

describe('importing a CSV saved by Excel on Chinese Windows (GB18030)', () => {
  it('builds GB18030 bytes that match the published GBK codes', () => {
    // 中 = D6D0, 文 = CEC4 (GB 2312 / GBK code tables).
    expect(gb18030('中文').toString('hex')).toBe('d6d0cec4');
  });

  it('detects the encoding, reads the Chinese names and headers, and rejects by row number', async () => {
    const idA = makeIdNumber('211382', '1979-12-01', 70, 'male');
    const idB = makeIdNumber('211382', '1993-02-14', 80, 'female');
    const csv = [
      '姓名,公民身份号码,常住地行政区划代码,文化程度,毕业离校日期,是否残疾',
      `欧阳修远,${idA},${VILLAGE_A},中职,1997/7/1,否`,
      `阿依古丽·买买提,${idB},${VILLAGE_A2},硕士研究生,2018年7月1日,是`,
      `钱多多,${idB.slice(0, 17)}0,${VILLAGE_A2},,,`,
      `"孙 悟空",,${VILLAGE_A},,,`,
    ].join('\r\n');
    const bytes = gb18030(csv);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const r = await importPersons(app, city, { bytes, asOf: AS_OF });
    expect(r).toMatchObject({ format: 'csv', encoding: 'gb18030', rows: 4, imported: 2, rejected: 2 });
    expect(problems(r)).toEqual([
      [4, idB.endsWith('0') ? 'DUPLICATE_IN_FILE' : 'ID_NUMBER_INVALID'],
      [5, 'ID_NUMBER_MISSING'],
    ]);
    const [a] = await searchPersons(app, city, { idNumber: idA });
    expect(a?.name).toBe('欧阳修远');
    const [b] = await searchPersons(app, city, { idNumber: idB });
    expect(b?.name).toBe('阿依古丽·买买提');
    const facts = await listFacts(app, city, { type: 'person', id: b!.id }, { asOf: AS_OF });
    expect(Object.fromEntries(facts.map((f) => [f.name, f.value]))).toEqual({
      education: 'master',
      leftSchoolOn: '2018-07-01',
      disabled: true,
    });

    const again = await importPersons(app, city, { bytes, asOf: AS_OF });
    expect(again).toMatchObject({ imported: 0, unchanged: 2, rejected: 2 });
  });

  it('reads UTF-8 with a byte-order mark too', async () => {
    const id = makeIdNumber('211382', '1988-08-08', 90, 'male');
    const csv = `\ufeff姓名,公民身份号码,常住地行政区划代码\n周杰,${id},${VILLAGE_A}\n`;
    const r = await importPersons(app, city, { bytes: Buffer.from(csv, 'utf8'), asOf: AS_OF });
    expect(r).toMatchObject({ encoding: 'utf-8', rows: 1, imported: 1 });
  });
});

describe('what an import refuses', () => {
  it('imports nothing when a required header is missing, and says which', async () => {
    const before = await count('persons');
    const csv = `姓名,身份证号,常住地行政区划代码\n吴刚,${makeIdNumber('211382', '1970-01-01', 100, 'male')},${VILLAGE_A}\n`;
    await expect(importPersons(app, city, { bytes: Buffer.from(csv), asOf: AS_OF })).rejects.toMatchObject({
      code: 'IMPORT_HEADER_MISSING',
      messageZh: expect.stringContaining('缺少：公民身份号码'),
    });
    expect(await count('persons')).toBe(before);
  });

  it('is for the city officer (and the command line), not a township', async () => {
    const csv = `姓名,公民身份号码,常住地行政区划代码\n`;
    await expect(
      importPersons(app, actor('townshipOfficer', TOWNSHIP_A), { bytes: Buffer.from(csv), asOf: AS_OF }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses an old binary .xls with a clear message', async () => {
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    await expect(importPersons(app, city, { bytes: xls, asOf: AS_OF })).rejects.toMatchObject({
      code: 'IMPORT_FILE_UNREADABLE',
    });
  });
});

describe('jiuye registry import', () => {
  it('prints the summary, the rejected rows, the JSON summary last, writes every problem to --rejects, exits 1', async () => {
    const run = promisify(execFile);
    const other = await createTestApp();
    const env = {
      ...process.env,
      JIUYE_DATA: other.dataDir,
      JIUYE_DATA_KEY: other.dataKey,
      DATABASE_URL: '',
    };
    if (other.database.kind === 'postgres') env.DATABASE_URL = other.config.databaseUrl ?? '';
    else await other.close();
    const id = makeIdNumber('211382', '1991-01-01', 110, 'female');
    const file = path.join(other.dataDir, '花名册.csv');
    const rejects = path.join(other.dataDir, 'rejects.csv');
    fs.writeFileSync(
      file,
      `姓名,公民身份号码,常住地行政区划代码\n冯雪,${id},${VILLAGE_A}\n冯雪,${id},${VILLAGE_A}\n`,
    );
    try {
      const args = ['bin/jiuye.mjs', 'registry', 'import', '--file', file, '--as-of', AS_OF, '--json'];
      const first = await run(process.execPath, [...args, '--rejects', rejects], { env }).then(
        () => ({ code: 0, stdout: '' }),
        (e: { code: number; stdout: string }) => e,
      );
      expect(first.code).toBe(1);
      expect(first.stdout).toContain('新登记 1 人');
      expect(first.stdout).toContain('第 3 行  DUPLICATE_IN_FILE');
      const last = JSON.parse(first.stdout.trim().split('\n').at(-1)!);
      expect(last).toMatchObject({
        file,
        format: 'csv',
        rows: 2,
        imported: 1,
        unchanged: 0,
        conflicts: 0,
        rejected: 1,
      });
      expect(fs.readFileSync(rejects, 'utf8')).toContain('3,DUPLICATE_IN_FILE,');

      fs.writeFileSync(file, `姓名,公民身份号码,常住地行政区划代码\n冯雪,${id},${VILLAGE_A}\n`);
      const again = await run(process.execPath, args, { env });
      expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({
        imported: 0,
        unchanged: 1,
      });

      fs.writeFileSync(file, `姓名,身份证号\n`);
      const bad = await run(process.execPath, args, { env }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('IMPORT_HEADER_MISSING');
    } finally {
      await other.destroy();
    }
  });
});
