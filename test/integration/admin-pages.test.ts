import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, systemActor } from '../../src/modules/access/index.js';
import { createTestApp, testServer, TOWNSHIP_A, type TestApp } from '../support/test-app.js';

/** The endpoints behind the policy, audit and users pages of the back office. */
let app: TestApp;
let server: FastifyInstance;
const PASSWORD = 'admin-pages-42';
type Session = { cookie: string; 'x-csrf-token': string };
const as: Record<string, Session> = {};

async function login(username: string, password = PASSWORD) {
  return server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
}
async function session(username: string): Promise<Session> {
  const r = await login(username);
  expect(r.statusCode).toBe(200);
  const c = (r.cookies as { name: string; value: string }[]).find((x) => x.name === 'jiuye_session')!;
  return { cookie: `jiuye_session=${c.value}`, 'x-csrf-token': r.json().csrfToken as string };
}
const get = (who: string, url: string) =>
  server.inject({ method: 'GET', url: `/api/v1${url}`, headers: as[who] });
const post = (who: string, url: string, payload?: object) =>
  server.inject({ method: 'POST', url: `/api/v1${url}`, headers: as[who], ...(payload ? { payload } : {}) });
const errorOf = (r: LightMyRequestResponse) =>
  r.json().error as { code: string; message: string; path?: string };

beforeAll(async () => {
  app = await createTestApp();
  server = await testServer(app);
  for (const [username, role, division] of [
    ['sysadmin', 'systemAdmin', '211382'],
    ['policy', 'policyAdmin', '211382'],
    ['officer', 'cityOfficer', '211382'],
    ['auditor', 'auditor', '211382'],
    ['town', 'townshipOfficer', TOWNSHIP_A],
  ] as const) {
    await createAccount(app.db, systemActor('cli'), {
      username,
      displayName: username,
      password: PASSWORD,
      role,
      division,
    });
    as[username] = await session(username);
  }
});
afterAll(async () => {
  await server.close();
  await app.destroy();
});

describe('GET /rules/pack-overview', () => {
  it('gives the programmes, each parameter with its dated history and the clause it comes from', async () => {
    const r = await get('policy', '/rules/pack-overview?date=2022-01-01');
    expect(r.statusCode).toBe(200);
    const o = r.json();
    expect(o.active).toMatch(/^lingyuan-2019@/);
    expect(o.activeFrom).toBeNull();
    const internship = o.programmes.find((p: { id: string }) => p.id === 'internship-subsidy');
    expect(internship.parameters).toContain('wage.minimumMonthly');
    const wage = o.parameters.find((p: { id: string }) => p.id === 'wage.minimumMonthly');
    expect(wage.current).toBe(1580);
    expect(wage.history).toEqual([
      expect.objectContaining({ from: '2018-01-01', to: '2021-11-01', value: 1480 }),
      expect.objectContaining({ from: '2021-11-01', to: null, value: 1580 }),
    ]);
    expect(wage.history[0].reference.document).toContain('最低工资');
    // Some parameter quotes the clause's own words.
    expect(
      o.parameters.some((p: { history: { reference: { text: string | null } }[] }) =>
        p.history.some((h) => h.reference.text),
      ),
    ).toBe(true);
  });

  it('is read only for a simulation role, and refused to others', async () => {
    expect((await get('officer', '/rules/pack-overview')).statusCode).toBe(200);
    const r = await get('town', '/rules/pack-overview');
    expect(r.statusCode).toBe(403);
    expect(errorOf(r).code).toBe('FORBIDDEN');
  });
});

describe('GET /roles', () => {
  it('lists every role with its Chinese name, level and permissions, for the system administrator only', async () => {
    const r = await get('sysadmin', '/roles');
    expect(r.statusCode).toBe(200);
    const roles = r.json() as { role: string; nameZh: string; level: string; permissions: string[] }[];
    expect(roles).toHaveLength(12);
    expect(roles.find((x) => x.role === 'townshipOfficer')).toMatchObject({
      nameZh: '乡镇（街道）经办人员',
      level: 'township',
    });
    expect(roles.find((x) => x.role === 'policyAdmin')!.permissions).toContain('rules.manage');
    expect((await get('auditor', '/roles')).statusCode).toBe(403);
  });
});

