import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, systemActor } from '../../src/modules/access/index.js';
import { registerPerson } from '../../src/modules/registry/index.js';
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

let app: TestApp;
let server: FastifyInstance;
/** A village of 万元店镇 (TOWNSHIP_A). */
const VILLAGE_A = '211382101200';
/** Monday 3 June 2019; the Dragon Boat Festival (7 June) is off, so 15 working days end on 25 June. */
const DAY = '2019-06-03';
const DUE = '2019-06-25';
const PHONE = '13912345678';
const sessions: Record<string, { cookie: string; 'x-csrf-token': string }> = {};
let ip = 0;
/** Each test sends from its own address, so the per-address rate limit is tested on its own. */
const nextIp = () => `10.0.0.${++ip}`;

async function login(
  username: string,
  role: 'citizen' | 'townshipOfficer' | 'cityOfficer' | 'leader' | 'villageClerk',
  division: string,
  person?: { county: string; id: number },
) {
  await createAccount(app.db, systemActor('cli'), {
    username,
    displayName: username,
    password: 'complain-pass-123',
    role,
    division,
    ...(person ? { person } : {}),
  });
  const r = await server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'complain-pass-123' },
  });
  expect(r.statusCode).toBe(200);
  sessions[username] = {
    cookie: r.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    'x-csrf-token': r.json().csrfToken as string,
  };
}

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  server.inject({ method, url: `/api/v1${url}`, headers: sessions[who]!, ...(payload ? { payload } : {}) });
const send = (
  payload: Record<string, unknown>,
  remoteAddress = nextIp(),
  headers: Record<string, string> = {},
) => server.inject({ method: 'POST', url: '/api/v1/complaints', payload, remoteAddress, headers });
const follow = (reference: string, code: string) =>
  server.inject({
    method: 'GET',
    url: `/api/v1/complaints/${reference}?code=${encodeURIComponent(code)}`,
    remoteAddress: nextIp(),
  });

beforeAll(async () => {
  app = await createTestApp();
  app.today = () => DAY;
  server = await testServer(app);
  const p = await registerPerson(app, actor('townshipOfficer', TOWNSHIP_A), {
    name: '投诉测试',
    idNumber: makeIdNumber('211382', '1985-02-02', 3, 'female'),
    residenceDivision: VILLAGE_A,
  });
  await login('sender', 'citizen', LINGYUAN, { county: p.county, id: p.id });
  await login('towna', 'townshipOfficer', TOWNSHIP_A);
  await login('townb', 'townshipOfficer', TOWNSHIP_B);
  await login('city', 'cityOfficer', LINGYUAN);
  await login('leader', 'leader', LINGYUAN);
  await login('clerk', 'villageClerk', VILLAGE_A);
});
afterAll(async () => {
  await server.close();
  await app.destroy();
});

