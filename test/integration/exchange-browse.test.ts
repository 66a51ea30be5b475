import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/modules/access/index.js';
import { registerPerson } from '../../src/modules/registry/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { signIn, type HttpClient } from '../support/http-client.js';
import {
  actor,
  createTestApp,
  LINGYUAN,
  testServer,
  TOWNSHIP_A,
  TOWNSHIP_B,
  type TestApp,
} from '../support/test-app.js';

let app: TestApp;
let server: FastifyInstance;
const VILLAGE_A = '211382101200'; // 佐杖子村, 万元店镇
const VILLAGE_B = '211382001001'; // 东城街道

const P = {
  wang: { name: '王建国', id: makeIdNumber('211382', '1968-03-05', 123, 'male'), v: VILLAGE_A },
  zhang: { name: '张伟', id: makeIdNumber('211382', '1990-07-15', 11, 'male'), v: VILLAGE_B },
  li: { name: '李春梅', id: makeIdNumber('211382', '1979-09-09', 20, 'female'), v: VILLAGE_A },
};
const ids: Record<string, number> = {};

const clients: Record<string, HttpClient> = {};
async function login(username: string, role: Role, division: string) {
  clients[username] = await signIn(app, server, { username, role, division });
}

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown, type?: string) =>
  method === 'GET' ? clients[who]!.get(url) : clients[who]!.post(url, payload, type);

const csv = [
  '姓名,公民身份号码,性别,出生日期,乡镇（街道）',
  `王建国,${P.wang.id},男,,万元店镇`, // 2 matched
  '张伟,,男,1990-07-15,东城街道', // 3 candidate (number missing)
  `李小红,${P.li.id},女,,`, // 4 candidate (number of 李春梅, another name)
  `周大勇,${makeIdNumber('130102', '1970-04-04', 55, 'male')},男,,`, // 5 unmatched
  ',12345,,,', // 6 invalid
].join('\n');

beforeAll(async () => {
  app = await createTestApp();
  server = await testServer(app);
  for (const [k, p] of Object.entries(P))
    ids[k] = (
      await registerPerson(app, actor('system', ''), { name: p.name, idNumber: p.id, residenceDivision: p.v })
    ).id;
  await login('city', 'cityOfficer', LINGYUAN);
  await login('town-a', 'townshipOfficer', TOWNSHIP_A);
  await login('town-b', 'townshipOfficer', TOWNSHIP_B);
  await login('auditor1', 'auditor', LINGYUAN);
  await login('lead', 'leader', LINGYUAN);
});
afterAll(async () => {
  await server.close();
  await app.destroy();
});

