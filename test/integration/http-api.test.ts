import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, systemActor } from '../../src/modules/access/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { createTestApp, testServer, TOWNSHIP_A, TOWNSHIP_B, type TestApp } from '../support/test-app.js';

let app: TestApp;
let server: FastifyInstance;
const PASSWORD = 'correct-horse-42';

beforeAll(async () => {
  app = await createTestApp();
  server = await testServer(app);
  const admin = systemActor('cli');
  for (const [username, role, division] of [
    ['towna', 'townshipOfficer', TOWNSHIP_A],
    ['townb', 'townshipOfficer', TOWNSHIP_B],
    ['auditor', 'auditor', '211382'],
    ['lockme', 'cityOfficer', '211382'],
  ] as const) {
    await createAccount(app.db, admin, {
      username,
      displayName: username,
      password: PASSWORD,
      role,
      division,
    });
  }
});
afterAll(async () => {
  await server.close();
  await app.destroy();
});

interface Session {
  cookie: string;
  csrf: string;
}

async function login(username: string, password = PASSWORD): Promise<Session> {
  const r = await server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  expect(r.statusCode).toBe(200);
  const cookies = r.cookies as { name: string; value: string; httpOnly?: boolean }[];
  const session = cookies.find((c) => c.name === 'jiuye_session')!;
  expect(session.httpOnly).toBe(true);
  return { cookie: `jiuye_session=${session.value}`, csrf: r.json().csrfToken };
}

const errorOf = (r: LightMyRequestResponse) =>
  r.json().error as { code: string; message: string; path?: string };

