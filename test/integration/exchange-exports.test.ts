import crypto from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, systemActor } from '../../src/modules/access/index.js';
import { exportList, type ExportFile } from '../../src/modules/exchange/index.js';
import { registerPerson, setFact } from '../../src/modules/registry/index.js';
import { createReferral, endUnemployment, registerUnemployment } from '../../src/modules/services/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import {
  actor,
  createTestApp,
  LINGYUAN,
  testServer,
  TOWNSHIP_A,
  TOWNSHIP_B,
  type TestApp,
} from '../support/test-app.js';
import { errorOf, signIn } from '../support/http-client.js';

let app: TestApp;
let server: FastifyInstance;
const DAY = '2019-06-30';
const townA = actor('townshipOfficer', TOWNSHIP_A);
const city = actor('cityOfficer', LINGYUAN);
const VILLAGE_A = '211382101200'; // 佐杖子村, 万元店镇
const VILLAGE_B = '211382001001'; // a community of 东城街道
const PASSWORD = 'correct-horse-42';

const P = {
  wang: {
    name: '王建国',
    id: makeIdNumber('211382', '1965-03-05', 123, 'male'),
    v: VILLAGE_A,
    phone: '13800001111',
  },
  liu: {
    name: '刘丽华',
    id: makeIdNumber('211382', '1990-11-20', 40, 'female'),
    v: VILLAGE_A,
    phone: '13900002222',
  },
  zhang: {
    name: '张伟',
    id: makeIdNumber('211382', '1980-07-15', 11, 'male'),
    v: VILLAGE_B,
    phone: '13700003333',
  },
};
const ids: Record<keyof typeof P, number> = { wang: 0, liu: 0, zhang: 0 };

beforeAll(async () => {
  app = await createTestApp();
  app.today = () => DAY;
  server = await testServer(app);
  const sys = actor('system', '');
  for (const k of Object.keys(P) as (keyof typeof P)[]) {
    const p = P[k];
    ids[k] = (
      await registerPerson(app, sys, { name: p.name, idNumber: p.id, residenceDivision: p.v, phone: p.phone })
    ).id;
  }
  const declared = { ableToWork: true, employed: false };
  const townB = actor('townshipOfficer', TOWNSHIP_B);
  await registerUnemployment(app, townA, { personId: ids.wang, date: '2019-03-01', declared });
  const liu = await registerUnemployment(app, townA, { personId: ids.liu, date: '2019-05-01', declared });
  await endUnemployment(app, townA, liu.id, { on: '2019-06-01', reason: 'employed' });
  await registerUnemployment(app, townB, { personId: ids.zhang, date: '2019-02-01', declared });
  for (const [k, actorOf] of [
    ['wang', townA],
    ['zhang', townB],
  ] as const)
    await setFact(
      app,
      actorOf,
      { type: 'person', id: ids[k] },
      {
        name: 'employmentDifficulty',
        value: true,
        validFrom: '2019-04-01',
        source: { kind: 'staff', ref: '就业困难人员认定 第1号' },
      },
    );
  await createReferral(
    app,
    townA,
    { personId: ids.wang, kind: 'minimumLiving', reason: '家庭收入低于低保标准' },
    { today: '2019-06-10' },
  );
  await createReferral(
    app,
    townB,
    { personId: ids.zhang, kind: 'temporaryAssistance', reason: '突发困难' },
    { today: '2019-06-12' },
  );
  for (const [username, role, division] of [
    ['towna', 'townshipOfficer', TOWNSHIP_A],
    ['auditor', 'auditor', LINGYUAN],
  ] as const)
    await createAccount(app.db, systemActor('cli'), {
      username,
      displayName: username,
      password: PASSWORD,
      role,
      division,
    });
});
afterAll(async () => {
  await server.close();
  await app.destroy();
});

async function xlsxRows(f: { content: Buffer }): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(f.content as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(String(row.getCell(c).value ?? ''));
    out.push(cells);
  });
  return out;
}
const csvRows = (f: ExportFile, encoding = 'utf-8') =>
  parse(new TextDecoder(encoding).decode(f.content), { bom: true }) as string[][];
const byHeader = (rows: string[][]) => {
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
};

async function lastExportAudit() {
  const r = await sql<{ actor_username: string; details: Record<string, unknown> }>`
    SELECT actor_username, details FROM audit_log WHERE action = 'exchange.export' ORDER BY at DESC, seq DESC LIMIT 1`.execute(
    app.db,
  );
  const row = r.rows[0]!;
  return { ...row, details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details };
}

