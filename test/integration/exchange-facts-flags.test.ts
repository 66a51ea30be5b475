import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/index.js';
import {
  applyImportFacts,
  decideFlag,
  importList,
  listFlags,
  reviewCandidate,
  runCrossChecks,
} from '../../src/modules/exchange/index.js';
import {
  commitForApproval,
  createBatch,
  getBatch,
  runBatch,
  setBudget,
} from '../../src/modules/funds/index.js';
import { registerEnterprise, registerPerson, setFact } from '../../src/modules/registry/index.js';
import { getScanRun, latestScan, listOutreach, runScan } from '../../src/modules/rules/index.js';
import { makeIdNumber, makeUscc } from '../../src/shared/identity/index.js';
import { errorOf, signIn, type HttpClient } from '../support/http-client.js';
import { actor, createTestApp, LINGYUAN, testServer, TOWNSHIP_B, type TestApp } from '../support/test-app.js';

let app: TestApp;
const city = actor('cityOfficer', LINGYUAN);
const civil = actor('civilAffairsLiaison', LINGYUAN);
const approver = actor('cityApprover', LINGYUAN);
const finance = actor('financeOfficer', LINGYUAN);
const townB = actor('townshipOfficer', TOWNSHIP_B);
const VILLAGE_A = '211382101200';
const TODAY = '2026-11-30';

const P = {
  a: { name: '王建国', id: makeIdNumber('211382', '1968-03-05', 123, 'male') },
  b: { name: '刘丽华', id: makeIdNumber('211382', '1975-11-20', 40, 'female') },
  c: { name: '孙志刚', id: makeIdNumber('211382', '1985-05-05', 31, 'male') },
  d: { name: '李春梅', id: makeIdNumber('211382', '1979-09-09', 20, 'female') },
  e: { name: '赵淑芬', id: makeIdNumber('211382', '1958-02-28', 88, 'female') },
  f: { name: '周大勇', id: makeIdNumber('211382', '1970-04-04', 55, 'male') },
  // One human, two records: the second number mistyped at registration (both pass their check).
  g1: { name: '吴海燕', id: makeIdNumber('211382', '1992-06-01', 71, 'female') },
  g2: { name: '吳海燕', id: makeIdNumber('211382', '1992-06-01', 73, 'female') },
};
type Key = keyof typeof P;
const ids = {} as Record<Key, number>;

beforeAll(async () => {
  app = await createTestApp();
  app.today = () => TODAY;
  for (const [k, p] of Object.entries(P))
    ids[k as Key] = (
      await registerPerson(app, systemActor('cli'), {
        name: p.name,
        idNumber: p.id,
        residenceDivision: VILLAGE_A,
      })
    ).id;
});
afterAll(() => app.destroy());

