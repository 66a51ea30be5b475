import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerEnterprise, registerPerson, setFact } from '../../src/modules/registry/index.js';
import {
  evaluateRegisteredPerson,
  listScanFindings,
  readPackSources,
  runScan,
  simulate,
  type PackSources,
} from '../../src/modules/rules/index.js';
import { POLICY_DIR } from '../../src/modules/rules/infra/pack-files.js';
import { makeIdNumber, makeUscc } from '../../src/shared/identity/index.js';
import { actor, createTestApp, LINGYUAN, TOWNSHIP_A, TOWNSHIP_B, type TestApp } from '../support/test-app.js';

let app: TestApp;
const city = actor('cityOfficer', LINGYUAN);
const townA = actor('townshipOfficer', TOWNSHIP_A);
const townB = actor('townshipOfficer', TOWNSHIP_B);
const policy = actor('policyAdmin', LINGYUAN);
const DATE = '2020-05-20';
const skilledId = makeIdNumber('211382', '1995-09-09', 8, 'female');
let skilled: number;
let other: number;

async function person(a: typeof townA, division: string, id: string, facts: [string, unknown][]) {
  const p = await registerPerson(app, a, {
    name: '测试',
    idNumber: id,
    residenceDivision: division,
    factsFrom: '2019-01-01',
  });
  for (const [name, value] of facts) {
    await setFact(app, a, { type: 'person', id: p.id }, { name, value, validFrom: '2019-01-01' });
  }
  return p.id;
}

const certificate = { kind: 'skillLevel', occupation: '6-31-01-03', level: 3, obtainedOn: '2020-04-01' };

beforeAll(async () => {
  app = await createTestApp();
  skilled = await person(townA, '211382101200', skilledId, [
    ['employed', true],
    ['insuredMonths', 13],
    ['certificate', certificate],
  ]);
  other = await person(townB, '211382001001', makeIdNumber('211382', '1990-01-01', 9, 'male'), [
    ['employed', true],
    ['insuredMonths', 40],
    ['certificate', { ...certificate, level: 5 }],
  ]);
  await person(townA, '211382101200', makeIdNumber('211382', '1985-03-03', 11, 'male'), [
    ['employed', false],
  ]);
  const e = await registerEnterprise(app, townA, {
    name: '凌源市测试商贸有限公司',
    uscc: makeUscc('211382', 99),
    division: '211382101200',
    size: 'medium',
  });
  for (const [name, value] of [
    ['insured', true],
    ['premiumArrears', false],
    ['insuredEmployees', 50],
    ['laidOffLastYear', 1],
    ['unemploymentPremiumPaidLastYear', 30000],
    ['temporaryDifficulty', false],
  ] as const) {
    await setFact(app, townA, { type: 'enterprise', id: e.id }, { name, value, validFrom: '2019-01-01' });
  }
});
afterAll(() => app.destroy());

describe('facts from the registry', () => {
  it('evaluates a registered person on a date, saying where each fact came from', async () => {
    const r = await evaluateRegisteredPerson(app, townA, app.rules.engineFor(DATE), {
      personId: skilled,
      date: DATE,
      programmes: ['skill-upgrade-subsidy'],
    });
    expect(r.results[0]).toMatchObject({ eligible: true, amount: 2000 });
    expect(r.facts.idNumber).toMatch(/^211382\*{8}/);
    expect(r.sources.certificate).toMatchObject({ kind: 'staff', validFrom: '2019-01-01' });
    expect(r.sources.birthDate?.kind).toBe('registry');
  });

  it('uses what was known on the date: before a fact began, it is missing', async () => {
    const training = {
      catalogItem: 'T-001',
      standardAmount: 1200,
      feePaid: 1500,
      paidBySelf: true,
      passed: true,
      daysAttended: 20,
      startedOn: '2020-04-01',
      endedOn: '2020-04-30',
      choseUnemploymentBenefit: false,
    };
    await setFact(
      app,
      townA,
      { type: 'person', id: skilled },
      { name: 'training', value: training, validFrom: '2020-05-10' },
    );
    const on = (date: string) =>
      evaluateRegisteredPerson(app, townA, app.rules.engineFor(date), {
        personId: skilled,
        date,
        programmes: ['vocational-training-subsidy'],
      });
    expect((await on('2020-05-09')).results[0]!.missing).toContain('training');
    expect((await on('2020-05-10')).results[0]!.missing).not.toContain('training');
  });

  it('does not find another township’s person', async () => {
    await expect(
      evaluateRegisteredPerson(app, townB, app.rules.engineFor(DATE), { personId: skilled, date: DATE }),
    ).rejects.toMatchObject({
      code: 'PERSON_NOT_FOUND',
    });
  });

  it('answers `jiuye rules evaluate --person <ID> --date`', async () => {
    if (app.database.kind !== 'pglite') return;
    await app.close();
    try {
      const r = spawnSync(
        process.execPath,
        [
          'bin/jiuye.mjs',
          'rules',
          'evaluate',
          '--person',
          skilledId,
          '--date',
          DATE,
          '--programme',
          'skill-upgrade-subsidy',
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, JIUYE_DATA: app.dataDir, JIUYE_DATA_KEY: app.dataKey, DATABASE_URL: '' },
        },
      );
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).results[0]).toMatchObject({ eligible: true, amount: 2000 });
    } finally {
      await app.reopen();
    }
  });
});