describe('the service', () => {
  it('serves a home page, liveness, readiness, the OpenAPI document and its docs', async () => {
    const home = await server.inject('/');
    expect(home.headers['content-type']).toContain('text/html');
    expect(home.body).toContain('凌源市公共就业服务信息系统');
    expect(home.body).toContain('/api/docs');
    expect((await server.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await server.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: app.database.kind });
    const doc = (await server.inject('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/persons', '/api/v1/persons/{id}', '/api/v1/auth/login']),
    );
    expect((await server.inject('/api/docs/')).statusCode).toBe(200);
    expect((await server.inject('/favicon.ico')).statusCode).toBe(200);
  });

  it('lists the divisions under a township without login', async () => {
    const r = await server.inject(`/api/v1/divisions?parent=${TOWNSHIP_A}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().length).toBeGreaterThan(5);
    const gone = await server.inject('/api/v1/divisions/211382004?asOf=2021-01-01');
    expect(errorOf(gone).code).toBe('UNKNOWN_DIVISION');
    const then = await server.inject('/api/v1/divisions/211382004?asOf=2019-06-15');
    expect(then.json()).toMatchObject({ name: '凌北街道', validTo: '2020-06-30' });
  });
});

describe('sessions', () => {
  it('requires a login for the registry', async () => {
    const r = await server.inject({ method: 'POST', url: '/api/v1/persons/search', payload: { name: '王' } });
    expect(r.statusCode).toBe(401);
    expect(errorOf(r).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a write without the CSRF token, accepts it with the token', async () => {
    const s = await login('towna');
    const body = {
      name: '刘洋',
      idNumber: makeIdNumber('211382', '1996-06-06', 21, 'male'),
      residenceDivision: '211382101200',
    };
    const forged = await server.inject({
      method: 'POST',
      url: '/api/v1/persons',
      payload: body,
      headers: { cookie: s.cookie },
    });
    expect(forged.statusCode).toBe(403);
    expect(errorOf(forged).code).toBe('CSRF_FAILED');
    const ok = await server.inject({
      method: 'POST',
      url: '/api/v1/persons',
      payload: body,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().idNumber).toMatch(/^211382\*{8}\d{3}[\dX]$/);
  });

  it('locks an account after five wrong passwords, even for the right one', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'lockme', password: 'wrong-password-1' },
      });
      expect(errorOf(r).code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'lockme', password: 'wrong-password-1' },
    });
    expect(fifth.statusCode).toBe(423);
    const right = await server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'lockme', password: PASSWORD },
    });
    expect(errorOf(right).code).toBe('ACCOUNT_LOCKED');
  });

  it('ends the session at logout', async () => {
    const s = await login('townb');
    const who = await server.inject({ url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
    expect(who.json()).toMatchObject({
      username: 'townb',
      displayName: expect.any(String),
      role: 'townshipOfficer',
    });
    // What the web app builds its menu from: the role's permissions, and none it lacks.
    const permissions = (who.json() as { permissions: string[] }).permissions;
    expect(permissions).toEqual(
      expect.arrayContaining(['applications.review', 'rules.scan', 'monitoring.read']),
    );
    expect(permissions).not.toContain('payments.manage');
    const out = await server.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    expect(out.statusCode).toBe(200);
    const me = await server.inject({ url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(401);
  });
});

describe('errors', () => {
  let s: Session;
  beforeAll(async () => {
    s = await login('towna');
  });
  const post = (url: string, payload: unknown) =>
    server.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });

  it('answers a bad ID number with 400, a stable code, a Chinese message and the field', async () => {
    const good = makeIdNumber('211382', '1996-06-06', 22, 'male');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const r = await post('/api/v1/persons', {
      name: '刘洋',
      idNumber: bad,
      residenceDivision: '211382101200',
    });
    expect(r.statusCode).toBe(400);
    expect(errorOf(r)).toMatchObject({ code: 'INVALID_ID_NUMBER', path: 'idNumber' });
    expect(errorOf(r).message).toContain('校验');
  });

  it('answers malformed JSON, wrong types, unknown fields and over-long text with 400', async () => {
    const malformed = await server.inject({
      method: 'POST',
      url: '/api/v1/persons',
      body: '{"name": "刘',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed).code).toBe('MALFORMED_JSON');
    const wrongType = await post('/api/v1/persons', {
      name: 42,
      idNumber: 'x',
      residenceDivision: '211382101200',
    });
    expect(errorOf(wrongType)).toMatchObject({ code: 'VALIDATION_FAILED', path: 'name' });
    const tooLong = await post('/api/v1/persons', {
      name: '长'.repeat(51),
      idNumber: 'x',
      residenceDivision: '211382101200',
    });
    expect(errorOf(tooLong)).toMatchObject({ code: 'TEXT_TOO_LONG', path: 'name' });
    const unknown = await post('/api/v1/persons', {
      name: '王',
      idNumber: 'x',
      residenceDivision: '211382101200',
      salary: 1,
    });
    expect(errorOf(unknown)).toMatchObject({ code: 'VALIDATION_FAILED', path: 'salary' });
    const division = await post('/api/v1/persons', {
      name: '王',
      idNumber: makeIdNumber('211382', '1996-06-06', 23, 'male'),
      residenceDivision: '211382101999',
    });
    expect(errorOf(division)).toMatchObject({ code: 'UNKNOWN_DIVISION', path: 'residenceDivision' });
  });

  it('answers the same person twice with 409', async () => {
    const body = {
      name: '何静',
      idNumber: makeIdNumber('211382', '1993-03-03', 30, 'female'),
      residenceDivision: '211382101200',
    };
    expect((await post('/api/v1/persons', body)).statusCode).toBe(201);
    const again = await post('/api/v1/persons', body);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('PERSON_EXISTS');
  });

  it('answers another township’s person with 404 and its own with 200', async () => {
    const created = await post('/api/v1/persons', {
      name: '冯雪',
      idNumber: makeIdNumber('211382', '1994-04-04', 40, 'female'),
      residenceDivision: '211382101200',
    });
    const id = created.json().id;
    const b = await login('townb');
    expect(
      (await server.inject({ url: `/api/v1/persons/${id}`, headers: { cookie: b.cookie } })).statusCode,
    ).toBe(404);
    expect(
      (await server.inject({ url: `/api/v1/persons/${id}`, headers: { cookie: s.cookie } })).statusCode,
    ).toBe(200);
    const reveal = await server.inject({
      method: 'POST',
      url: `/api/v1/persons/${id}/reveal`,
      payload: { fields: ['idNumber'] },
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    expect(errorOf(reveal)).toMatchObject({ code: 'VALIDATION_FAILED', path: 'reason' });
  });

  it('gives the auditor the trail, and nobody else', async () => {
    const a = await login('auditor');
    const trail = await server.inject({
      url: '/api/v1/audit?action=person.create',
      headers: { cookie: a.cookie },
    });
    expect(trail.statusCode).toBe(200);
    expect(trail.json().length).toBeGreaterThan(0);
    const verify = await server.inject({
      method: 'POST',
      url: '/api/v1/audit/verify',
      headers: { cookie: a.cookie, 'x-csrf-token': a.csrf },
    });
    expect(verify.json().problems).toEqual([]);
    expect((await server.inject({ url: '/api/v1/audit', headers: { cookie: s.cookie } })).statusCode).toBe(
      403,
    );
  });
});

describe('login throttling', () => {
  it('slows guessing across accounts: more than 20 logins a minute from one address get 429', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 22 }, (_, i) =>
        server.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: `nobody${i}`, password: 'x' },
        }),
      ),
    );
    const limited = attempts.filter((r) => r.statusCode === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(errorOf(limited[0]!).code).toBe('TOO_MANY_REQUESTS');
  });
});