describe('browsing department lists over HTTP', () => {
  let importId = 0;

  it('lists the imports newest first, within the jurisdiction, filtered by kind', async () => {
    const a = await call(
      'city',
      'POST',
      '/exchange/imports?list=low-income&asOf=2019-06-30&fileName=a.csv',
      csv,
      'text/csv',
    );
    expect(a.statusCode).toBe(201);
    const b = await call(
      'city',
      'POST',
      '/exchange/imports?list=disabled&asOf=2019-07-31&fileName=b.csv',
      csv,
      'text/csv',
    );
    importId = a.json().import as number;
    const list = (await call('city', 'GET', '/exchange/imports?limit=10')).json();
    expect(list.total).toBe(2);
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([b.json().import, importId]);
    expect(list.items[1]).toMatchObject({
      list: 'low-income',
      fileName: 'a.csv',
      rows: 5,
      matched: 1,
      candidates: 2,
      unmatched: 1,
      invalid: 1,
      loadedBy: 'city',
    });
    const only = (await call('city', 'GET', '/exchange/imports?list=low-income')).json();
    expect(only.items.map((i: { id: number }) => i.id)).toEqual([importId]);
    // A township sees the city's imports (for its own people's rows); a leader may not read them.
    expect((await call('town-a', 'GET', '/exchange/imports')).json().total).toBe(2);
    expect((await call('lead', 'GET', '/exchange/imports')).statusCode).toBe(403);
    expect((await call('city', 'GET', '/exchange/imports?limit=500')).statusCode).toBe(400);
  });

  it('pages the rows of each status, candidates with the registry persons masked', async () => {
    const r = await call('city', 'GET', `/exchange/imports/${importId}/rows?status=candidate`);
    expect(r.statusCode).toBe(200);
    const page = r.json();
    expect(page.counts).toEqual({ candidate: 2, unmatched: 1, invalid: 1, matched: 1 });
    expect(page.total).toBe(2);
    expect(page.items.map((i: { rowNumber: number }) => i.rowNumber)).toEqual([3, 4]);
    const row4 = page.items[1];
    expect(row4).toMatchObject({ name: '李小红', idValid: true, sex: 'female', status: 'candidate' });
    expect(row4.idCell).toBe(P.li.id.slice(0, 6) + '********' + P.li.id.slice(-4));
    expect(row4.candidates).toHaveLength(1);
    expect(row4.candidates[0]).toMatchObject({
      subjectId: ids.li,
      state: 'open',
      person: {
        name: '李*梅',
        idNumber: P.li.id.slice(0, 6) + '********' + P.li.id.slice(-4),
        birthYear: 1979,
      },
    });
    expect(row4.candidates[0].reasons).toContain('id');
    const row3 = page.items[0];
    expect(row3).toMatchObject({ name: '张伟', idCell: null, birthYear: 1990, township: '东城街道' });
    expect(row3.candidates[0]).toMatchObject({ subjectId: ids.zhang, person: { name: '张*' } });
    // No full number and no full birth date anywhere in the answer.
    expect(r.body).not.toContain(P.li.id);
    expect(r.body).not.toContain('1979-09-09');

    const paged = (
      await call('city', 'GET', `/exchange/imports/${importId}/rows?status=candidate&limit=1&offset=1`)
    ).json();
    expect(paged.items.map((i: { rowNumber: number }) => i.rowNumber)).toEqual([4]);
    const un = (await call('city', 'GET', `/exchange/imports/${importId}/rows?status=unmatched`)).json();
    expect(un.items.map((i: { rowNumber: number }) => i.rowNumber)).toEqual([5]);
    const inv = (await call('city', 'GET', `/exchange/imports/${importId}/rows?status=invalid`)).json();
    expect(inv.items).toMatchObject([{ rowNumber: 6, idCell: '*****', name: null }]);
    const m = (await call('city', 'GET', `/exchange/imports/${importId}/rows?status=matched`)).json();
    expect(m.items).toMatchObject([
      {
        rowNumber: 2,
        subjectId: ids.wang,
        subjectName: '王*国',
        identity: P.wang.id.slice(0, 6) + '********' + P.wang.id.slice(-4),
      },
    ]);
  });

  it('shows a reviewed row where it now belongs', async () => {
    const conf = await call('city', 'POST', `/exchange/imports/${importId}/rows/4/review`, {
      subjectId: ids.li,
      decision: 'confirm',
      note: '核对户口本',
    });
    expect(conf.statusCode).toBe(200);
    const dis = await call('city', 'POST', `/exchange/imports/${importId}/rows/3/review`, {
      subjectId: ids.zhang,
      decision: 'dismiss',
    });
    expect(dis.json()).toMatchObject({ status: 'unmatched' });
    const cand = (await call('city', 'GET', `/exchange/imports/${importId}/rows?status=candidate`)).json();
    expect(cand.counts).toEqual({ candidate: 0, unmatched: 2, invalid: 1, matched: 2 });
    expect(cand.items).toEqual([]);
    const un = (await call('city', 'GET', `/exchange/imports/${importId}/rows?status=unmatched`)).json();
    expect(un.items.map((i: { rowNumber: number }) => i.rowNumber)).toEqual([3, 5]);
    expect(un.items[0]).toMatchObject({
      review: 'dismissed',
      candidates: [{ subjectId: ids.zhang, state: 'dismissed' }],
    });
    const m = (await call('city', 'GET', `/exchange/imports/${importId}/rows?status=matched`)).json();
    expect(m.items.map((i: { rowNumber: number; subjectId: number }) => [i.rowNumber, i.subjectId])).toEqual([
      [2, ids.wang],
      [4, ids.li],
    ]);
  });

  it('shows a township officer only the rows about their people, and no person outside their jurisdiction', async () => {
    // 张伟 lives in 东城街道 (township B) and the list says 东城街道: township B's officer sees that row.
    const b = (await call('town-b', 'GET', `/exchange/imports/${importId}/rows?status=unmatched`)).json();
    expect(b.items.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([3]);
    expect(b.items[0].candidates[0].person).toMatchObject({ name: '张*' });
    expect(b.counts).toEqual({ candidate: 0, unmatched: 1, invalid: 0, matched: 0 });
    // Township A's officer sees 王建国 and 李春梅 (confirmed), both theirs, and none of the rows that name
    // nobody of theirs and no place (周大勇 from another county, the unusable row) — those stay with the city.
    const a = (await call('town-a', 'GET', `/exchange/imports/${importId}/rows?status=matched`)).json();
    expect(a.items.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([2, 4]);
    expect(a.counts).toEqual({ candidate: 0, unmatched: 0, invalid: 0, matched: 2 });
    expect(
      (await call('town-a', 'GET', `/exchange/imports/${importId}/rows?status=unmatched`)).json().items,
    ).toEqual([]);
    // The matches list likewise: township A's two rows, every row for the city.
    const linesA = (await call('town-a', 'GET', `/exchange/imports/${importId}/matches`)).json();
    expect(linesA.map((l: { rowNumber: number; status: string }) => [l.rowNumber, l.status])).toEqual([
      [2, 'matched'],
      [4, 'matched'],
    ]);
    const linesCity = (await call('city', 'GET', `/exchange/imports/${importId}/matches`)).json();
    expect(linesCity.map((l: { rowNumber: number }) => l.rowNumber)).toEqual([2, 3, 4, 5, 6]);
    const city = (await call('city', 'GET', `/exchange/imports/${importId}/rows?status=unmatched`)).json();
    expect(city.items.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([3, 5]);
    const au = await call('auditor1', 'GET', `/exchange/imports/${importId}/rows?status=unmatched`);
    expect(au.statusCode).toBe(200);
    expect(au.json().items[0].candidates[0].person).toBeNull();
    expect((await call('lead', 'GET', `/exchange/imports/${importId}/rows?status=matched`)).statusCode).toBe(
      403,
    );
    expect((await call('city', 'GET', `/exchange/imports/999999/rows?status=matched`)).statusCode).toBe(404);
  });
});
