import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_KINDS, type ListKind } from '../../src/modules/exchange/index.js';
import { registerEnterprise, registerPerson } from '../../src/modules/registry/index.js';
import { makeIdNumber, makeUscc } from '../../src/shared/identity/index.js';
import { encodeGb18030 } from '../../src/shared/text/gb18030.js';
import {
  actor,
  createTestApp,
  LINGYUAN,
  testServer,
  TOWNSHIP_A,
  TOWNSHIP_B,
  type TestApp,
} from '../support/test-app.js';
import { errorOf, signIn, type HttpClient } from '../support/http-client.js';

/**
 * Issue 6, "done when": every list kind imports from .xlsx and from CSV (UTF-8, and GB18030), through
 * the HTTP route, on both databases; the rows' statuses, the review route, and bad input.
 */
let app: TestApp;
let server: FastifyInstance;
const AS_OF = '2019-06-30';
const VILLAGE_A = '211382101200'; // 佐杖子村, 万元店镇
const VILLAGE_B = '211382001001'; // a community of 东城街道

const P = {
  wang: { name: '王建国', id: makeIdNumber('211382', '1968-03-05', 123, 'male'), v: VILLAGE_A },
  zhang: { name: '张伟', id: makeIdNumber('211382', '1990-07-15', 11, 'male'), v: VILLAGE_B },
  li: { name: '李春梅', id: makeIdNumber('211382', '1979-09-09', 20, 'female'), v: VILLAGE_A },
};
const E = {
  hx: { name: '凌源市华兴建材有限公司', uscc: makeUscc('211382', 8101), d: TOWNSHIP_A },
  tf: { name: '凌源市天丰农业合作社', uscc: makeUscc('211382', 8102), d: TOWNSHIP_B },
};
const pid: Record<string, number> = {};
const eid: Record<string, number> = {};
const stranger = makeIdNumber('130102', '1970-04-04', 55, 'male');

let city: HttpClient;
let townB: HttpClient;