const csv = (rows: string[][]) =>
  Buffer.from(['姓名,公民身份号码', ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n');
const load = (kind: Parameters<typeof importList>[2]['kind'], asOf: string, rows: string[][]) =>
  importList(app, civil, { kind, fileName: `${kind}-${asOf}.csv`, content: csv(rows), asOf });

/** The person's rows of one fact, history included. */
async function factRows(person: number, name: string) {
  return (
    await sql<{
      value: unknown;
      valid_from: string;
      valid_to: string | null;
      source_kind: string;
      source_ref: string;
      superseded: boolean;
    }>`SELECT value, valid_from, valid_to, source_kind, source_ref, superseded_at IS NOT NULL AS superseded
         FROM facts WHERE subject_type = 'person' AND subject_id = ${person} AND name = ${name}
        ORDER BY recorded_at, id`.execute(app.db)
  ).rows;
}
const current = async (person: number, name: string) =>
  (await factRows(person, name)).filter((r) => !r.superseded);

describe('lists become dated facts', () => {
  let first: number;
  it('sets the fact from the list’s date for every certain match, with the list as its source', async () => {
    const s = await load('low-income', '2026-10-31', [
      [P.a.name, P.a.id],
      [P.b.name, P.b.id],
      ['孙志钢', P.c.id], // a name one character off: a candidate, no fact yet
    ]);
    first = s.import;
    expect(s).toMatchObject({ matched: 2, candidates: 1 });
    const f = await applyImportFacts(app, civil, first, { refresh: 'wait' });
    expect(f).toMatchObject({ fact: 'lowIncomeFamily', previousImport: null, opened: 2, closed: 0 });
    // 政策找人 has never been run here: a list does not start a full scan by itself.
    expect(f.scanRunId).toBeNull();
    expect(await current(ids.a, 'lowIncomeFamily')).toEqual([
      {
        value: true,
        valid_from: '2026-10-31',
        valid_to: null,
        source_kind: 'department',
        source_ref: `低保名单（2026-10-31，导入#${first}）`,
        superseded: false,
      },
    ]);
    expect(await current(ids.c, 'lowIncomeFamily')).toEqual([]);
    // Applying again changes nothing.
    expect(await applyImportFacts(app, civil, first, { refresh: 'none' })).toMatchObject({
      opened: 0,
      closed: 0,
      unchanged: 2,
      scanRunId: null,
    });
  });

  it('sets the fact when a reviewer confirms a candidate, and judges 政策找人 again for that person', async () => {
    const baseline = await runScan(app.database, city, app.rules.engineFor(TODAY), { date: TODAY });
    await reviewCandidate(
      app,
      city,
      first,
      4,
      { subjectId: ids.c, decision: 'confirm' },
      { refresh: 'wait' },
    );
    expect(await current(ids.c, 'lowIncomeFamily')).toMatchObject([
      { value: true, valid_from: '2026-10-31', valid_to: null },
    ]);
    const again = await latestScan(app, city);
    expect(again!.runId).toBeGreaterThan(baseline.runId);
    expect(await getScanRun(app.db, city, again!.runId)).toMatchObject({
      status: 'done',
      incremental: true,
      subjects: 1,
    });
  });

  it('closes (never deletes) the fact of someone missing from the next list, but not while they are a candidate', async () => {
    const s = await load('low-income', '2026-11-30', [
      [P.c.name, P.c.id],
      ['王建军', P.a.id], // a's number with a sibling's name: a candidate, so a's fact stays open for now
    ]);
    expect(s).toMatchObject({ matched: 1, candidates: 1 });
    const f = await applyImportFacts(app, civil, s.import, { refresh: 'none' });
    expect(f).toMatchObject({ previousImport: first, opened: 0, closed: 1, unchanged: 1 });
    // b dropped off: the period ends on the new list's date; the old row is kept as history.
    expect(await current(ids.b, 'lowIncomeFamily')).toMatchObject([
      { value: true, valid_from: '2026-10-31', valid_to: '2026-11-30' },
    ]);
    expect((await factRows(ids.b, 'lowIncomeFamily')).filter((r) => r.superseded)).toHaveLength(1);
    expect(await current(ids.a, 'lowIncomeFamily')).toMatchObject([{ valid_to: null }]);
    // The reviewer says the row is not a: now a is off the list, and the fact closes.
    await reviewCandidate(app, city, s.import, 3, { subjectId: ids.a, decision: 'dismiss' });
    expect(await current(ids.a, 'lowIncomeFamily')).toMatchObject([
      { valid_from: '2026-10-31', valid_to: '2026-11-30' },
    ]);
    const imp = await sql<{
      facts_opened: number;
      facts_closed: number;
    }>`SELECT facts_opened, facts_closed FROM exchange_imports WHERE id = ${s.import}`.execute(app.db);
    expect(imp.rows[0]).toEqual({ facts_opened: 0, facts_closed: 2 });
  });

  it('changes nothing for a list older than one already loaded', async () => {
    const s = await load('low-income', '2026-09-30', [[P.d.name, P.d.id]]);
    expect(await applyImportFacts(app, civil, s.import, { refresh: 'none' })).toMatchObject({
      skipped: 'newer-list',
      opened: 0,
    });
    expect(await current(ids.d, 'lowIncomeFamily')).toEqual([]);
  });

  it('counts a list loaded from the command line as the county’s, like one loaded by city staff', async () => {
    const cli = systemActor('cli');
    const one = await importList(app, cli, {
      kind: 'extreme-poverty',
      fileName: 'tk-10.csv',
      content: csv([[P.d.name, P.d.id]]),
      asOf: '2026-10-31',
    });
    expect(await applyImportFacts(app, cli, one.import, { refresh: 'none' })).toMatchObject({ opened: 1 });
    const two = await load('extreme-poverty', '2026-11-30', [[P.e.name, P.e.id]]);
    expect(await applyImportFacts(app, civil, two.import, { refresh: 'none' })).toMatchObject({
      previousImport: one.import,
      opened: 1,
      closed: 1,
    });
    expect(await current(ids.d, 'extremePoverty')).toMatchObject([{ valid_to: '2026-11-30' }]);
  });

  it('needs the import permission; a township officer cannot apply a city list', async () => {
    await expect(applyImportFacts(app, townB, first, { refresh: 'none' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('cross-check flags', () => {
  const insertApplication = async (person: number, programme: string, status: string) =>
    Number(
      (
        await sql<{ id: number }>`
          INSERT INTO applications (county, programme_id, subject_type, subject_id, division, status, channel, applied_on)
          VALUES (${LINGYUAN}, ${programme}, 'person', ${person}, ${VILLAGE_A}, ${status}, 'desk', '2026-11-01')
          RETURNING id`.execute(app.db)
      ).rows[0]!.id,
    );
  const commit = (applicationId: number, person: Key) =>
    app.db.transaction().execute((trx) =>
      commitForApproval(trx, app, systemActor('job'), {
        county: LINGYUAN,
        applicationId,
        programmeId: 'temporary-living-allowance',
        fund: 'employment-subsidy',
        year: 2026,
        payee: {
          kind: 'person',
          id: ids[person],
          name: P[person].name,
          idNumber: P[person].id,
          bankName: '凌源市农村信用合作联社',
          bankAccount: `6221000000${applicationId}`,
        },
        parts: [{ part: 'full', amountFen: 120_000, payable: true }],
        division: VILLAGE_A,
      }),
    );

  let deadApp: number;
  let allowanceApp: number;
  it('raises each conflict once, with its evidence, and holds the payment concerned', async () => {
    await setBudget(app, finance, 'employment-subsidy', {
      year: 2026,
      programmeId: 'temporary-living-allowance',
      amountFen: 10_000_000,
      onExhausted: 'warn',
    });
    // e: registered unemployed, and on social insurance's list of employees paying contributions.
    await setFact(
      app,
      city,
      { type: 'person', id: ids.e },
      {
        name: 'registeredUnemployed',
        value: true,
        validFrom: '2026-09-01',
      },
    );
    const ins = await load('insured', '2026-11-30', [[P.e.name, P.e.id]]);
    expect(await applyImportFacts(app, civil, ins.import, { refresh: 'none' })).toMatchObject({
      fact: 'insuredEmployee',
      opened: 1,
    });
    // f: approved for the temporary living allowance, unpaid, and on the list of deaths.
    deadApp = await insertApplication(ids.f, 'temporary-living-allowance', 'approved');
    await commit(deadApp, 'f');
    const dead = await load('deceased', '2026-11-30', [[P.f.name, P.f.id]]);
    await applyImportFacts(app, civil, dead.import, { refresh: 'none' });
    // d: applying for the temporary living allowance while eligible for 失业保险金.
    allowanceApp = await insertApplication(ids.d, 'temporary-living-allowance', 'inReview');
    await setFact(
      app,
      city,
      { type: 'person', id: ids.d },
      {
        name: 'insuredMonths',
        value: 30,
        validFrom: '2026-10-01',
      },
    );
    // g1 and g2: one woman under two records (a traditional character), both applying.
    await insertApplication(ids.g1, 'skill-upgrade-subsidy', 'approved');
    const dupApp = await insertApplication(ids.g2, 'skill-upgrade-subsidy', 'inReview');

    // Someone in another township cannot run the checks over the city.
    await expect(runCrossChecks(app, actor('auditor', LINGYUAN))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const r = await runCrossChecks(app, city);
    expect(r.byKind).toEqual({
      'insured-while-unemployed': 1,
      'allowance-while-insurance-eligible': 1,
      'deceased-with-open-case': 1,
      'duplicate-person': 1,
      'enterprise-not-registered': 0,
    });
    expect(r.raised).toBe(4);
    // Nothing new the second time.
    expect((await runCrossChecks(app, city)).raised).toBe(0);

    const { items, total } = await listFlags(app, city, { state: 'open' });
    expect(total).toBe(4);
    const byKind = Object.fromEntries(items.map((i) => [i.kind, i]));
    expect(byKind['insured-while-unemployed']).toMatchObject({
      subject: { type: 'person', id: ids.e, name: '赵*芬' },
      applicationId: null,
      held: false,
    });
    expect(byKind['insured-while-unemployed']!.evidence.map((e) => e.source)).toEqual(['registry', 'list']);
    expect(byKind['insured-while-unemployed']!.evidence[1]!.zh).toContain('参保缴费名单（2026-11-30');
    expect(byKind['deceased-with-open-case']).toMatchObject({ applicationId: deadApp, held: true });
    expect(byKind['allowance-while-insurance-eligible']).toMatchObject({
      applicationId: allowanceApp,
      held: true,
    });
    expect(byKind['allowance-while-insurance-eligible']!.evidence[1]!.zh).toContain('30 个月');
    expect(byKind['duplicate-person']).toMatchObject({ applicationId: dupApp, subject: { id: ids.g2 } });
    // A township officer elsewhere sees none of them.
    expect((await listFlags(app, townB, {})).total).toBe(0);
  });

  it('keeps a held item out of payment batches until a reviewer clears the flag', async () => {
    await expect(
      createBatch(app, approver, { programmeId: 'temporary-living-allowance' }),
    ).rejects.toMatchObject({
      code: 'PAYMENT_BATCH_EMPTY',
    });
    const flag = (await listFlags(app, city, { kind: 'deceased-with-open-case' })).items[0]!;
    await expect(decideFlag(app, townB, flag.id, { outcome: 'cleared', note: '核实' })).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
    await expect(decideFlag(app, city, flag.id, { outcome: 'cleared', note: '' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const d = await decideFlag(app, city, flag.id, { outcome: 'cleared', note: '公安部门核实系同名误报' });
    expect(d).toMatchObject({
      state: 'cleared',
      held: false,
      decision: { outcome: 'cleared', by: city.username },
    });
    await expect(decideFlag(app, city, flag.id, { outcome: 'upheld', note: '再次' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const b = await createBatch(app, approver, { programmeId: 'temporary-living-allowance' });
    expect(b.items).toBe(1);
    const audit = await sql<{ action: string }>`
      SELECT action FROM audit_log WHERE action IN ('payment.hold', 'payment.hold.release', 'exchange.flag.cleared')
       ORDER BY at, seq`.execute(app.db);
    expect(audit.rows.map((r) => r.action)).toEqual([
      'payment.hold',
      'payment.hold',
      'payment.hold',
      'payment.hold.release',
      'exchange.flag.cleared',
    ]);
  });

  it('does not pay an item that came under a hold after it was batched', async () => {
    const late = await insertApplication(ids.g1, 'temporary-living-allowance', 'approved');
    await commit(late, 'g1');
    const b = await createBatch(app, approver, { programmeId: 'temporary-living-allowance' });
    expect(b.items).toBe(1);
    // Now g1 turns out to be on the list of deaths (a mistake, perhaps: a person will say).
    const dead = await load('deceased', '2026-12-01', [[P.g1.name, P.g1.id]]);
    await applyImportFacts(app, civil, dead.import, { refresh: 'none' });
    app.today = () => '2026-12-01';
    try {
      expect((await runCrossChecks(app, city)).byKind['deceased-with-open-case']).toBe(1);
    } finally {
      app.today = () => TODAY;
    }
    const done = await runBatch(app, approver, b.id);
    expect(done).toMatchObject({ status: 'done' });
    const lines = await sql<{ status: string; reason: string }>`
      SELECT status, reason FROM payment_batch_lines WHERE batch_id = ${b.id}`.execute(app.db);
    expect(lines.rows).toEqual([{ status: 'failed', reason: expect.stringContaining('暂停支付') }]);
    const item = await sql<{ status: string }>`
      SELECT status FROM fund_commitments WHERE application_id = ${late}`.execute(app.db);
    expect(item.rows).toEqual([{ status: 'unpaid' }]);
    expect((await getBatch(app, approver, b.id)).status).toBe('done');
  });

  it('an upheld flag keeps the payment held', async () => {
    const flag = (await listFlags(app, city, { kind: 'allowance-while-insurance-eligible' })).items[0]!;
    const d = await decideFlag(app, city, flag.id, {
      outcome: 'upheld',
      note: '符合失业保险金条件，应先领失业保险金',
    });
    expect(d).toMatchObject({ state: 'upheld', held: true });
    const holds = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM fund_holds WHERE application_id = ${allowanceApp} AND released_at IS NULL`.execute(
      app.db,
    );
    expect(holds.rows[0]!.n).toBe(1);
    expect((await listFlags(app, city, { state: 'decided' })).total).toBe(2);
  });
});

describe('政策找人 after a list', () => {
  it('drops a person on the list of deaths from 政策找人', async () => {
    const h = await registerPerson(app, systemActor('cli'), {
      name: '钱学军',
      idNumber: makeIdNumber('211382', '1990-02-02', 17, 'male'),
      residenceDivision: VILLAGE_A,
    });
    for (const [name, value] of [
      ['employed', true],
      ['insuredMonths', 40], // after 2020 the subsidy needs 36 months
      ['certificate', { kind: 'skillLevel', occupation: '6-31-01-03', level: 3, obtainedOn: '2026-04-01' }],
    ] as const)
      await setFact(app, city, { type: 'person', id: h.id }, { name, value, validFrom: '2026-01-01' });
    app.today = () => '2026-12-02';
    try {
      await runScan(app.database, city, app.rules.engineFor('2026-12-02'), { date: '2026-12-02' });
      const sought = async () =>
        (await listOutreach(app, city, { programme: 'skill-upgrade-subsidy' })).filter(
          (f) => f.subjectId === h.id,
        );
      expect(await sought()).toHaveLength(1);
      const dead = await load('deceased', '2026-12-02', [
        ['钱学军', makeIdNumber('211382', '1990-02-02', 17, 'male')],
      ]);
      const f = await applyImportFacts(app, civil, dead.import, { refresh: 'wait' });
      expect(f).toMatchObject({ fact: 'deceased', opened: 1, scanRunId: expect.any(Number) });
      expect(await sought()).toEqual([]);
    } finally {
      app.today = () => TODAY;
    }
  });
});

describe('the market-entity register', () => {
  it('flags a job-retention refund for an enterprise the loaded register does not list', async () => {
    const sys = systemActor('cli');
    const inReg = await registerEnterprise(app, sys, {
      name: '凌源市华兴建材有限公司',
      uscc: makeUscc('211382', 8101),
      division: VILLAGE_A,
    });
    const notInReg = await registerEnterprise(app, sys, {
      name: '凌源市天丰农业合作社',
      uscc: makeUscc('211382', 8102),
      division: VILLAGE_A,
    });
    const apply = async (enterprise: number) =>
      Number(
        (
          await sql<{ id: number }>`
            INSERT INTO applications (county, programme_id, subject_type, subject_id, division, status, channel, applied_on)
            VALUES (${LINGYUAN}, 'job-retention-refund', 'enterprise', ${enterprise}, ${VILLAGE_A}, 'inReview', 'online', '2026-11-02')
            RETURNING id`.execute(app.db)
        ).rows[0]!.id,
      );
    await apply(inReg.id);
    const flagged = await apply(notInReg.id);
    // Before any register is loaded, no enterprise is flagged: absence from a list never loaded proves nothing.
    expect((await runCrossChecks(app, city)).byKind['enterprise-not-registered']).toBe(0);
    const reg = await importList(app, civil, {
      kind: 'enterprise-register',
      fileName: '市场主体.csv',
      content: Buffer.from(
        `企业名称,统一社会信用代码\r\n凌源市华兴建材有限公司,${makeUscc('211382', 8101)}\r\n`,
      ),
      asOf: '2026-11-30',
    });
    expect(reg.matched).toBe(1);
    expect(await applyImportFacts(app, civil, reg.import, { refresh: 'none' })).toMatchObject({
      fact: 'marketEntityRegistered',
      opened: 1,
    });
    const r = await runCrossChecks(app, city);
    expect(r).toMatchObject({ raised: 1, byKind: { 'enterprise-not-registered': 1 } });
    const flag = (await listFlags(app, city, { kind: 'enterprise-not-registered' })).items[0]!;
    expect(flag).toMatchObject({
      subject: { type: 'enterprise', id: notInReg.id, name: '凌源市天丰农业合作社' },
      applicationId: flagged,
      held: true,
    });
    expect(flag.evidence[1]!.zh).toContain(`市场主体名录（2026-11-30，导入#${reg.import}）中没有该企业`);
  });
});

describe('over HTTP', () => {
  let server: FastifyInstance;
  let cityHttp: HttpClient;
  let auditorHttp: HttpClient;
  beforeAll(async () => {
    server = await testServer(app);
    cityHttp = await signIn(app, server, { username: 'flagcity', role: 'cityOfficer', division: LINGYUAN });
    auditorHttp = await signIn(app, server, { username: 'flagaudit', role: 'auditor', division: LINGYUAN });
  });
  afterAll(() => server.close());

  it('lists flags, refuses a decision without a note, and records one with it', async () => {
    const list = await cityHttp.get('/exchange/flags?state=open&limit=10');
    expect(list.statusCode).toBe(200);
    const body = list.json() as { total: number; items: { id: number; state: string }[] };
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every((i) => i.state === 'open')).toBe(true);
    const id = body.items[0]!.id;
    const bad = await cityHttp.post(`/exchange/flags/${id}/decision`, { outcome: 'cleared' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad)).toMatchObject({ code: 'VALIDATION_FAILED', path: 'note' });
    expect((await cityHttp.get('/exchange/flags?state=maybe')).statusCode).toBe(400);
    const ok = await cityHttp.post(`/exchange/flags/${id}/decision`, {
      outcome: 'upheld',
      note: '经核实情况属实',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id, state: 'upheld', decision: { by: 'flagcity' } });
  });

  it('lets an auditor read flags but not run the checks or decide', async () => {
    expect((await auditorHttp.get('/exchange/flags')).statusCode).toBe(200);
    expect((await auditorHttp.post('/exchange/cross-checks', {})).statusCode).toBe(403);
    expect((await cityHttp.post('/exchange/cross-checks', {})).json()).toMatchObject({ raised: 0 });
  });
});
