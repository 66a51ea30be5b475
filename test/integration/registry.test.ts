import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addHouseholdMember,
  createHousehold,
  getPerson,
  listFacts,
  registerEnterprise,
  registerPerson,
  revealPerson,
  searchEnterprises,
  searchPersons,
  setFact,
  updatePerson,
} from '../../src/modules/registry/index.js';
import { makeIdNumber, makeUscc } from '../../src/shared/identity/index.js';
import { actor, createTestApp, LINGYUAN, TOWNSHIP_A, TOWNSHIP_B, type TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.destroy());

const VILLAGE_A = '211382101200'; // 佐杖子村, 万元店镇
const VILLAGE_A2 = '211382101201'; // 康杖子村, 万元店镇
const VILLAGE_B = '211382001001'; // a community of 东城街道
const city = actor('cityOfficer', LINGYUAN);
const townA = actor('townshipOfficer', TOWNSHIP_A);
const townB = actor('townshipOfficer', TOWNSHIP_B);
const clerkA = actor('villageClerk', VILLAGE_A);

const count = async (table: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(app.db)).rows[0]!.n;

describe('registering a person', () => {
  it('derives birth date and sex from the ID number and stores the person', async () => {
    const idNumber = makeIdNumber('211382', '1995-09-09', 8, 'female');
    const p = await registerPerson(app, townA, {
      name: '王秀英',
      idNumber,
      phone: '13804216666',
      residenceDivision: VILLAGE_A,
      education: 'bachelor',
      factsFrom: '2019-01-01',
    });
    expect(p).toMatchObject({
      name: '王秀英',
      sex: 'female',
      birthYear: 1995,
      birthDate: null,
      idKind: 'mainland',
    });
    expect(p.idNumber).toBe(idNumber.slice(0, 6) + '********' + idNumber.slice(-4));
    expect(p.phone).toBe('138****6666');
    expect(p.township).toEqual({ code: TOWNSHIP_A, name: '万元店镇' });
    const facts = await listFacts(app, townA, { type: 'person', id: p.id }, { asOf: '2019-06-15' });
    expect(facts.map((f) => [f.name, f.value, f.source.kind])).toEqual([['education', 'bachelor', 'staff']]);
  });

  it('converts a 15-digit number to 18 digits, so the same person cannot come twice', async () => {
    const id18 = makeIdNumber('211382', '1968-03-05', 123, 'male');
    const id15 = id18.slice(0, 6) + id18.slice(8, 17);
    const p = await registerPerson(app, townA, {
      name: '李建国',
      idNumber: id15,
      residenceDivision: VILLAGE_A,
    });
    expect(p.birthYear).toBe(1968);
    await expect(
      registerPerson(app, townA, { name: '李建国', idNumber: id18, residenceDivision: VILLAGE_A }),
    ).rejects.toMatchObject({
      code: 'PERSON_EXISTS',
      status: 409,
    });
  });

  it('refuses a wrong check character, and writes nothing', async () => {
    const before = await count('persons');
    const auditBefore = await count('audit_log');
    const good = makeIdNumber('211382', '1990-01-01', 5, 'male');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    await expect(
      registerPerson(app, townA, { name: '张三', idNumber: bad, residenceDivision: VILLAGE_A }),
    ).rejects.toMatchObject({
      code: 'INVALID_ID_NUMBER',
      path: 'idNumber',
    });
    expect(await count('persons')).toBe(before);
    expect(await count('audit_log')).toBe(auditBefore);
  });

  it('accepts Hong Kong residents (810000…) and foreign permanent residents (9…)', async () => {
    const hk = makeIdNumber('810000', '1988-02-29', 12, 'male');
    const p = await registerPerson(app, city, { name: '陈大文', idNumber: hk, residenceDivision: VILLAGE_B });
    expect(p.idKind).toBe('hongKong');
  });

  it('refuses unknown and dissolved divisions, and divisions outside the officer’s township', async () => {
    const idNumber = makeIdNumber('211382', '1991-01-01', 7, 'male');
    await expect(
      registerPerson(app, townA, { name: '赵四', idNumber, residenceDivision: '211382999999' }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_DIVISION', path: 'residenceDivision' });
    await expect(
      registerPerson(app, city, { name: '赵四', idNumber, residenceDivision: '211382004' }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_DIVISION' });
    await expect(
      registerPerson(app, townA, { name: '赵四', idNumber, residenceDivision: VILLAGE_B }),
    ).rejects.toMatchObject({
      code: 'DIVISION_OUT_OF_SCOPE',
    });
  });

  it('does not let a leader or an auditor write the registry', async () => {
    const idNumber = makeIdNumber('211382', '1991-01-01', 9, 'male');
    await expect(
      registerPerson(app, actor('leader', LINGYUAN), {
        name: '赵四',
        idNumber,
        residenceDivision: VILLAGE_A,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('jurisdiction', () => {
  let inA: number;
  let inB: number;
  beforeAll(async () => {
    inA = (
      await registerPerson(app, townA, {
        name: '孙丽',
        idNumber: makeIdNumber('211382', '1999-05-05', 1, 'female'),
        residenceDivision: VILLAGE_A2,
      })
    ).id;
    inB = (
      await registerPerson(app, townB, {
        name: '孙丽',
        idNumber: makeIdNumber('211382', '1999-05-05', 3, 'female'),
        residenceDivision: VILLAGE_B,
      })
    ).id;
  });

  it('shows another township’s person as not found, not forbidden', async () => {
    await expect(getPerson(app, townA, inB)).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND', status: 404 });
    expect((await getPerson(app, townB, inB)).id).toBe(inB);
    expect((await getPerson(app, city, inB)).id).toBe(inB);
  });

  it('keeps a village clerk to their own village', async () => {
    await expect(getPerson(app, clerkA, inA)).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
  });

  it('finds by name prefix only within the searcher’s jurisdiction', async () => {
    expect((await searchPersons(app, townA, { name: '孙' })).map((p) => p.id)).toEqual([inA]);
    expect((await searchPersons(app, city, { name: '孙丽' })).map((p) => p.id).sort()).toEqual(
      [inA, inB].sort(),
    );
    expect(await searchPersons(app, townA, { name: '孙', division: TOWNSHIP_B })).toEqual([]);
  });

  it('finds by ID number, typed with full-width digits or as the old 15-digit number', async () => {
    const id = makeIdNumber('211382', '1999-05-05', 1, 'female');
    const fullWidth = id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect((await searchPersons(app, townA, { idNumber: fullWidth })).map((p) => p.id)).toEqual([inA]);
    expect(await searchPersons(app, townB, { idNumber: id })).toEqual([]);
  });

  it('lets a citizen see only their own record', async () => {
    const me = actor('citizen', VILLAGE_A2, { person: { county: LINGYUAN, id: inA } });
    expect((await getPerson(app, me, inA)).id).toBe(inA);
    await expect(getPerson(app, me, inB)).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
  });

  it('guards updates with the version, and audits the move', async () => {
    const p = await getPerson(app, townA, inA);
    const moved = await updatePerson(app, townA, inA, {
      version: p.version,
      residenceDivision: VILLAGE_A,
      phone: '0421-6812345',
    });
    expect(moved.residenceDivision.code).toBe(VILLAGE_A);
    expect(moved.phone).toBe('042*****2345');
    await expect(updatePerson(app, townA, inA, { version: p.version, name: '孙莉' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('dated facts', () => {
  let id: number;
  beforeAll(async () => {
    id = (
      await registerPerson(app, townA, {
        name: '周强',
        idNumber: makeIdNumber('211382', '1980-10-10', 44, 'male'),
        residenceDivision: VILLAGE_A,
      })
    ).id;
  });

  it('answers "what did we know on a date" with one answer per fact, with its source', async () => {
    await setFact(
      app,
      townA,
      { type: 'person', id },
      { name: 'employed', value: true, validFrom: '2018-01-01' },
    );
    await setFact(
      app,
      city,
      { type: 'person', id },
      {
        name: 'employed',
        value: false,
        validFrom: '2019-03-01',
        source: { kind: 'department', ref: '社保参保缴费名单 2019-03' },
      },
    );
    const on = async (d: string) =>
      (await listFacts(app, townA, { type: 'person', id }, { asOf: d })).find((f) => f.name === 'employed');
    expect((await on('2019-02-28'))?.value).toBe(true);
    expect(await on('2019-03-01')).toMatchObject({
      value: false,
      source: { kind: 'department', ref: '社保参保缴费名单 2019-03' },
    });
    expect(await on('2017-12-31')).toBeUndefined();
    const history = await listFacts(app, townA, { type: 'person', id }, { history: true });
    expect(history.map((f) => [f.value, f.validFrom, f.validTo])).toEqual([
      [true, '2018-01-01', '2019-03-01'],
      [false, '2019-03-01', null],
    ]);
  });

  it('checks values against the fact vocabulary and refuses unknown facts', async () => {
    await expect(
      setFact(
        app,
        townA,
        { type: 'person', id },
        { name: 'insuredMonths', value: '12', validFrom: '2019-01-01' },
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_FACT_VALUE',
    });
    await expect(
      setFact(app, townA, { type: 'person', id }, { name: 'salary', value: 1, validFrom: '2019-01-01' }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_FACT',
      path: 'name',
    });
    await expect(
      setFact(
        app,
        townA,
        { type: 'person', id },
        { name: 'disabled', value: true, validFrom: '2019-01-01', validTo: '2019-01-01' },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_PERIOD' });
  });

  it('lets only the city record a department list as the source', async () => {
    await expect(
      setFact(
        app,
        townA,
        { type: 'person', id },
        { name: 'veteran', value: true, validFrom: '2019-01-01', source: { kind: 'department', ref: 'x' } },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gives members the facts of their household, marked as inherited', async () => {
    const spouse = (
      await registerPerson(app, townA, {
        name: '吴芳',
        idNumber: makeIdNumber('211382', '1982-02-02', 46, 'female'),
        residenceDivision: VILLAGE_A,
      })
    ).id;
    const h = await createHousehold(app, townA, {
      residenceDivision: VILLAGE_A,
      members: [{ personId: id, relation: 'head' }],
      since: '2019-01-01',
    });
    await addHouseholdMember(app, townA, h.id, { personId: spouse, relation: 'spouse', since: '2019-01-01' });
    await setFact(
      app,
      city,
      { type: 'household', id: h.id },
      {
        name: 'lowIncomeFamily',
        value: true,
        validFrom: '2019-05-01',
        source: { kind: 'department', ref: '民政局低保名单 2019-05' },
      },
    );
    const facts = await listFacts(app, townA, { type: 'person', id: spouse }, { asOf: '2019-06-15' });
    expect(facts.find((f) => f.name === 'lowIncomeFamily')).toMatchObject({
      value: true,
      via: { household: h.id },
    });
    const before = await listFacts(app, townA, { type: 'person', id: spouse }, { asOf: '2019-04-30' });
    expect(before.find((f) => f.name === 'lowIncomeFamily')).toBeUndefined();
    expect((await searchPersons(app, townA, { householdId: h.id })).map((p) => p.id).sort()).toEqual(
      [id, spouse].sort(),
    );
    await expect(
      addHouseholdMember(app, townA, h.id, { personId: spouse, relation: 'child' }),
    ).rejects.toMatchObject({
      code: 'HOUSEHOLD_MEMBER_EXISTS',
    });
  });
});

describe('enterprises', () => {
  it('registers by a valid credit code, refuses a wrong one and a duplicate', async () => {
    const uscc = makeUscc('211382', 4711);
    const e = await registerEnterprise(app, townA, {
      name: '凌源市佐杖子农产品加工有限公司',
      uscc,
      size: 'small',
      industry: 'C1310',
      division: VILLAGE_A,
      contactPhone: '13904211234',
    });
    expect(e).toMatchObject({ uscc, size: 'small', contactPhone: '139****1234' });
    await expect(
      registerEnterprise(app, townA, { name: 'x', uscc, division: VILLAGE_A }),
    ).rejects.toMatchObject({ code: 'ENTERPRISE_EXISTS' });
    const bad = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
    await expect(
      registerEnterprise(app, townA, { name: 'x', uscc: bad, division: VILLAGE_A }),
    ).rejects.toMatchObject({
      code: 'INVALID_USCC',
      path: 'uscc',
    });
    await expect(
      registerEnterprise(app, townA, {
        name: 'x',
        uscc: makeUscc('211382', 4712),
        industry: 'C44',
        division: VILLAGE_A,
      }),
    ).rejects.toMatchObject({ path: 'industry' });
    expect((await searchEnterprises(app, townA, { uscc })).map((x) => x.id)).toEqual([e.id]);
    expect(await searchEnterprises(app, townB, { uscc })).toEqual([]);
    await setFact(
      app,
      townA,
      { type: 'enterprise', id: e.id },
      { name: 'insured', value: true, validFrom: '2019-01-01' },
    );
    const facts = await listFacts(app, townA, { type: 'enterprise', id: e.id }, { asOf: '2019-06-15' });
    expect(facts.map((f) => f.name)).toEqual(['insured']);
  });
});

describe('revealing personal data', () => {
  it('needs the permission and a reason, and is audited with the reason', async () => {
    const idNumber = makeIdNumber('211382', '2000-12-12', 77, 'male');
    const p = await registerPerson(app, townA, {
      name: '郑磊',
      idNumber,
      residenceDivision: VILLAGE_A,
      bankAccount: '6222 0212 3456 7890 123',
    });
    expect(p.bankAccount).toBe('***************0123');
    const full = await revealPerson(app, townA, p.id, {
      fields: ['idNumber', 'bankAccount', 'birthDate'],
      reason: '核对发放账户',
    });
    expect(full).toMatchObject({ idNumber, bankAccount: '6222021234567890123', birthDate: '2000-12-12' });
    await expect(
      revealPerson(app, actor('leader', LINGYUAN), p.id, { fields: ['idNumber'], reason: '查看' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const audit = await sql<{ details: { reason: string; fields: string[] } }>`
      SELECT details FROM audit_log WHERE action = 'person.reveal' AND entity_id = ${String(p.id)}`.execute(
      app.db,
    );
    expect(audit.rows.map((r) => r.details)).toEqual([
      { fields: ['idNumber', 'bankAccount', 'birthDate'], reason: '核对发放账户' },
    ]);
  });
});
