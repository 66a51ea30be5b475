import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  getApplication,
  publicNotices,
  referApplicant,
  listApplications,
  raiseObjection,
  resolveObjection,
  reviewApplication,
  submitApplication,
  timeline,
  updateApplication,
  withdrawApplication,
  worklist,
} from '../../src/modules/applications/index.js';
import {
  createBatch,
  paymentsForApplications,
  recordResults,
  runBatch,
  setBudget,
} from '../../src/modules/funds/index.js';
import { verifyAuditTrail } from '../../src/modules/access/index.js';
import { listNotifications } from '../../src/modules/notifications/index.js';
import { listFacts, registerEnterprise, registerPerson, setFact } from '../../src/modules/registry/index.js';
import { endUnemployment, registerUnemployment } from '../../src/modules/services/index.js';
import { makeIdNumber, makeUscc } from '../../src/shared/identity/index.js';
import { expectLedgerBalanced } from '../support/ledger.js';
import { actor, createTestApp, LINGYUAN, TOWNSHIP_A, TOWNSHIP_B, type TestApp } from '../support/test-app.js';
import { sendAndPay } from '../support/payments.js';

let app: TestApp;
const VILLAGE = '211382101200';
const clerk = actor('villageClerk', VILLAGE);
const town = actor('townshipOfficer', TOWNSHIP_A);
const otherTown = actor('townshipOfficer', TOWNSHIP_B);
const approver = actor('cityApprover', LINGYUAN);
const finance = actor('financeOfficer', LINGYUAN);
let day = '2019-06-03';
const on = (d: string) => {
  day = d;
};
let seq = 100;

const newPerson = async (birth: string, sex: 'male' | 'female' = 'female') => {
  const p = await registerPerson(app, town, {
    name: '申请测试',
    idNumber: makeIdNumber('211382', birth, seq++, sex),
    residenceDivision: VILLAGE,
    bankName: '凌源农商银行',
    bankAccount: '6230520000000' + String(seq).padStart(6, '0'),
  });
  return { id: p.id, citizen: actor('citizen', '', { person: { county: p.county, id: p.id } }) };
};

beforeAll(async () => {
  app = await createTestApp();
  app.today = () => day;
});
afterEach(() => expectLedgerBalanced(app));
afterAll(() => app.destroy());

