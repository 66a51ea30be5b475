import { sql } from 'kysely';
import { systemActor } from '../../src/modules/access/index.js';
import { commitForApproval, createBatch, setBudget } from '../../src/modules/funds/index.js';
import { sendAndPay } from './payments.js';
import { registerPerson, setFact } from '../../src/modules/registry/index.js';
import { registerUnemployment } from '../../src/modules/services/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { todayInChina } from '../../src/shared/dates/calendar-date.js';
import { actor, LINGYUAN, TOWNSHIP_A, TOWNSHIP_B, type TestApp } from './test-app.js';

/** 万元店镇 佐杖子村 and 康杖子村; 东城街道 仪表社区. */
export const VILLAGE_A1 = `${TOWNSHIP_A}200`;
export const VILLAGE_A2 = `${TOWNSHIP_A}201`;
export const VILLAGE_B1 = `${TOWNSHIP_B}001`;

/**
 * Known numbers for the dashboards, this year: applications (inserted as rows in a given status),
 * budgets, commitments (some paid through a real batch), open 失业登记 and identified
 * employment-difficulty persons. Returns the year.
 *
 * - applications: A1 internship ×3 (2 approved, 1 inReview) + talent rejected ×1; A2 internship inReview
 *   ×1; B1 talent approved ×1 + draft ×1; one of last year in A1 that does not count.
 * - budgets: 就业补助资金 internship ¥100,000; 专项资金 talent ¥50,000.
 * - commitments: A1 internship ¥1,500 ×2 (paid), B1 talent ¥20,000 (unpaid).
 * - registered unemployed: A1 ×2 (one of them identified as having employment difficulties), B1 ×1.
 */
export async function setUpMonitoringFigures(app: TestApp): Promise<{ year: number }> {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const system = systemActor('job');
  const finance = actor('financeOfficer', LINGYUAN);
  const approver = actor('cityApprover', LINGYUAN);

  const rows: Array<[string, string, string, string]> = [
    [VILLAGE_A1, 'internship-subsidy', 'approved', today],
    [VILLAGE_A1, 'internship-subsidy', 'approved', today],
    [VILLAGE_A1, 'internship-subsidy', 'inReview', today],
    [VILLAGE_A1, 'talent-housing-grant', 'rejected', today],
    [VILLAGE_A2, 'internship-subsidy', 'inReview', today],
    [VILLAGE_B1, 'talent-housing-grant', 'approved', today],
    [VILLAGE_B1, 'talent-housing-grant', 'draft', today],
    [VILLAGE_A1, 'internship-subsidy', 'approved', `${year - 1}-06-01`],
  ];
  let subject = 900_000;
  for (const [division, programme, status, on] of rows) {
    await sql`
      INSERT INTO applications (county, programme_id, subject_type, subject_id, division, status, channel, applied_on)
      VALUES (${LINGYUAN}, ${programme}, 'person', ${subject++}, ${division}, ${status}, 'desk', ${on})`.execute(
      app.db,
    );
  }

  await setBudget(app, finance, 'employment-subsidy', {
    year,
    programmeId: 'internship-subsidy',
    amountFen: 10_000_000,
    onExhausted: 'warn',
  });
  await setBudget(app, finance, 'special', {
    year,
    programmeId: 'talent-housing-grant',
    amountFen: 5_000_000,
    onExhausted: 'warn',
  });
  const commit = (n: number, programmeId: string, fund: string, division: string, amountFen: number) =>
    app.db.transaction().execute((trx) =>
      commitForApproval(trx, app, system, {
        county: LINGYUAN,
        applicationId: 800_000 + n,
        programmeId,
        fund,
        year,
        payee: {
          kind: 'person',
          id: 700_000 + n,
          name: `看板${n}`,
          idNumber: makeIdNumber('211382', `1995-01-0${n}`, n, 'female'),
          bankName: '凌源市农村信用合作联社',
          bankAccount: `62210000${String(n).padStart(8, '0')}`,
        },
        parts: [{ part: 'full', amountFen, payable: true }],
        division,
      }),
    );
  await commit(1, 'internship-subsidy', '就业补助资金', VILLAGE_A1, 150_000);
  await commit(2, 'internship-subsidy', '就业补助资金', VILLAGE_A1, 150_000);
  const batch = await createBatch(app, approver, { programmeId: 'internship-subsidy' });
  await sendAndPay(app, approver, batch.id);
  await commit(3, 'talent-housing-grant', '专项资金', VILLAGE_B1, 2_000_000);

  const townA = actor('townshipOfficer', TOWNSHIP_A);
  const townB = actor('townshipOfficer', TOWNSHIP_B);
  const unemployed = async (town: typeof townA, division: string, seq: number) => {
    const person = await registerPerson(app, town, {
      name: '看板测试',
      idNumber: makeIdNumber('211382', '1988-05-05', seq, 'male'),
      residenceDivision: division,
    });
    await registerUnemployment(app, town, {
      personId: person.id,
      date: today,
      declared: { ableToWork: true, employed: false },
    });
    return person.id;
  };
  const first = await unemployed(townA, VILLAGE_A1, 11);
  await unemployed(townA, VILLAGE_A1, 13);
  await unemployed(townB, VILLAGE_B1, 15);
  await setFact(
    app,
    townA,
    { type: 'person', id: first },
    { name: 'employmentDifficulty', value: true, validFrom: today },
  );
  return { year };
}