describe('政策找人 scan', () => {
  it('finds who qualifies, per township and programme, and stores the list', async () => {
    const s = await runScan(app.database, city, app.rules.engineFor(DATE), { date: DATE });
    // The person with no fact that any programme requires is not read: she cannot qualify.
    expect(s.subjects).toBe(3);
    const found = await listScanFindings(app.db, city, {});
    expect(found.map((f) => [f.subjectType, f.programme, f.amount]).sort()).toEqual(
      [
        ['enterprise', 'job-retention-refund', 15000],
        ['person', 'skill-upgrade-subsidy', 1000],
        ['person', 'skill-upgrade-subsidy', 2000],
      ].sort(),
    );
    const mine = await listScanFindings(app.db, townA, {});
    expect(mine.every((f) => f.township === TOWNSHIP_A)).toBe(true);
    expect(mine).toHaveLength(2);
  });

  it('rescans only the subjects whose facts changed, and keeps the list current', async () => {
    await setFact(
      app,
      townA,
      { type: 'person', id: skilled },
      { name: 'employed', value: false, validFrom: '2020-05-01' },
    );
    const s = await runScan(app.database, city, app.rules.engineFor(DATE), { date: DATE, incremental: true });
    expect(s.incremental).toBe(true);
    expect(s.subjects).toBe(1);
    const found = await listScanFindings(app.db, city, { programme: 'skill-upgrade-subsidy' });
    expect(found.map((f) => f.subjectId)).toEqual([other]);
    const lapsed = await sql<{ current: boolean }>`
      SELECT current FROM rules_findings WHERE subject_id = ${skilled} AND subject_type = 'person'`.execute(
      app.db,
    );
    expect(lapsed.rows).toEqual([{ current: false }]);
  });

  it('keeps a township officer to their township', async () => {
    await expect(
      runScan(app.database, townA, app.rules.engineFor(DATE), { date: DATE, scope: TOWNSHIP_B }),
    ).rejects.toMatchObject({
      code: 'DIVISION_OUT_OF_SCOPE',
    });
    const s = await runScan(app.database, townA, app.rules.engineFor(DATE), { date: DATE });
    expect(s.subjects).toBe(2);
  });
});

describe('simulation', () => {
  it('costs a parameter change per programme and township, against the current parameters', async () => {
    const r = await simulate(app.database, city, app.rules.engineFor(DATE), {
      date: DATE,
      parameters: { 'skillUpgrade.amountByLevel': { '5': 1200, '4': 1800, '3': 2400, '2': 2400, '1': 2400 } },
    });
    expect(r.affected).toEqual(['skill-upgrade-subsidy']);
    const skill = r.byProgramme.find((c) => c.programme === 'skill-upgrade-subsidy')!;
    expect(skill).toMatchObject({
      baseline: { beneficiaries: 1, cost: 1000 },
      reform: { beneficiaries: 1, cost: 1200 },
    });
    const jr = r.byProgramme.find((c) => c.programme === 'job-retention-refund')!;
    expect(jr.baseline).toEqual(jr.reform);
  });

  it('refuses an override beyond the text’s limits', async () => {
    await expect(
      simulate(app.database, city, app.rules.engineFor(DATE), {
        date: DATE,
        parameters: { 'apprenticeship.perApprenticeYearly': 3000 },
      }),
    ).rejects.toMatchObject({
      code: 'PARAMETER_OUT_OF_LIMITS',
      path: 'parameters.apprenticeship.perApprenticeYearly',
    });
  });
});

