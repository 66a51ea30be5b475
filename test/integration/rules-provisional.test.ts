import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  getApplication,
  reviewApplication,
  submitApplication,
} from '../../src/modules/applications/index.js';
import { commitMany, paymentsForApplications, setBudget } from '../../src/modules/funds/index.js';
import { registerPerson } from '../../src/modules/registry/index.js';
import { registerUnemployment } from '../../src/modules/services/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, createTestApp, LINGYUAN, TOWNSHIP_A, type TestApp } from '../support/test-app.js';

/**
 * Placeholders are never paid (programmes.md, second reading): a 临时生活补助 decided on the placeholder
 * tiers is shown as provisional and not counted as household income, can be reviewed, but its final
 * approval — where money is committed — is refused with PROVISIONAL_AMOUNT, and nothing is committed.
 */
let app: TestApp;
let day = '2019-06-03';
const VILLAGE = '211382101200';
const town = actor('townshipOfficer', TOWNSHIP_A);
const approver = actor('cityApprover', LINGYUAN);
const finance = actor('financeOfficer', LINGYUAN);

beforeAll(async () => {
  app = await createTestApp();
  app.today = () => day;
});
afterAll(() => app.destroy());

describe('an application whose amount rests on a placeholder', () => {
  it('is reviewed, shown as provisional, and refused at the final approval with nothing committed', async () => {
    await setBudget(app, finance, 'employment-subsidy', {
      year: 2019,
      programmeId: 'temporary-living-allowance',
      amountFen: 500_000,
      onExhausted: 'block',
    });
    const p = await registerPerson(app, town, {
      name: '暂定测试',
      idNumber: makeIdNumber('211382', '1985-04-04', 901, 'male'),
      residenceDivision: VILLAGE,
      bankName: '凌源农商银行',
      bankAccount: '6230520000000901901',
    });
    const citizen = actor('citizen', '', { person: { county: p.county, id: p.id } });
    await registerUnemployment(app, town, {
      personId: p.id,
      date: '2019-06-03',
      declared: { ableToWork: true, employed: false },
    });
    const draft = await createApplication(app, citizen, {
      programmeId: 'temporary-living-allowance',
      declared: { contractEndedOn: '2019-03-01', unemploymentInsuranceEligible: false, hardshipTier: 2 },
    });
    expect(draft.decision).toMatchObject({
      eligible: true,
      amount: 1000,
      provisional: true,
      excludedFromMeansTest: true,
    });
    await submitApplication(app, citizen, draft.id);
    // Every step before the city's decision, each by its own staff (a 公示 runs its days).
    for (;;) {
      const a = await getApplication(app, approver, draft.id);
      const step = a.step!;
      if (step.id === 'cityDecision') break;
      if (step.kind === 'notice')
        day = a.notice!.to.replace(/\d\d$/, (d) => String(Number(d) + 1).padStart(2, '0'));
      await reviewApplication(app, actor(step.role as 'villageClerk', step.division), draft.id, {
        action: 'approve',
      });
    }
    await expect(reviewApplication(app, approver, draft.id, { action: 'approve' })).rejects.toMatchObject({
      code: 'PROVISIONAL_AMOUNT',
      messageZh: expect.stringContaining('补贴标准待市政府确定，当前金额为占位值，不得据以发放'),
    });
    const still = await getApplication(app, approver, draft.id);
    expect(still.status).toBe('inReview');
    expect((await paymentsForApplications(app.db, still.county, [still.id])).get(still.id) ?? []).toEqual([]);
    // It can still be returned or rejected: reviewed, never paid.
    const rejected = await reviewApplication(app, approver, draft.id, {
      action: 'reject',
      comment: '标准未定',
    });
    expect(rejected.status).toBe('rejected');
  });

  it('is refused at the root of every commitment, whoever asks', async () => {
    await expect(
      app.db.transaction().execute((trx) =>
        commitMany(trx, app, approver, [
          {
            county: '211382',
            applicationId: 1,
            programmeId: 'temporary-living-allowance',
            fund: 'employment-subsidy',
            year: 2019,
            payee: { kind: 'person', id: 1, name: '某', idNumber: 'x', bankName: null, bankAccount: null },
            parts: [{ part: 'full', amountFen: 100_000, payable: true }],
            provisional: true,
          },
        ]),
      ),
    ).rejects.toMatchObject({ code: 'PROVISIONAL_AMOUNT' });
  });
});