describe('accounts', () => {
  let id: number;
  it('creates an account; the overview shows it, then its last login', async () => {
    const c = await post('sysadmin', '/users', {
      username: 'newtown',
      displayName: '赵经办',
      password: 'first-pass-123',
      role: 'townshipOfficer',
      division: TOWNSHIP_A,
    });
    expect(c.statusCode).toBe(201);
    id = c.json().id as number;
    const before = (await get('sysadmin', '/users/overview')).json() as {
      id: number;
      lastLoginAt: string | null;
    }[];
    expect(before.find((a) => a.id === id)).toMatchObject({
      lastLoginAt: null,
      lockedUntil: null,
      disabled: false,
    });
    expect((await login('newtown', 'first-pass-123')).statusCode).toBe(200);
    const after = (await get('sysadmin', '/users/overview')).json() as {
      id: number;
      lastLoginAt: string | null;
    }[];
    expect(after.find((a) => a.id === id)!.lastLoginAt).not.toBeNull();
  });

  it('names the field at fault when the password is weak', async () => {
    const r = await post('sysadmin', '/users', {
      username: 'weakling',
      displayName: '弱',
      password: 'short1',
      role: 'cityOfficer',
      division: '211382',
    });
    expect(r.statusCode).toBe(400);
    expect(errorOf(r)).toMatchObject({ code: 'WEAK_PASSWORD', path: 'password' });
  });

  it('shows a lockout and lifts it', async () => {
    for (let i = 0; i < 5; i++) await login('newtown', 'wrong-pass-000');
    expect((await login('newtown', 'first-pass-123')).statusCode).toBe(423);
    const locked = (await get('sysadmin', '/users/overview')).json() as {
      id: number;
      lockedUntil: string | null;
    }[];
    expect(locked.find((a) => a.id === id)!.lockedUntil).not.toBeNull();
    expect((await post('sysadmin', `/users/${id}/unlock`)).statusCode).toBe(200);
    expect((await login('newtown', 'first-pass-123')).statusCode).toBe(200);
  });

  it('disables and enables an account, and sets a new password', async () => {
    expect((await post('sysadmin', `/users/${id}/disable`)).statusCode).toBe(200);
    expect(errorOf(await login('newtown', 'first-pass-123')).code).toBe('ACCOUNT_DISABLED');
    expect((await post('sysadmin', `/users/${id}/enable`)).statusCode).toBe(200);
    const weak = await post('sysadmin', `/users/${id}/password`, { password: 'abc' });
    expect(errorOf(weak)).toMatchObject({ code: 'WEAK_PASSWORD', path: 'password' });
    expect(
      (await post('sysadmin', `/users/${id}/password`, { password: 'second-pass-456' })).statusCode,
    ).toBe(200);
    expect((await login('newtown', 'first-pass-123')).statusCode).toBe(401);
    expect((await login('newtown', 'second-pass-456')).statusCode).toBe(200);
  });

  it('refuses to disable oneself, and others than the system administrator', async () => {
    const self = (await get('sysadmin', '/users/overview'))
      .json()
      .find((a: { username: string }) => a.username === 'sysadmin');
    expect(errorOf(await post('sysadmin', `/users/${self.id}/disable`)).code).toBe('VALIDATION_FAILED');
    expect((await post('policy', `/users/${id}/disable`)).statusCode).toBe(403);
    expect((await post('sysadmin', '/users/999999/unlock')).statusCode).toBe(404);
  });
});

describe('GET /audit/records', () => {
  it('filters by actor, action and subject, newest first, a page at a time', async () => {
    const all = await get('auditor', '/audit/records?actor=sysadmin&limit=2');
    expect(all.statusCode).toBe(200);
    const page1 = all.json() as { records: { seq: number; action: string }[]; next: number | null };
    expect(page1.records).toHaveLength(2);
    expect(page1.records[0]!.seq).toBeGreaterThan(page1.records[1]!.seq);
    expect(page1.next).toBe(page1.records[1]!.seq);
    const page2 = (await get('auditor', `/audit/records?actor=sysadmin&limit=2&before=${page1.next}`)).json();
    expect(page2.records[0].seq).toBeLessThan(page1.next!);

    const created = (await get('auditor', '/audit/records?action=account.create&entityType=account')).json();
    const rec = created.records.find(
      (r: { details: { username: string } }) => r.details.username === 'newtown',
    );
    expect(rec).toMatchObject({
      actor: { username: 'sysadmin', role: 'systemAdmin' },
      entityType: 'account',
    });
    const bySubject = (
      await get('auditor', `/audit/records?entityType=account&entityId=${rec.entityId}`)
    ).json();
    expect(bySubject.records.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining([
        'account.create',
        'account.disable',
        'account.enable',
        'account.resetPassword',
        'account.unlock',
      ]),
    );
  });

  it('filters by a range of days in China time', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const r = (await get('auditor', `/audit/records?from=${today}&to=${today}&action=account.create`)).json();
    expect(r.records.length).toBeGreaterThan(0);
    const past = (await get('auditor', '/audit/records?from=2001-01-01&to=2001-12-31')).json();
    expect(past).toEqual({ records: [], next: null });
    const bad = await get('auditor', '/audit/records?from=2001-02-30');
    expect(bad.statusCode).toBe(400);
  });

  it('is for the auditor and the system administrator only, and the chain verifies', async () => {
    expect((await get('policy', '/audit/records')).statusCode).toBe(403);
    const v = await post('auditor', '/audit/verify');
    expect(v.json()).toMatchObject({ problems: [] });
  });
});