describe('exports to other departments', () => {
  it('writes the registered unemployed of the township as .xlsx: a title row, Chinese headers, masked, only its own people', async () => {
    const f = await exportList(app, townA, 'registered-unemployed', { format: 'xlsx' });
    expect(f).toMatchObject({ rows: 1, full: false, asOf: DAY, format: 'xlsx' });
    expect(f.filename).toBe(`registered-unemployed-${TOWNSHIP_A}-${DAY}.xlsx`);
    expect(f.filenameZh).toBe(`登记失业人员名单-${DAY}.xlsx`);
    const rows = await xlsxRows(f);
    expect(rows[0]![0]).toContain('登记失业人员名单');
    expect(rows[0]![0]).toContain(DAY);
    const [row] = byHeader(rows.slice(1));
    expect(Object.keys(row!)).toEqual([
      '序号',
      '姓名',
      '公民身份号码',
      '性别',
      '出生日期',
      '常住地',
      '联系电话',
      '就业创业证编号',
      '失业登记日期',
      '登记地',
      '登记方式',
    ]);
    expect(row).toMatchObject({
      姓名: '王建国',
      公民身份号码: P.wang.id.slice(0, 6) + '********' + P.wang.id.slice(-4),
      性别: '男',
      出生日期: '1965',
      常住地: '万元店镇佐杖子村村民委员会',
      联系电话: '138****1111',
      失业登记日期: '2019-03-01',
      登记方式: '窗口办理',
    });
    // 刘丽华's registration ended on 2019-06-01; 张伟 lives in another township.
    expect(rows.flat().join()).not.toContain('刘丽华');
    expect(rows.flat().join()).not.toContain('张伟');
    const audit = await lastExportAudit();
    expect(audit.details).toMatchObject({
      kind: 'registered-unemployed',
      format: 'xlsx',
      rows: 1,
      full: false,
      asOf: DAY,
      scope: TOWNSHIP_A,
      sha256: crypto.createHash('sha256').update(f.content).digest('hex'),
    });
    expect(JSON.stringify(audit.details)).not.toContain(P.wang.id);
  });

  it('takes an as-of date: on 2019-05-15 刘丽华 was still registered', async () => {
    const f = await exportList(app, townA, 'registered-unemployed', { format: 'csv', asOf: '2019-05-15' });
    expect(byHeader(csvRows(f)).map((r) => r['姓名'])).toEqual(['王建国', '刘丽华']);
  });

  it('writes a plain CSV (UTF-8 with BOM, one header row) and a GB18030 one; the city sees both townships', async () => {
    const f = await exportList(app, city, 'difficulty-identified', { format: 'csv' });
    expect([...f.content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(f);
    expect(rows[0]).toEqual([
      '序号',
      '姓名',
      '公民身份号码',
      '性别',
      '出生日期',
      '常住地',
      '联系电话',
      '认定日期',
      '认定类别（据登记信息）',
      '认定依据',
      '就业创业证编号',
      '失业登记日期',
    ]);
    const data = byHeader(rows);
    expect(data.map((r) => r['姓名']).sort()).toEqual(['张伟', '王建国']);
    expect(data.find((r) => r['姓名'] === '王建国')).toMatchObject({
      认定日期: '2019-04-01',
      '认定类别（据登记信息）': '男性满50周岁',
      认定依据: '就业困难人员认定 第1号',
      失业登记日期: '2019-03-01',
    });
    const gb = await exportList(app, city, 'difficulty-identified', { format: 'csv', encoding: 'gb18030' });
    expect(f.content.includes(Buffer.from('王建国'))).toBe(true);
    expect(gb.content.includes(Buffer.from('王建国'))).toBe(false);
    expect(gb.contentType).toBe('text/csv; charset=gb18030');
    expect(byHeader(csvRows(gb, 'gb18030'))).toEqual(data);
  });

  it('lists referrals to civil affairs, by status and date range', async () => {
    const all = byHeader(csvRows(await exportList(app, city, 'referrals', { format: 'csv' })));
    expect(all.map((r) => [r['姓名'], r['转介类别'], r['转介日期'], r['办理状态']])).toEqual([
      ['王建国', '最低生活保障（低保）', '2019-06-10', '待民政答复'],
      ['张伟', '临时救助', '2019-06-12', '待民政答复'],
    ]);
    const ranged = await exportList(app, city, 'referrals', {
      format: 'csv',
      from: '2019-06-11',
      to: '2019-06-30',
    });
    expect(byHeader(csvRows(ranged)).map((r) => r['姓名'])).toEqual(['张伟']);
    const closed = await exportList(app, city, 'referrals', { format: 'xlsx', status: 'closed' });
    expect(closed.rows).toBe(0);
    expect((await xlsxRows(closed)).length).toBe(2); // title and header only
    // Township A's officer sees only township A's referral (张伟 lives in township B).
    const mine = await exportList(app, townA, 'referrals', { format: 'csv' });
    expect(byHeader(csvRows(mine)).map((r) => r['姓名'])).toEqual(['王建国']);
    const own = await exportList(app, townA, 'referrals', { format: 'csv', referralKind: 'minimumLiving' });
    expect(byHeader(csvRows(own)).map((r) => r['姓名'])).toEqual(['王建国']);
    expect((await lastExportAudit()).details).toMatchObject({
      kind: 'referrals',
      filters: { referralKind: 'minimumLiving' },
      rows: 1,
    });
  });

  it('gives the full numbers, birth dates and phones only with registry.reveal and a reason, and audits the reason', async () => {
    await expect(exportList(app, townA, 'registered-unemployed', { full: true })).rejects.toMatchObject({
      code: 'REASON_REQUIRED',
      path: 'reason',
    });
    await expect(
      exportList(app, townA, 'registered-unemployed', { full: true, reason: ' 查 ' }),
    ).rejects.toMatchObject({ code: 'REASON_REQUIRED' });
    await expect(
      exportList(app, actor('auditor', LINGYUAN), 'registered-unemployed', {
        full: true,
        reason: '核查名单',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportList(app, actor('financeOfficer', LINGYUAN), 'referrals', {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const f = await exportList(app, townA, 'registered-unemployed', {
      format: 'csv',
      full: true,
      reason: '报送民政局核对',
    });
    expect(byHeader(csvRows(f))[0]).toMatchObject({
      公民身份号码: P.wang.id,
      出生日期: '1965-03-05',
      联系电话: P.wang.phone,
    });
    expect((await lastExportAudit()).details).toMatchObject({
      full: true,
      reason: '报送民政局核对',
      rows: 1,
    });
  });

  it('refuses filters of another export and bad dates', async () => {
    await expect(exportList(app, city, 'registered-unemployed', { status: 'open' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      path: 'status',
    });
    await expect(
      exportList(app, city, 'registered-unemployed', { asOf: '2019-02-30' }),
    ).rejects.toMatchObject({
      code: 'INVALID_DATE',
      path: 'asOf',
    });
    await expect(
      exportList(app, city, 'referrals', { from: '2019-07-01', to: '2019-06-01' }),
    ).rejects.toMatchObject({ path: 'to' });
  });
});

describe('GET /api/v1/exchange/exports/:kind', () => {
  const login = async (username: string) =>
    (await signIn(app, server, { username, password: PASSWORD, existing: true })).headers.cookie;
  const get = (url: string, cookie?: string) =>
    server.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  it('answers the file with its type and an attachment name in ASCII and UTF-8', async () => {
    const cookie = await login('towna');
    const x = await get(`/api/v1/exchange/exports/registered-unemployed?format=xlsx&asOf=${DAY}`, cookie);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(x.headers['content-disposition']).toBe(
      `attachment; filename="registered-unemployed-${TOWNSHIP_A}-${DAY}.xlsx"; filename*=UTF-8''${encodeURIComponent(`登记失业人员名单-${DAY}.xlsx`)}`,
    );
    expect(x.headers['cache-control']).toBe('no-store');
    const rows = await xlsxRows({ content: x.rawPayload });
    expect(rows[2]![1]).toBe('王建国');
    expect(rows[2]![2]).toMatch(/^211382\*{8}\d{3}[\dX]$/);

    const c = await get('/api/v1/exchange/exports/referrals?format=csv&encoding=gb18030', cookie);
    expect(c.statusCode).toBe(200);
    expect(c.headers['content-type']).toBe('text/csv; charset=gb18030');
    expect(c.headers['content-disposition']).toContain(`filename="referrals-${TOWNSHIP_A}-${DAY}.csv"`);
    expect((parse(new TextDecoder('gb18030').decode(c.rawPayload)) as string[][])[1]![1]).toBe('王建国');

    const full = await get(
      `/api/v1/exchange/exports/difficulty-identified?format=csv&full=true&reason=${encodeURIComponent('报送残联')}`,
      cookie,
    );
    expect(full.statusCode).toBe(200);
    expect(full.body).toContain(P.wang.id);
    expect(full.headers['x-export-sha256']).toBe(
      crypto.createHash('sha256').update(full.rawPayload).digest('hex'),
    );
  });

  it('answers 401 without a session, 403 without the permissions, 400 for a missing reason or a wrong kind', async () => {
    expect((await get('/api/v1/exchange/exports/referrals')).statusCode).toBe(401);
    const auditor = await login('auditor');
    const forbidden = await get('/api/v1/exchange/exports/referrals?format=csv', auditor);
    expect(forbidden.statusCode).toBe(403);
    expect(errorOf(forbidden).code).toBe('FORBIDDEN');
    const cookie = await login('towna');
    const noReason = await get('/api/v1/exchange/exports/referrals?full=true', cookie);
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason)).toMatchObject({ code: 'REASON_REQUIRED', path: 'reason' });
    const wrongKind = await get('/api/v1/exchange/exports/everyone', cookie);
    expect(wrongKind.statusCode).toBe(400);
    const wrongFormat = await get('/api/v1/exchange/exports/referrals?format=pdf', cookie);
    expect(wrongFormat.statusCode).toBe(400);
    const badDate = await get('/api/v1/exchange/exports/referrals?asOf=2019-13-01', cookie);
    expect(badDate.statusCode).toBe(400);
    const doc = (await get('/api/openapi.json')).json();
    expect(
      doc.paths['/api/v1/exchange/exports/{kind}'].get.parameters.map((p: { name: string }) => p.name),
    ).toEqual(expect.arrayContaining(['kind', 'format', 'full', 'reason', 'asOf', 'encoding']));
  });
});