describe('complaints and suggestions', () => {
  let reference: string;
  let followCode: string;
  let id: number;

  it('are sent without login and answered with a reference, a follow code and the due day', async () => {
    const r = await send({
      kind: 'complaint',
      topic: '窗口服务',
      division: VILLAGE_A,
      content: '村里办理失业登记时窗口无人值守，等了两个小时。',
      contact: { name: '张女士', phone: '139 1234 5678' },
    });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({ status: 'received', dueOn: DUE });
    expect(body.reference).toMatch(/^TS20190603\d{6}$/);
    expect(body.followCode).toMatch(/^[A-Z2-9]{8}$/);
    ({ reference, followCode } = body);

    const row = await app.db
      .selectFrom('complaints')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    id = row.id as number;
    expect(row.county).toBe(LINGYUAN);
    expect(Buffer.from(row.contact_phone as Buffer).includes(PHONE)).toBe(false);
    expect(app.cipher.decrypt(row.contact_phone as Buffer)).toBe(PHONE);
    expect(Buffer.from(row.follow_code_hash as Buffer).includes(followCode)).toBe(false);
    expect(row.person_id).toBeNull();

    const audit = await sql<{ action: string; actor_username: string; details: unknown }>`
      SELECT action, actor_username, details FROM audit_log WHERE action = 'complaint.send'`.execute(app.db);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.actor_username).toBe('public');
    expect(JSON.stringify(audit.rows[0]!.details)).not.toContain(PHONE.slice(3));

    const inbox = await call('city', 'GET', '/notifications');
    expect(inbox.json().map((n: { topic: string }) => n.topic)).toContain('complaint.received');
  });

  it('gives references in sequence within the day', async () => {
    const r = await send({ kind: 'suggestion', content: '建议在政务大厅增加自助查询终端。' });
    expect(r.statusCode).toBe(201);
    expect(Number(r.json().reference.slice(-6))).toBe(Number(reference.slice(-6)) + 1);
  });

  it('are followed with the right code; a wrong code and an unknown reference are the same 404', async () => {
    const ok = await follow(reference, followCode.toLowerCase());
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      reference,
      kind: 'complaint',
      topic: '窗口服务',
      status: 'received',
      receivedOn: DAY,
      dueOn: DUE,
    });
    const wrong = await follow(reference, followCode === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA');
    const unknown = await follow('TS20190603999999', followCode);
    const malformed = await follow('nonsense', followCode);
    for (const r of [wrong, unknown, malformed]) {
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('COMPLAINT_NOT_FOUND');
    }
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('are listed to staff within their jurisdiction, the phone masked', async () => {
    const city = await call('city', 'GET', '/complaints');
    expect(city.statusCode).toBe(200);
    const mine = city.json().find((c: { id: number }) => c.id === id);
    expect(mine).toMatchObject({
      reference,
      division: VILLAGE_A,
      divisionName: expect.stringMatching(/[\u4e00-\u9fff]/),
      contact: { name: '张女士', phone: '139****5678' },
      status: 'received',
      overdue: false,
      answer: null,
    });
    expect(city.body).not.toContain(PHONE);
    // the suggestion without a division is the county's: the city sees it, townships do not
    expect(city.json()).toHaveLength(2);

    const townA = await call('towna', 'GET', '/complaints');
    expect(townA.json().map((c: { id: number }) => c.id)).toEqual([id]);
    const townB = await call('townb', 'GET', '/complaints');
    expect(townB.statusCode).toBe(200);
    expect(townB.json()).toEqual([]);
    expect((await call('leader', 'GET', '/complaints?kind=suggestion')).json()).toHaveLength(1);
    expect((await call('clerk', 'GET', '/complaints')).statusCode).toBe(403);
    expect((await server.inject({ method: 'GET', url: '/api/v1/complaints' })).statusCode).toBe(401);
  });

  it('are answered once by the city; the sender then sees the answer', async () => {
    expect((await call('towna', 'POST', `/complaints/${id}/answer`, { text: '已核实。' })).statusCode).toBe(
      403,
    );
    const first = await call('city', 'POST', `/complaints/${id}/answer`, {
      text: '已核实，已要求该村安排专人值守窗口。',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      status: 'answered',
      answer: { text: '已核实，已要求该村安排专人值守窗口。', answeredOn: DAY, answeredBy: 'city' },
    });
    const second = await call('city', 'POST', `/complaints/${id}/answer`, { text: '再次答复。' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('COMPLAINT_ALREADY_ANSWERED');
    expect((await call('city', 'POST', `/complaints/999999/answer`, { text: '答复。' })).statusCode).toBe(
      404,
    );

    const seen = await follow(reference, followCode);
    expect(seen.json()).toMatchObject({
      status: 'answered',
      answer: { text: '已核实，已要求该村安排专人值守窗口。', answeredOn: DAY },
    });
    const audit = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log WHERE action = 'complaint.answer'`.execute(app.db);
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('links a logged-in citizen’s complaint to their person and tells them of the answer', async () => {
    const r = await server.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: sessions.sender!,
      remoteAddress: nextIp(),
      payload: { kind: 'complaint', content: '补贴申请提交后一个月没有任何进展。' },
    });
    expect(r.statusCode).toBe(201);
    const row = await app.db
      .selectFrom('complaints')
      .select(['id', 'person_id'])
      .where('reference', '=', r.json().reference)
      .executeTakeFirstOrThrow();
    expect(row.person_id).not.toBeNull();
    expect(
      (await call('city', 'POST', `/complaints/${row.id}/answer`, { text: '已督促办理。' })).statusCode,
    ).toBe(200);
    const inbox = await call('sender', 'GET', '/notifications');
    expect(inbox.json().map((n: { topic: string }) => n.topic)).toContain('complaint.answered');
  });

  it('show as overdue once the time limit has passed unanswered', async () => {
    app.today = () => '2019-06-25';
    expect((await call('city', 'GET', '/complaints?overdue=true')).json()).toEqual([]);
    app.today = () => '2019-06-26';
    try {
      const late = await call('city', 'GET', '/complaints?overdue=true');
      expect(late.json().map((c: { kind: string; overdue: boolean }) => [c.kind, c.overdue])).toEqual([
        ['suggestion', true],
      ]);
      const answered = await call('city', 'GET', '/complaints?status=answered');
      expect(answered.json().every((c: { overdue: boolean }) => !c.overdue)).toBe(true);
    } finally {
      app.today = () => DAY;
    }
  });

  it('refuses bad input with the field at fault', async () => {
    const short = await send({ kind: 'complaint', content: '太慢了' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ code: 'VALIDATION_FAILED', path: 'content' });
    expect(short.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    const phone = await send({
      kind: 'complaint',
      content: '窗口工作人员态度很差。',
      contact: { phone: '12345' },
    });
    expect(phone.json().error).toMatchObject({ code: 'INVALID_PHONE', path: 'contact.phone' });
    const place = await send({ kind: 'complaint', division: '110101', content: '窗口工作人员态度很差。' });
    expect(place.json().error).toMatchObject({ code: 'UNKNOWN_DIVISION', path: 'division' });
    const kind = await send({ kind: 'praise', content: '窗口工作人员态度很好。' });
    expect(kind.json().error).toMatchObject({ code: 'VALIDATION_FAILED', path: 'kind' });
    const answer = await call('city', 'POST', '/complaints/1/answer', { text: '好' });
    expect(answer.json().error).toMatchObject({ code: 'VALIDATION_FAILED', path: 'text' });
  });

  it('takes at most 10 a minute from one address', async () => {
    const from = nextIp();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push(
        (await send({ kind: 'suggestion', content: `第 ${i} 条建议：延长窗口办理时间。` }, from)).statusCode,
      );
    expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true);
    expect(codes[10]).toBe(429);
    expect((await send({ kind: 'suggestion', content: '另一处地址的建议：延长办理时间。' })).statusCode).toBe(
      201,
    );
  });

  it('are in the OpenAPI document', async () => {
    const doc = (await server.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/complaints',
        '/api/v1/complaints/{reference}',
        '/api/v1/complaints/{id}/answer',
      ]),
    );
  });
});
