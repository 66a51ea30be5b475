import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFacts, registerPerson } from '../../src/modules/registry/index.js';
import {
  endUnemployment,
  listOpenRegistrations,
  registerUnemployment,
} from '../../src/modules/services/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, createTestApp, LINGYUAN, TOWNSHIP_A, TOWNSHIP_B, type TestApp } from '../support/test-app.js';

let app: TestApp;
const town = actor('townshipOfficer', TOWNSHIP_A);
const DATE = '2019-06-15';
const newPerson = async (birth: string, seq: number, sex: 'male' | 'female' = 'male', hukou?: string) =>
  (
    await registerPerson(app, town, {
      name: '失业测试',
      idNumber: makeIdNumber('211382', birth, seq, sex),
      residenceDivision: '211382101200',
      ...(hukou ? { hukouDivision: hukou } : {}),
    })
  ).id;

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.destroy());

describe('失业登记', () => {
  it('registers a person of working age, able and without work, at the desk, with a 就业创业证 number', async () => {
    // Household registration elsewhere (Shenyang): no local hukou is asked for.
    const id = await newPerson('1990-03-03', 1, 'male', '210102');
    const r = await registerUnemployment(app, town, {
      personId: id,
      date: DATE,
      declared: { ableToWork: true, employed: false },
    });
    expect(r).toMatchObject({ personId: id, registeredOn: DATE, channel: 'desk', endedOn: null });
    expect(r.certificateNumber).toMatch(/^2113822019\d{6}$/);
    const facts = await listFacts(app, town, { type: 'person', id }, { asOf: DATE });
    expect(facts.find((f) => f.name === 'registeredUnemployed')).toMatchObject({
      value: true,
      source: { kind: 'staff' },
    });
    await expect(registerUnemployment(app, town, { personId: id, date: DATE })).rejects.toMatchObject({
      code: 'ALREADY_REGISTERED_UNEMPLOYED',
    });
    expect((await listOpenRegistrations(app, town)).map((x) => x.id)).toContain(r.id);
  });

  it('refuses outside working age, and names what is missing when facts are not given', async () => {
    const young = await newPerson(`${2019 - 15}-07-01`, 2);
    await expect(
      registerUnemployment(app, town, {
        personId: young,
        date: DATE,
        declared: { ableToWork: true, employed: false },
      }),
    ).rejects.toMatchObject({ code: 'NOT_ELIGIBLE_FOR_REGISTRATION' });
    const woman50 = await newPerson('1969-01-01', 3, 'female');
    await expect(
      registerUnemployment(app, town, {
        personId: woman50,
        date: DATE,
        declared: { ableToWork: true, employed: false },
      }),
    ).rejects.toMatchObject({ code: 'NOT_ELIGIBLE_FOR_REGISTRATION' });
    const unknown = await newPerson('1985-01-01', 4);
    await expect(registerUnemployment(app, town, { personId: unknown, date: DATE })).rejects.toMatchObject({
      code: 'FACTS_REQUIRED',
      message: expect.any(String),
    });
    const rows = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM unemployment_registrations WHERE person_id IN (${young}, ${woman50}, ${unknown})`.execute(
      app.db,
    );
    expect(rows.rows[0]!.n).toBe(0);
  });

  it('lets a citizen register themself online, and nobody else', async () => {
    const id = await newPerson('1995-05-05', 5);
    const me = actor('citizen', '211382101200', { person: { county: LINGYUAN, id } });
    const r = await registerUnemployment(app, me, {
      personId: id,
      date: DATE,
      declared: { ableToWork: true, employed: false },
    });
    expect(r.channel).toBe('online');
    const other = await newPerson('1995-05-06', 6);
    await expect(registerUnemployment(app, me, { personId: other, date: DATE })).rejects.toMatchObject({
      code: 'PERSON_NOT_FOUND',
    });
  });

  it('ends on employment with the date, and the facts follow', async () => {
    const id = await newPerson('1988-08-08', 7);
    const r = await registerUnemployment(app, town, {
      personId: id,
      date: DATE,
      declared: { ableToWork: true, employed: false },
    });
    await expect(
      endUnemployment(app, actor('townshipOfficer', TOWNSHIP_B), r.id, {
        reason: 'employed',
        on: '2019-09-01',
      }),
    ).rejects.toMatchObject({
      code: 'REGISTRATION_NOT_FOUND',
    });
    const ended = await endUnemployment(app, town, r.id, { reason: 'employed', on: '2019-09-01' });
    expect(ended).toMatchObject({ endedOn: '2019-09-01', endReason: 'employed' });
    const after = await listFacts(app, town, { type: 'person', id }, { asOf: '2019-09-01' });
    expect(after.find((f) => f.name === 'registeredUnemployed')?.value).toBe(false);
    expect(after.find((f) => f.name === 'employed')?.value).toBe(true);
    const before = await listFacts(app, town, { type: 'person', id }, { asOf: '2019-08-31' });
    expect(before.find((f) => f.name === 'registeredUnemployed')?.value).toBe(true);
    const again = await registerUnemployment(app, town, {
      personId: id,
      date: '2020-03-01',
      declared: { ableToWork: true, employed: false },
    });
    expect(again.certificateNumber).toMatch(/^2113822020/);
  });
});

describe('失业登记 over HTTP', () => {
  it('is in the API under /api/v1/unemployment-registrations', async () => {
    const { testServer } = await import('../support/test-app.js');
    const { createAccount, systemActor } = await import('../../src/modules/access/index.js');
    const server = await testServer(app);
    try {
      await createAccount(app.db, systemActor('cli'), {
        username: 'desk',
        displayName: 'd',
        password: 'desk-pass-123',
        role: 'townshipOfficer',
        division: TOWNSHIP_A,
      });
      const login = await server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'desk', password: 'desk-pass-123' },
      });
      const headers = {
        cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        'x-csrf-token': login.json().csrfToken as string,
      };
      const id = await newPerson('1991-01-01', 9);
      const r = await server.inject({
        method: 'POST',
        url: '/api/v1/unemployment-registrations',
        payload: { personId: id, date: DATE, declared: { ableToWork: true, employed: false } },
        headers,
      });
      expect(r.statusCode).toBe(201);
      const again = await server.inject({
        method: 'POST',
        url: '/api/v1/unemployment-registrations',
        payload: { personId: id, date: DATE },
        headers,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('ALREADY_REGISTERED_UNEMPLOYED');
      const doc = (await server.inject('/api/openapi.json')).json();
      expect(Object.keys(doc.paths)).toContain('/api/v1/unemployment-registrations');
    } finally {
      await server.close();
    }
  });
});
