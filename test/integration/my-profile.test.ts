import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, systemActor } from '../../src/modules/access/index.js';
import { createHousehold, maskName, registerPerson, setFact } from '../../src/modules/registry/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, createTestApp, testServer, TOWNSHIP_A, type TestApp } from '../support/test-app.js';

let app: TestApp;
let server: FastifyInstance;
const VILLAGE = '211382101200';
const sessions: Record<string, { cookie: string }> = {};

async function login(
  username: string,
  role: 'citizen' | 'villageClerk',
  division: string,
  person?: { county: string; id: number },
) {
  await createAccount(app.db, systemActor('cli'), {
    username,
    displayName: username,
    password: 'profile-pass-123',
    role,
    division,
    ...(person ? { person } : {}),
  });
  const r = await server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'profile-pass-123' },
  });
  sessions[username] = { cookie: r.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}
const get = (who: string) =>
  server.inject({ method: 'GET', url: '/api/v1/me/profile', headers: sessions[who]! });

beforeAll(async () => {
  app = await createTestApp();
  server = await testServer(app);
  const officer = actor('townshipOfficer', TOWNSHIP_A);
  const parent = await registerPerson(app, officer, {
    name: '王建国',
    idNumber: makeIdNumber('211382', '1970-02-03', 11, 'male'),
    residenceDivision: VILLAGE,
  });
  const child = await registerPerson(app, officer, {
    name: '王小雨',
    idNumber: makeIdNumber('211382', '2000-08-09', 22, 'female'),
    phone: '13700003333',
    residenceDivision: VILLAGE,
    education: 'college',
    factsFrom: '2021-07-01',
  });
  const h = await createHousehold(app, officer, {
    residenceDivision: VILLAGE,
    members: [
      { personId: parent.id, relation: 'head' },
      { personId: child.id, relation: 'child' },
    ],
    since: '2020-01-01',
  });
  await setFact(
    app,
    officer,
    { type: 'household', id: h.id },
    {
      name: 'registeredPoor',
      value: true,
      validFrom: '2019-01-01',
    },
  );
  await login('daughter', 'citizen', VILLAGE, { county: child.county, id: child.id });
  await login('unbound', 'citizen', VILLAGE);
  await login('clerk', 'villageClerk', VILLAGE);
});
afterAll(async () => {
  await server.close();
  await app.destroy();
});

describe('我的信息 (GET /me/profile)', () => {
  it('gives a citizen their own record masked, their household with the others’ names masked, and their facts', async () => {
    const r = await get('daughter');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.person).toMatchObject({ name: '王小雨', phone: '137****3333', birthDate: null });
    expect(body.person.idNumber).toMatch(/^211382\*{8}\d{3}[\dX]$/);
    expect(body.household.members).toEqual([
      expect.objectContaining({ self: false, name: '王*国', relation: 'head' }),
      expect.objectContaining({ self: true, name: '王小雨', relation: 'child' }),
    ]);
    const facts = Object.fromEntries(
      (body.facts as { name: string; value: unknown; via?: unknown }[]).map((f) => [f.name, f]),
    );
    expect(facts.education).toMatchObject({ value: 'college' });
    expect(facts.registeredPoor).toMatchObject({ value: true, via: { household: body.household.id } });
    expect(JSON.stringify(body)).not.toContain('王建国');
  });

  it('refuses staff, and a citizen account bound to no person finds nothing', async () => {
    expect((await get('clerk')).statusCode).toBe(403);
    const unbound = await get('unbound');
    expect(unbound.statusCode).toBe(404);
    expect(unbound.json().error.code).toBe('PERSON_NOT_FOUND');
  });

  it('masks a name but its family name and last character', () => {
    expect(maskName('欧阳明月')).toBe('欧**月');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('张')).toBe('张');
  });
});
