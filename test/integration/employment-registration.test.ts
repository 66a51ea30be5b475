import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFacts, registerEnterprise, registerPerson } from '../../src/modules/registry/index.js';
import {
  listPersonEmployments,
  listPersonRegistrations,
  registerEmployment,
  registerUnemployment,
} from '../../src/modules/services/index.js';
import { makeIdNumber, makeUscc } from '../../src/shared/identity/index.js';
import { actor, createTestApp, TOWNSHIP_A, TOWNSHIP_B, type TestApp } from '../support/test-app.js';

let app: TestApp;
const town = actor('townshipOfficer', TOWNSHIP_A);
const newPerson = async (seq: number) =>
  (
    await registerPerson(app, town, {
      name: '就业测试',
      idNumber: makeIdNumber('211382', '1990-04-04', seq, 'male'),
      residenceDivision: '211382101200',
    })
  ).id;

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.destroy());

describe('就业登记', () => {
  it('records the employer and contract, ends the open 失业登记 on the start date, and the facts follow with their source', async () => {
    const id = await newPerson(11);
    const reg = await registerUnemployment(app, town, {
      personId: id,
      date: '2019-06-15',
      declared: { ableToWork: true, employed: false },
    });
    const ent = await registerEnterprise(app, town, {
      name: '凌源测试制衣有限公司',
      uscc: makeUscc('211382', 4711),
      division: '211382101200',
    });
    const employer = { enterpriseId: ent.id };
    const e = await registerEmployment(app, town, {
      personId: id,
      employer,
      startedOn: '2019-09-02',
      contractType: 'fixedTerm',
      termEndsOn: '2022-09-01',
    });
    expect(e).toMatchObject({
      personId: id,
      startedOn: '2019-09-02',
      contractType: 'fixedTerm',
      termEndsOn: '2022-09-01',
      employer: { enterpriseId: ent.id, name: '凌源测试制衣有限公司', uscc: ent.uscc },
      endedUnemploymentRegistration: reg.id,
    });
    const regs = await listPersonRegistrations(app, town, id);
    expect(regs.find((r) => r.id === reg.id)).toMatchObject({ endedOn: '2019-09-02', endReason: 'employed' });
    const on = await listFacts(app, town, { type: 'person', id }, { asOf: '2019-09-02' });
    expect(on.find((f) => f.name === 'registeredUnemployed')?.value).toBe(false);
    expect(on.find((f) => f.name === 'employed')).toMatchObject({
      value: true,
      source: { kind: 'staff', ref: `就业登记 #${e.id}（凌源测试制衣有限公司）` },
    });
    const before = await listFacts(app, town, { type: 'person', id }, { asOf: '2019-09-01' });
    expect(before.find((f) => f.name === 'registeredUnemployed')?.value).toBe(true);
    expect((await listPersonEmployments(app, town, id)).map((x) => x.id)).toEqual([e.id]);
    const audit = await sql<{ action: string }>`
      SELECT action FROM audit_log WHERE entity_type = 'employmentRegistration' AND entity_id = ${String(e.id)}`.execute(
      app.db,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['employmentRegistration.create']);
  });

  it('takes an employer by name and credit code, checks the contract, and keeps to the jurisdiction', async () => {
    const id = await newPerson(31);
    await expect(
      registerEmployment(app, town, {
        personId: id,
        employer: { name: '某个体工商户' },
        startedOn: '2020-01-02',
        contractType: 'fixedTerm',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', path: 'termEndsOn' });
    await expect(
      registerEmployment(app, town, {
        personId: id,
        employer: { name: '某公司', uscc: '12345' },
        startedOn: '2020-01-02',
        contractType: 'openEnded',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_USCC', path: 'employer.uscc' });
    await expect(
      registerEmployment(app, actor('townshipOfficer', TOWNSHIP_B), {
        personId: id,
        employer: { name: '某公司' },
        startedOn: '2020-01-02',
        contractType: 'openEnded',
      }),
    ).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
    await expect(
      registerEmployment(app, actor('leader', '211382'), {
        personId: id,
        employer: { name: '某公司' },
        startedOn: '2020-01-02',
        contractType: 'openEnded',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Nothing half-written: no registration was kept for the refused ones.
    expect(await listPersonEmployments(app, town, id)).toEqual([]);
    const e = await registerEmployment(app, town, {
      personId: id,
      employer: { name: '灵活就业' },
      startedOn: '2020-01-02',
      contractType: 'none',
    });
    expect(e.endedUnemploymentRegistration).toBeNull();
  });
});

describe('就业登记 over HTTP', () => {
  it('is in the API: POST /employment-registrations and GET /persons/{id}/employment-registrations', async () => {
    const { testServer } = await import('../support/test-app.js');
    const { createAccount, systemActor } = await import('../../src/modules/access/index.js');
    const server = await testServer(app);
    try {
      await createAccount(app.db, systemActor('cli'), {
        username: 'emp-desk',
        displayName: 'd',
        password: 'desk-pass-123',
        role: 'townshipOfficer',
        division: TOWNSHIP_A,
      });
      const login = await server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'emp-desk', password: 'desk-pass-123' },
      });
      const headers = {
        cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        'x-csrf-token': login.json().csrfToken as string,
      };
      const id = await newPerson(21);
      const r = await server.inject({
        method: 'POST',
        url: '/api/v1/employment-registrations',
        payload: {
          personId: id,
          employer: { name: '凌源某商店' },
          startedOn: '2021-03-01',
          contractType: 'openEnded',
        },
        headers,
      });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ personId: id, employer: { name: '凌源某商店', enterpriseId: null } });
      const bad = await server.inject({
        method: 'POST',
        url: '/api/v1/employment-registrations',
        payload: {
          personId: id,
          employer: { name: '凌源某商店' },
          startedOn: '2021-03-01',
          contractType: 'fixedTerm',
        },
        headers,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', path: 'termEndsOn' });
      const list = await server.inject({ url: `/api/v1/persons/${id}/employment-registrations`, headers });
      expect(list.json()).toHaveLength(1);
      const doc = (await server.inject('/api/openapi.json')).json();
      expect(Object.keys(doc.paths)).toContain('/api/v1/employment-registrations');
    } finally {
      await server.close();
    }
  });
});