describe('pack versions', () => {
  const base = () =>
    JSON.parse(JSON.stringify(readPackSources(`${POLICY_DIR}/lingyuan-2019`))) as PackSources;

  it('loads a new version, shows its differences, activates it from a date, and keeps the old one for earlier dates', async () => {
    const next = base();
    next.meta.version = '1.2.0';
    const wage = next.parameters.find((p) => p.id === 'skillUpgrade.amountByLevel')!;
    wage.values.push({
      from: '2020-01-01',
      value: { '5': 1100, '4': 1600, '3': 2100, '2': 2100, '1': 2100 },
      reference: { document: '测试', assumed: true },
    });
    const skillCases = next.cases.find((c) => c.programme === 'skill-upgrade-subsidy')!;
    skillCases.cases = skillCases.cases.filter((c) => c.date < '2020-01-01' || !c.expect.eligible);
    const { version, diff } = await app.rules.loadVersion(policy, next);
    expect(version).toMatchObject({ version: '1.2.0', activeFrom: null });
    expect(diff.parameters).toEqual([
      expect.objectContaining({ id: 'skillUpgrade.amountByLevel', change: 'changed' }),
    ]);
    await app.rules.activate(policy, '1.2.0', '2020-05-01');
    expect(app.rules.engineFor('2020-04-30').label).toBe('lingyuan-2019@1.1.0');
    expect(app.rules.engineFor(DATE).label).toBe('lingyuan-2019@1.2.0');
    const r = await evaluateRegisteredPerson(app, city, app.rules.engineFor(DATE), {
      personId: other,
      date: DATE,
      programmes: ['skill-upgrade-subsidy'],
    });
    expect(r).toMatchObject({
      pack: 'lingyuan-2019@1.2.0',
      results: [expect.objectContaining({ amount: 1100 })],
    });
    const again = await app.rules.engineByLabel('lingyuan-2019@1.1.0');
    expect(again.label).toBe('lingyuan-2019@1.1.0');
    expect((await app.rules.list(policy)).versions.map((v) => v.version)).toEqual(['1.2.0']);
  });

  it('never keeps a pack whose cases fail, or one that breaks the text’s limits', async () => {
    const broken = base();
    broken.meta.version = '1.2.0';
    broken.parameters.find((p) => p.id === 'skillUpgrade.amountByLevel')!.values[0]!.value = {
      '5': 1,
      '4': 1,
      '3': 1,
      '2': 1,
      '1': 1,
    };
    await expect(app.rules.loadVersion(policy, broken)).rejects.toMatchObject({ code: 'PACK_INVALID' });
    const limits = base();
    limits.meta.version = '1.3.0';
    limits.parameters.find((p) => p.id === 'apprenticeship.advanceRatio')!.values[0]!.value = 0.6;
    await expect(app.rules.loadVersion(policy, limits)).rejects.toMatchObject({ code: 'PACK_INVALID' });
    expect((await app.rules.list(policy)).versions.map((v) => v.version)).toEqual(['1.2.0']);
  });

  it('is for the policy administrator only', async () => {
    await expect(app.rules.loadVersion(city, base())).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('scans over HTTP', () => {
  it('start in the background (202) and can be followed to the end', async () => {
    const { testServer } = await import('../support/test-app.js');
    const { createAccount, systemActor } = await import('../../src/modules/access/index.js');
    const server = await testServer(app);
    try {
      await createAccount(app.db, systemActor('cli'), {
        username: 'scanner',
        displayName: 's',
        password: 'scanner-pass-1',
        role: 'cityOfficer',
        division: LINGYUAN,
      });
      const login = await server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'scanner', password: 'scanner-pass-1' },
      });
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const headers = { cookie, 'x-csrf-token': login.json().csrfToken as string };
      const started = await server.inject({
        method: 'POST',
        url: '/api/v1/rules/scans',
        payload: { date: DATE },
        headers,
      });
      expect(started.statusCode).toBe(202);
      const { runId } = started.json() as { runId: number };
      let status = 'running';
      for (let i = 0; i < 100 && status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await server.inject({ url: `/api/v1/rules/scans/${runId}`, headers })).json().status;
      }
      expect(status).toBe('done');
      const list = await server.inject({
        url: '/api/v1/rules/findings?programme=skill-upgrade-subsidy',
        headers,
      });
      expect(list.json().length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});

describe.runIf(process.env.JIUYE_TEST_DB !== 'postgres')(
  'a scan cut off by a stop of the embedded server',
  () => {
    it('is recorded as interrupted at the next start, not left running', async () => {
      const r = await sql<{ id: number }>`
      INSERT INTO rules_scan_runs (pack, scope, as_of, started_by) VALUES ('lingyuan-2019@1.1.0', '211382', ${DATE}, 'test')
      RETURNING id`.execute(app.db);
      const id = r.rows[0]!.id;
      await app.reopen();
      const after = await sql<{ finished_at: Date | null; error: string | null }>`
      SELECT finished_at, error FROM rules_scan_runs WHERE id = ${id}`.execute(app.db);
      expect(after.rows[0]!.finished_at).not.toBeNull();
      expect(after.rows[0]!.error).toMatch(/interrupted/);
    });
  },
);