beforeAll(async () => {
  app = await createTestApp();
  server = await testServer(app);
  const sys = actor('system', '');
  for (const [k, p] of Object.entries(P))
    pid[k] = (await registerPerson(app, sys, { name: p.name, idNumber: p.id, residenceDivision: p.v })).id;
  for (const [k, e] of Object.entries(E))
    eid[k] = (await registerEnterprise(app, sys, { name: e.name, uscc: e.uscc, division: e.d })).id;
  city = await signIn(app, server, { username: 'city', role: 'cityOfficer', division: LINGYUAN });
  townB = await signIn(app, server, { username: 'townb', role: 'townshipOfficer', division: TOWNSHIP_B });
});
afterAll(async () => {
  await server.close();
  await app.destroy();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsxOf(header: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const csvText = (header: string[], rows: string[][]) =>
  [header, ...rows]
    .map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\r\n') + '\r\n';

const importFile = (s: HttpClient, query: string, body: Buffer | string, type = 'application/octet-stream') =>
  s.post(`/exchange/imports?${query}`, body, type);
async function matchesOf(s: HttpClient, id: number) {
  const r = await s.get(`/exchange/imports/${id}/matches`);
  expect(r.statusCode).toBe(200);
  return r.json() as { rowNumber: number; status: string; subjectId: number | null; identity: string }[];
}
const review = (s: HttpClient, id: number, row: number, body: unknown) =>
  s.post(`/exchange/imports/${id}/rows/${row}/review`, body);

const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

/** Each person list's own header (the aliases departments use), and the columns it adds. */
const PERSON_HEADERS: Record<Exclude<ListKind, 'enterprise-register'>, string[]> = {
  'low-income': ['姓名', '身份证号码', '性别', '出生日期', '乡镇（街道）', '保障人口'],
  'extreme-poverty': ['姓名', '公民身份号码', '性别', '出生年月日', '乡镇', '供养方式'],
  'registered-poor': ['姓名', '证件号码', '性别', '出生日期', '所属乡镇（街道）', '脱贫年度'],
  disabled: ['姓名', '身份证号', '性别', '出生日期', '乡镇街道', '残疾类别'],
  insured: ['姓名', '公民身份号码', '出生日期', '乡镇（街道）', '参保单位'],
  deceased: ['姓名', '身份号码', '性别', '出生日期', '街道', '死亡日期'],
};

/** Four rows, one of each status: clean (matched), number missing (candidate), not ours (unmatched), junk (invalid). */
function personRows(header: string[]): string[][] {
  const cell = (h: string, v: { name: string; id: string; sex: string; birth: string; town: string }) => {
    if (h === '姓名') return v.name;
    if (h.includes('号')) return v.id;
    if (h === '性别') return v.sex;
    if (h.startsWith('出生')) return v.birth;
    if (/乡镇|街道/.test(h)) return v.town;
    return '其他';
  };
  const rows = [
    { name: '王建国', id: P.wang.id, sex: '男', birth: '', town: '万元店镇' },
    { name: '张伟', id: '', sex: '男', birth: '1990-07-15', town: '东城街道' },
    { name: '周大勇', id: stranger, sex: '男', birth: '', town: '' },
    { name: '', id: '12345', sex: '', birth: '', town: '' },
  ];
  return rows.map((v) => header.map((h) => cell(h, v)));
}

const ENTERPRISE_HEADER = ['企业名称', '统一社会信用代码', '法定代表人'];
const enterpriseRows = [
  [E.hx.name, E.hx.uscc, '甲'], // matched
  [E.tf.name, '', '乙'], // candidate: no code, the same name
  ['凌源市不存在商贸有限公司', makeUscc('211382', 9999), '丙'], // unmatched
  ['', 'NOT-A-CODE', ''], // invalid
];

const EXPECTED = [
  { rowNumber: 2, status: 'matched' },
  { rowNumber: 3, status: 'candidate' },
  { rowNumber: 4, status: 'unmatched' },
  { rowNumber: 5, status: 'invalid' },
];

describe('every list kind imports from .xlsx and from CSV over HTTP', () => {
  const kinds = Object.keys(LIST_KINDS) as ListKind[];
  it.each(kinds.flatMap((k) => (['xlsx', 'csv'] as const).map((f) => [k, f] as const)))(
    '%s from %s',
    async (kind, format) => {
      const person = kind !== 'enterprise-register';
      const header = person ? PERSON_HEADERS[kind] : ENTERPRISE_HEADER;
      const rows = person ? personRows(header) : enterpriseRows;
      // CSV: the 低保, 残疾人 and 市场主体 lists as Excel on Chinese Windows saves them (GB18030), the others UTF-8.
      const gb = ['low-income', 'disabled', 'enterprise-register'].includes(kind);
      const body =
        format === 'xlsx'
          ? await xlsxOf(header, rows)
          : gb
            ? encodeGb18030(csvText(header, rows))
            : Buffer.from('\ufeff' + csvText(header, rows), 'utf8');
      const r = await importFile(
        city,
        `list=${kind}&asOf=${AS_OF}&fileName=${encodeURIComponent(`${LIST_KINDS[kind].zh}.${format}`)}`,
        body,
        format === 'xlsx' ? XLSX : 'text/csv',
      );
      expect(r.statusCode, r.body).toBe(201);
      const s = r.json();
      expect(s).toMatchObject({ list: kind, rows: 4, matched: 1, candidates: 1, unmatched: 1, invalid: 1 });
      const lines = await matchesOf(city, s.import);
      expect(lines.map(({ rowNumber, status }) => ({ rowNumber, status }))).toEqual(EXPECTED);
      expect(lines[0]).toMatchObject({
        subjectId: person ? pid.wang : eid.hx,
        identity: person ? masked(P.wang.id) : E.hx.uscc,
      });
      for (const l of lines.slice(1)) expect(l).toMatchObject({ subjectId: null, identity: '' });
      const imp = await city.get(`/exchange/imports/${s.import}`);
      expect(imp.json()).toMatchObject({ list: kind, asOf: AS_OF, loadedBy: 'city', rows: 4 });
      expect(imp.json().fileSha256).toMatch(/^[0-9a-f]{64}$/);
    },
  );
});

describe('reviewing candidates over HTTP', () => {
  const header = ['姓名', '公民身份号码', '性别', '出生日期', '乡镇（街道）'];
  const rows = [
    ['张伟', '', '男', '1990-07-15', '东城街道'], // row 2: candidate 张伟 (township B)
    ['李春梅', '', '女', '1979-09-09', '万元店镇'], // row 3: candidate 李春梅 (township A)
  ];
  let first: number;

  it('confirms and dismisses; a reviewer of another township gets 404; the decisions hold on re-import', async () => {
    const r = await importFile(city, `list=low-income&asOf=${AS_OF}`, await xlsxOf(header, rows), XLSX);
    expect(r.statusCode, r.body).toBe(201);
    first = r.json().import;
    expect(r.json()).toMatchObject({ rows: 2, candidates: 2 });

    // 李春梅 lives in township A: township B's officer cannot see her, so the candidate is "not found".
    const outside = await review(townB, first, 3, { subjectId: pid.li, decision: 'dismiss' });
    expect(outside.statusCode).toBe(404);
    // Nor a person who is not a candidate of the row.
    const notCandidate = await review(city, first, 3, { subjectId: pid.wang, decision: 'confirm' });
    expect(notCandidate.statusCode).toBe(404);

    const confirmed = await review(townB, first, 2, { subjectId: pid.zhang, decision: 'confirm' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ rowNumber: 2, status: 'matched', subjectId: pid.zhang });
    const dismissed = await review(city, first, 3, {
      subjectId: pid.li,
      decision: 'dismiss',
      note: '非同一人',
    });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json()).toMatchObject({ rowNumber: 3, status: 'unmatched', openCandidates: 0 });
    const again = await review(city, first, 3, { subjectId: pid.li, decision: 'confirm' });
    expect(again.statusCode).toBe(400);

    expect(
      (await matchesOf(city, first)).map(({ rowNumber, status, subjectId }) => ({
        rowNumber,
        status,
        subjectId,
      })),
    ).toEqual([
      { rowNumber: 2, status: 'matched', subjectId: pid.zhang },
      { rowNumber: 3, status: 'unmatched', subjectId: null },
    ]);

    // Next month's list, the same two rows (as CSV this time): the confirmed pair matches by itself,
    // the dismissed pair is not proposed again.
    const next = await importFile(city, `list=low-income&asOf=2019-07-31`, csvText(header, rows), 'text/csv');
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json()).toMatchObject({ rows: 2, matched: 1, candidates: 0, unmatched: 1 });
    const lines = await matchesOf(city, next.json().import);
    expect(lines.map(({ rowNumber, status, subjectId }) => ({ rowNumber, status, subjectId }))).toEqual([
      { rowNumber: 2, status: 'matched', subjectId: pid.zhang },
      { rowNumber: 3, status: 'unmatched', subjectId: null },
    ]);
    expect(lines[0]!.identity).toBe(masked(P.zhang.id));

    const audits = await sql<{ action: string }>`
      SELECT action FROM audit_log WHERE action LIKE 'exchange.candidate.%' ORDER BY seq`.execute(app.db);
    expect(audits.rows.map((a) => a.action)).toEqual([
      'exchange.candidate.confirm',
      'exchange.candidate.dismiss',
    ]);
  });
});

describe('bad input is refused whole, with nothing written', () => {
  async function counts() {
    const r = await sql<{ imports: number; rows: number; audits: number }>`
      SELECT (SELECT count(*)::int FROM exchange_imports) AS imports,
             (SELECT count(*)::int FROM exchange_rows) AS rows,
             (SELECT count(*)::int FROM audit_log WHERE action = 'exchange.import') AS audits`.execute(
      app.db,
    );
    return r.rows[0]!;
  }
  const good = () => xlsxOf(PERSON_HEADERS['low-income'], personRows(PERSON_HEADERS['low-income']));

  it('a header without 公民身份号码 (or 统一社会信用代码) → 400 on the file', async () => {
    const before = await counts();
    const noId = await importFile(
      city,
      `list=low-income&asOf=${AS_OF}`,
      await xlsxOf(['姓名', '性别'], [['王建国', '男']]),
      XLSX,
    );
    expect(noId.statusCode).toBe(400);
    expect(errorOf(noId)).toMatchObject({ code: 'VALIDATION_FAILED', path: 'file' });
    expect(errorOf(noId).message).toContain('公民身份号码');
    const noCode = await importFile(
      city,
      `list=enterprise-register&asOf=${AS_OF}`,
      encodeGb18030(csvText(['企业名称', '法定代表人'], [[E.hx.name, '甲']])),
      'text/csv',
    );
    expect(noCode.statusCode).toBe(400);
    expect(errorOf(noCode)).toMatchObject({ code: 'VALIDATION_FAILED', path: 'file' });
    expect(errorOf(noCode).message).toContain('统一社会信用代码');
    expect(await counts()).toEqual(before);
  });

  it('a bad as-of date, an empty body, a wrong list kind, a file that is not a list → 400', async () => {
    const before = await counts();
    const notADay = await importFile(city, 'list=low-income&asOf=2019-02-30', await good(), XLSX);
    expect(notADay.statusCode).toBe(400);
    expect(errorOf(notADay)).toMatchObject({ code: 'INVALID_DATE', path: 'asOf' });
    const notADate = await importFile(city, 'list=low-income&asOf=yesterday', await good(), XLSX);
    expect(notADate.statusCode).toBe(400);
    const noAsOf = await importFile(city, 'list=low-income', await good(), XLSX);
    expect(noAsOf.statusCode).toBe(400);
    const empty = await importFile(city, `list=low-income&asOf=${AS_OF}`, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty)).toMatchObject({ code: 'VALIDATION_FAILED', path: 'file' });
    const wrongKind = await importFile(city, `list=poor&asOf=${AS_OF}`, await good(), XLSX);
    expect(wrongKind.statusCode).toBe(400);
    expect(errorOf(wrongKind).code).toBe('VALIDATION_FAILED');
    const xls = await importFile(
      city,
      `list=low-income&asOf=${AS_OF}`,
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
    );
    expect(xls.statusCode).toBe(400);
    expect(errorOf(xls)).toMatchObject({ code: 'VALIDATION_FAILED', path: 'file' });
    const brokenZip = await importFile(
      city,
      `list=low-income&asOf=${AS_OF}`,
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]),
      XLSX,
    );
    expect(brokenZip.statusCode).toBe(400);
    expect(errorOf(brokenZip)).toMatchObject({ code: 'VALIDATION_FAILED', path: 'file' });
    expect(await counts()).toEqual(before);
  });

  it('a role without exchange.import → 403, and nothing written', async () => {
    const before = await counts();
    const r = await importFile(townB, `list=low-income&asOf=${AS_OF}`, await good(), XLSX);
    expect(r.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });
});