describe('就业困难人员认定: village intake → 公示 → township → city', () => {
  it('runs its full course, objections included, and ends on employment', async () => {
    on('2019-06-03');
    const { id: personId, citizen } = await newPerson('1975-05-05'); // a woman of 44: older
    await registerUnemployment(app, town, {
      personId,
      date: day,
      declared: { ableToWork: true, employed: false },
    });
    const a = await createApplication(app, citizen, {
      programmeId: 'employment-difficulty-identification',
      declared: {},
      submit: true,
    });
    expect(a).toMatchObject({
      status: 'inReview',
      channel: 'online',
      decision: { eligible: true, pack: 'lingyuan-2019@1.1.0' },
      // 3 working days: 4, 5, 6 June (7 June 2019 is the Dragon Boat Festival).
      step: {
        id: 'villageIntake',
        role: 'villageClerk',
        division: VILLAGE,
        dueOn: '2019-06-06',
        overdue: false,
      },
    });
    expect(a.decision!.sources.registeredUnemployed).toMatchObject({ kind: 'staff' });

    // Only the village's clerk acts at the first step; another township's officer cannot even see it.
    await expect(reviewApplication(app, town, a.id, { action: 'approve' })).rejects.toMatchObject({
      code: 'NOT_YOUR_STEP',
    });
    await expect(reviewApplication(app, otherTown, a.id, { action: 'approve' })).rejects.toMatchObject({
      code: 'APPLICATION_NOT_FOUND',
    });
    expect((await worklist(app, clerk, { limit: 50 })).map((x) => x.id)).toContain(a.id);

    const noticed = await reviewApplication(app, clerk, a.id, { action: 'approve' });
    // 公示 of 5 working days from the next working day: 4, 5, 6, 10, 11 June.
    expect(noticed).toMatchObject({
      step: { id: 'publicNotice', kind: 'notice' },
      notice: { from: '2019-06-04', to: '2019-06-11' },
    });
    await expect(reviewApplication(app, clerk, a.id, { action: 'approve' })).rejects.toMatchObject({
      code: 'NOTICE_NOT_ENDED',
    });

    on('2019-06-05');
    // The public sees the case under notice, the name masked to the surname.
    expect(await publicNotices(app, { division: VILLAGE, limit: 50 })).toContainEqual(
      expect.objectContaining({
        applicationId: a.id,
        applicant: '申***',
        from: '2019-06-04',
        to: '2019-06-11',
      }),
    );
    const o = await raiseObjection(app, clerk, a.id, {
      raisedBy: '村民（匿名）',
      content: '反映其已在外地务工',
    });
    on('2019-06-11');
    await expect(reviewApplication(app, clerk, a.id, { action: 'approve' })).rejects.toMatchObject({
      code: 'NOTICE_NOT_ENDED',
    });
    on('2019-06-12');
    await expect(raiseObjection(app, clerk, a.id, { raisedBy: '某', content: '逾期' })).rejects.toMatchObject(
      {
        code: 'NOT_IN_NOTICE',
      },
    );
    await expect(reviewApplication(app, clerk, a.id, { action: 'approve' })).rejects.toMatchObject({
      code: 'OBJECTIONS_UNRESOLVED',
    });
    await resolveObjection(app, clerk, a.id, o.id, {
      upheld: false,
      resolution: '经入户核实，本人在家待业，异议不成立',
    });
    const atTown = await reviewApplication(app, clerk, a.id, { action: 'approve' });
    expect(atTown.step).toMatchObject({ id: 'townshipReview', division: TOWNSHIP_A, dueOn: '2019-06-19' });

    const atCity = await reviewApplication(app, town, a.id, { action: 'approve', comment: '材料齐全' });
    expect(atCity.step).toMatchObject({ id: 'cityDecision', division: LINGYUAN });
    on('2019-06-28'); // past the city's 5 working days: flagged overdue in the worklist
    const waiting = (await worklist(app, approver, { limit: 50 })).find((x) => x.id === a.id);
    expect(waiting?.step).toMatchObject({ overdue: true });

    const done = await reviewApplication(app, approver, a.id, { action: 'approve' });
    expect(done).toMatchObject({ status: 'approved', decidedOn: '2019-06-28', step: null });
    const facts = await listFacts(app, town, { type: 'person', id: personId }, { asOf: '2019-06-28' });
    expect(facts.find((f) => f.name === 'employmentDifficulty')).toMatchObject({
      value: true,
      source: { kind: 'system' },
    });

    const steps = (await timeline(app, citizen, a.id)).map((e) => `${e.action}:${e.stepId ?? ''}`);
    expect(steps).toEqual([
      'created:',
      'submitted:villageIntake',
      'approvedStep:villageIntake',
      'objectionRaised:publicNotice',
      'objectionResolved:publicNotice',
      'approvedStep:publicNotice',
      'approvedStep:townshipReview',
      'approved:cityDecision',
    ]);
    const inbox = await listNotifications(app, citizen, {});
    expect(inbox.some((n) => n.message.includes('已批准'))).toBe(true);

    // Valid while unemployed: employment ends it.
    const reg = (
      await sql<{
        id: number;
      }>`SELECT id FROM unemployment_registrations WHERE person_id = ${personId}`.execute(app.db)
    ).rows[0]!;
    await endUnemployment(app, town, reg.id, { on: '2019-09-02', reason: 'employed' });
    const later = await listFacts(app, town, { type: 'person', id: personId }, { asOf: '2019-09-02' });
    expect(later.find((f) => f.name === 'employmentDifficulty')).toMatchObject({ value: false });
  });

  it('refuses a person outside every category, with the reasons, and keeps nothing submitted', async () => {
    on('2019-06-03');
    const { id: personId, citizen } = await newPerson('1990-01-01', 'male');
    await registerUnemployment(app, town, {
      personId,
      date: day,
      declared: { ableToWork: true, employed: false },
    });
    // Without the facts of the categories the engine cannot tell: it names what is missing.
    await expect(
      createApplication(app, citizen, {
        programmeId: 'employment-difficulty-identification',
        declared: {},
        submit: true,
      }),
    ).rejects.toMatchObject({ code: 'FACTS_REQUIRED', messageZh: expect.stringContaining('disabled') });
    const declared = {
      disabled: false,
      lowIncomeFamily: false,
      registeredPoor: false,
      zeroEmploymentFamily: false,
      contractEndedOn: '2019-03-01',
    };
    await expect(
      createApplication(app, citizen, {
        programmeId: 'employment-difficulty-identification',
        declared,
        submit: true,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ELIGIBLE', messageZh: expect.stringContaining('就业困难人员类别') });
    expect(await listApplications(app, citizen, { limit: 10 })).toEqual([]);
  });
});

const training = (catalogItem: string, feePaid = 1500) => ({
  training: {
    catalogItem,
    standardAmount: 1200,
    feePaid,
    paidBySelf: true,
    passed: true,
    daysAttended: 20,
    startedOn: '2019-04-01',
    endedOn: '2019-04-30',
    choseUnemploymentBenefit: false,
  },
});

describe('a person-side application from submission to paid', () => {
  it('职业培训补贴: online, reviewed village → township → city, committed, paid once', async () => {
    on('2019-06-03');
    await setBudget(app, finance, 'employment-subsidy', {
      year: 2019,
      programmeId: 'vocational-training-subsidy',
      amountFen: 500_000,
      onExhausted: 'block',
    });
    const { id: personId, citizen } = await newPerson('1988-02-02');
    await registerUnemployment(app, town, {
      personId,
      date: day,
      declared: { ableToWork: true, employed: false },
    });
    const draft = await createApplication(app, citizen, {
      programmeId: 'vocational-training-subsidy',
      declared: training('LY-2019-015'),
    });
    expect(draft).toMatchObject({ status: 'draft', decision: { eligible: true, amount: 1200 } });
    expect(draft.decision!.sources.training).toMatchObject({ kind: 'declared' });
    // The applicant corrects what they declared (fee actually paid 1000): the decision follows.
    const fixed = await updateApplication(app, citizen, draft.id, {
      declared: training('LY-2019-015', 1000),
      version: draft.version,
    });
    expect(fixed.decision).toMatchObject({ amount: 1000 });
    await submitApplication(app, citizen, draft.id);
    await reviewApplication(app, clerk, draft.id, { action: 'approve' });
    // Returned for correction by the township, corrected and resubmitted: it comes back to the township.
    const returned = await reviewApplication(app, town, draft.id, {
      action: 'return',
      comment: '请补充培训合格证书编号',
    });
    expect(returned.status).toBe('returned');
    await expect(
      reviewApplication(app, town, draft.id, { action: 'reject', comment: 'x' }),
    ).rejects.toMatchObject({
      code: 'APPLICATION_NOT_EDITABLE',
    });
    const again = await submitApplication(app, citizen, draft.id);
    expect(again.step).toMatchObject({ id: 'townshipReview' });
    await reviewApplication(app, town, draft.id, { action: 'approve' });

    // Between submission and approval the registry changed: the approver must acknowledge it.
    await setFact(
      app,
      town,
      { type: 'person', id: personId },
      { name: 'disabled', value: true, validFrom: '2019-06-03' },
    );
    await expect(reviewApplication(app, approver, draft.id, { action: 'approve' })).rejects.toMatchObject({
      code: 'DECISION_CHANGED',
      details: { differences: [{ what: 'fact:disabled', before: null, after: true }] },
    });
    const approved = await reviewApplication(app, approver, draft.id, {
      action: 'approve',
      acknowledgeDifferences: ['fact:disabled'],
    });
    expect(approved).toMatchObject({ status: 'approved', amount: 1000, finalDecision: { amount: 1000 } });

    // The same catalogue item once per person: a second application is refused at submission.
    await expect(
      createApplication(app, citizen, {
        programmeId: 'vocational-training-subsidy',
        declared: training('LY-2019-015'),
        submit: true,
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/LIMIT_REACHED|NOT_ELIGIBLE/) });

    const batch = await sendAndPay(
      app,
      approver,
      (await createBatch(app, approver, { programmeId: 'vocational-training-subsidy' })).id,
    );
    expect(batch).toMatchObject({ status: 'done', items: 1, totalFen: 100_000 });
    const paid = (await paymentsForApplications(app.db, approved.county, [approved.id])).get(approved.id)!;
    expect(paid).toEqual([expect.objectContaining({ status: 'paid', amountFen: 100_000 })]);
  });

  it('refuses approval when the fund has no budget left (block), and warns when the fund is set so', async () => {
    on('2019-06-03');
    const { id: personId, citizen } = await newPerson('1987-03-03');
    await registerUnemployment(app, town, {
      personId,
      date: day,
      declared: { ableToWork: true, employed: false },
    });
    await setBudget(app, finance, 'employment-subsidy', {
      year: 2019,
      programmeId: 'vocational-training-subsidy',
      amountFen: 100_000, // all of it committed by the case above
      onExhausted: 'block',
    });
    const a = await createApplication(app, citizen, {
      programmeId: 'vocational-training-subsidy',
      declared: training('LY-2019-020'),
      submit: true,
    });
    await reviewApplication(app, clerk, a.id, { action: 'approve' });
    await reviewApplication(app, town, a.id, { action: 'approve' });
    await expect(reviewApplication(app, approver, a.id, { action: 'approve' })).rejects.toMatchObject({
      code: 'FUND_BUDGET_EXHAUSTED',
    });
    expect((await getApplication(app, approver, a.id)).status).toBe('inReview');
    // Set to warn instead, the approval goes through and the approver is told.
    await setBudget(app, finance, 'employment-subsidy', {
      year: 2019,
      programmeId: 'vocational-training-subsidy',
      amountFen: 100_000,
      onExhausted: 'warn',
    });
    const warned = await reviewApplication(app, approver, a.id, { action: 'approve' });
    expect(warned).toMatchObject({ status: 'approved', warnings: [{ code: 'FUND_BUDGET_OVERDRAWN' }] });
  });
});

describe('an enterprise-side application from submission to paid', () => {
  it('稳岗返还: township → city, committed from 失业保险基金, a failed payment paid in a later batch', async () => {
    on('2019-04-22');
    const e = await registerEnterprise(app, town, {
      name: '凌源测试机械有限公司',
      uscc: makeUscc('211382', 7001),
      division: VILLAGE,
      size: 'medium',
      bankName: '凌源农商银行',
      bankAccount: '6230520000099887766',
    });
    const ent = actor('enterprise', '', { enterprise: { county: e.county, id: e.id } });
    await setBudget(app, finance, 'unemployment-insurance', {
      year: 2019,
      programmeId: 'job-retention-refund',
      amountFen: 10_000_000,
      onExhausted: 'warn',
    });
    const a = await createApplication(app, ent, {
      programmeId: 'job-retention-refund',
      declared: {
        employees: 50,
        insured: true,
        premiumArrears: false,
        insuredEmployees: 50,
        laidOffLastYear: 1,
        unemploymentPremiumPaidLastYear: 30000,
        temporaryDifficulty: false,
      },
      submit: true,
    });
    expect(a).toMatchObject({
      status: 'inReview',
      step: { id: 'townshipReview', division: TOWNSHIP_A },
      decision: { amount: 15000 },
    });
    await reviewApplication(app, town, a.id, { action: 'approve' });
    const ok = await reviewApplication(app, approver, a.id, { action: 'approve' });
    expect(ok).toMatchObject({ status: 'approved', amount: 15000 });
    // Once a year: a second application the same year is refused.
    await expect(
      createApplication(app, ent, {
        programmeId: 'job-retention-refund',
        declared: a.decision!.facts,
        submit: true,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ELIGIBLE', messageZh: expect.stringContaining('本年度') });

    const first = await runBatch(
      app,
      approver,
      (await createBatch(app, approver, { programmeId: 'job-retention-refund' })).id,
    );
    const [item] = (await paymentsForApplications(app.db, e.county, [a.id])).get(a.id)!;
    await recordResults(app, finance, first.id, {
      results: [{ itemId: item!.itemId, outcome: 'failed', reason: '账户已销户' }],
    });
    expect((await paymentsForApplications(app.db, e.county, [a.id])).get(a.id)![0]).toMatchObject({
      status: 'unpaid',
      failures: [expect.objectContaining({ batchId: first.id, reason: '账户已销户' })],
    });
    const second = await sendAndPay(
      app,
      approver,
      (await createBatch(app, approver, { programmeId: 'job-retention-refund' })).id,
    );
    expect(second).toMatchObject({ items: 1, totalFen: 1_500_000 });
    expect((await paymentsForApplications(app.db, e.county, [a.id])).get(a.id)![0]).toMatchObject({
      status: 'paid',
    });
  });
});

/** Take a case through every remaining step of its chain, each by the staff of that step. */
async function approveAll(id: number) {
  for (;;) {
    const a = await getApplication(app, approver, id);
    if (a.status !== 'inReview') return a;
    const step = a.step!;
    if (step.kind === 'notice')
      on(a.notice!.to.replace(/\d\d$/, (d) => String(Number(d) + 1).padStart(2, '0')));
    await reviewApplication(app, actor(step.role as 'villageClerk', step.division), id, {
      action: 'approve',
    });
  }
}

describe('applications arriving together', () => {
  it('are taken in together, each with its own answer, its timeline, its notice and its audit record', async () => {
    on('2019-06-03');
    const talent = (arrivedOn: string) => ({
      talent: { category: 'C', arrivedOn, firstHomeInLingyuan: true },
    });
    const people = await Promise.all([1, 2, 3, 4, 5].map((d) => newPerson(`1991-01-0${d}`, 'male')));
    const desk = actor('villageClerk', VILLAGE, { accountId: 9001, username: 'desk-clerk' });
    const submit = (id: number, arrivedOn = '2019-03-01') =>
      createApplication(app, desk, {
        programmeId: 'talent-housing-grant',
        applicant: { type: 'person', id },
        declared: talent(arrivedOn),
        submit: true,
      });
    const settled = await Promise.allSettled([
      ...people.slice(0, 4).map((p) => submit(p.id)),
      submit(people[0]!.id), // the same person again: one open application per programme
      submit(people[4]!.id, '2016-05-01'), // arrived before the window
      submit(999_999_999), // nobody
    ]);
    const ok = settled.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    expect(ok).toHaveLength(4);
    expect(new Set(ok.map((a) => a.applicant.id))).toEqual(new Set(people.slice(0, 4).map((p) => p.id)));
    for (const a of ok)
      expect(a).toMatchObject({ status: 'inReview', channel: 'desk', step: { id: 'villageIntake' } });
    const codes = settled
      .slice(4)
      .map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok'));
    expect(codes).toEqual(['APPLICATION_OPEN_EXISTS', 'NOT_ELIGIBLE', 'PERSON_NOT_FOUND']);
    for (const a of ok)
      expect((await timeline(app, desk, a.id)).map((e) => e.action)).toEqual(['created', 'submitted']);
    const inbox = (await listNotifications(app, clerk, { limit: 100 })).map((n) => n.subject.id);
    for (const a of ok) expect(inbox).toContain(a.id);
    expect(await verifyAuditTrail(app.db, actor('auditor', LINGYUAN))).toMatchObject({ problems: [] });
  });
});

describe('新型学徒制补贴: an advance when training starts, the remainder when it is completed', () => {
  it('pays the two parts from two applications, each part once', async () => {
    on('2019-05-06');
    const e = await registerEnterprise(app, town, {
      name: '凌源学徒测试有限公司',
      uscc: makeUscc('211382', 7002),
      division: VILLAGE,
      size: 'medium',
      bankName: '凌源农商银行',
      bankAccount: '6230520000011223344',
    });
    const ent = actor('enterprise', '', { enterprise: { county: e.county, id: e.id } });
    await setBudget(app, finance, 'employment-subsidy', {
      year: 2019,
      programmeId: 'apprenticeship-subsidy',
      amountFen: 100_000_000,
      onExhausted: 'block',
    });
    const apply = (stage: 'advance' | 'completion') =>
      createApplication(app, ent, {
        programmeId: 'apprenticeship-subsidy',
        declared: { apprenticeship: { apprentices: 10, years: 2, stage } },
        submit: true,
      });
    const advance = await apply('advance');
    expect(advance.decision).toMatchObject({ amount: 40000, components: [{ id: 'advance', amount: 40000 }] });
    await approveAll(advance.id);
    await expect(apply('advance')).rejects.toMatchObject({ code: 'LIMIT_REACHED' });
    const remainder = await apply('completion');
    await approveAll(remainder.id);
    const items = await paymentsForApplications(app.db, e.county, [advance.id, remainder.id]);
    expect(items.get(advance.id)).toEqual([
      expect.objectContaining({ part: 'advance', amountFen: 4_000_000 }),
    ]);
    expect(items.get(remainder.id)).toEqual([
      expect.objectContaining({ part: 'remainder', amountFen: 4_000_000 }),
    ]);
  });
});

describe('referrals to civil affairs from 临时生活补助 cases', () => {
  it('refer the applicant from the case, and only from such a case', async () => {
    on('2019-06-03');
    const { id: personId, citizen } = await newPerson('1979-09-09');
    const tla = await createApplication(app, citizen, { programmeId: 'temporary-living-allowance' });
    const referral = await referApplicant(app, town, tla.id, {
      kind: 'minimumLiving',
      reason: '家庭生活困难，建议核查低保',
    });
    expect(referral).toMatchObject({ personId, kind: 'minimumLiving', applicationId: tla.id });
    expect((await timeline(app, citizen, tla.id)).map((e) => e.action)).toEqual(['created', 'referred']);
    const other = await createApplication(app, citizen, { programmeId: 'talent-housing-grant' });
    await expect(
      referApplicant(app, town, other.id, { kind: 'temporaryAssistance', reason: '临时困难' }),
    ).rejects.toMatchObject({ code: 'REFERRAL_NOT_APPLICABLE' });
  });
});

describe('limits across applications', () => {
  it('公益性岗位补贴: months in a year are summed, and a claim past 12 is refused at submission', async () => {
    on('2019-07-01');
    await setBudget(app, finance, 'employment-subsidy', {
      year: 2019,
      programmeId: 'public-welfare-post-subsidy',
      amountFen: 100_000_000,
      onExhausted: 'block',
    });
    const { citizen } = await newPerson('1995-01-01');
    const declared = (months: number) => ({
      education: 'college',
      disabled: true,
      publicWelfarePost: { months },
    });
    const first = await createApplication(app, citizen, {
      programmeId: 'public-welfare-post-subsidy',
      declared: declared(8),
      submit: true,
    });
    expect((await approveAll(first.id)).status).toBe('approved');
    await expect(
      createApplication(app, citizen, {
        programmeId: 'public-welfare-post-subsidy',
        declared: declared(6),
        submit: true,
      }),
    ).rejects.toMatchObject({ code: 'LIMIT_REACHED', messageZh: expect.stringContaining('上限 12') });
    // A withdrawn application frees what it claimed: 8 granted + 4 withdrawn + 4 new fits within 12.
    const dropped = await createApplication(app, citizen, {
      programmeId: 'public-welfare-post-subsidy',
      declared: declared(4),
      submit: true,
    });
    expect((await withdrawApplication(app, citizen, dropped.id, { reason: '岗位调整' })).status).toBe(
      'withdrawn',
    );
    const rest = await createApplication(app, citizen, {
      programmeId: 'public-welfare-post-subsidy',
      declared: declared(4),
      submit: true,
    });
    expect((await approveAll(rest.id)).status).toBe('approved');
  });

  it('the database refuses a grant beyond a limit even when two approvals race', async () => {
    const key = `race-${Date.now()}`;
    const grant = () =>
      app.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO application_limit_counters (county, key, granted, max) VALUES (${LINGYUAN}, ${key}, 1, 1)
                  ON CONFLICT (county, key) DO UPDATE SET granted = application_limit_counters.granted + excluded.granted`.execute(
          trx,
        );
        await sql`SELECT pg_sleep(0.05)`.execute(trx);
      });
    const results = await Promise.allSettled([grant(), grant()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: '23514' } });
    const row = await sql<{
      granted: number;
    }>`SELECT granted FROM application_limit_counters WHERE key = ${key}`.execute(app.db);
    expect(row.rows[0]!.granted).toBe(1);
  });
});
