import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPersonApplications } from '../../src/modules/applications/index.js';
import { listNotifications } from '../../src/modules/notifications/index.js';
import { registerPerson, setFact } from '../../src/modules/registry/index.js';
import { latestScan, listOutreach, notifyFindings, runScan } from '../../src/modules/rules/index.js';
import { listPersonRegistrations, registerUnemployment } from '../../src/modules/services/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, createTestApp, LINGYUAN, TOWNSHIP_A, TOWNSHIP_B, type TestApp } from '../support/test-app.js';

let app: TestApp;
const VILLAGE_A = '211382101200';
const city = actor('cityOfficer', LINGYUAN);
const townA = actor('townshipOfficer', TOWNSHIP_A, { username: 'towna' });
const townB = actor('townshipOfficer', TOWNSHIP_B);
const DATE = '2020-05-20';
const certificate = { kind: 'skillLevel', occupation: '6-31-01-03', level: 3, obtainedOn: '2020-04-01' };
let skilled: number;

beforeAll(async () => {
  app = await createTestApp();
  const p = await registerPerson(app, townA, {
    name: '找人测试',
    idNumber: makeIdNumber('211382', '1995-09-09', 8, 'female'),
    residenceDivision: VILLAGE_A,
    factsFrom: '2019-01-01',
  });
  skilled = p.id;
  for (const [name, value] of [
    ['employed', true],
    ['insuredMonths', 13],
    ['certificate', certificate],
  ] as const)
    await setFact(app, townA, { type: 'person', id: skilled }, { name, value, validFrom: '2019-01-01' });
});
afterAll(() => app.destroy());

const key = { subjectType: 'person' as const, programme: 'skill-upgrade-subsidy' };

describe('政策找人 worked as a list', () => {
  it('shows the latest scan and the list with names and places, nobody notified yet', async () => {
    expect(await latestScan(app, townA)).toBeNull();
    await runScan(app.database, townA, app.rules.engineFor(DATE), { date: DATE });
    expect(await latestScan(app, townA)).toMatchObject({ scope: TOWNSHIP_A, date: DATE, status: 'done' });
    const list = await listOutreach(app, townA, { programme: key.programme });
    expect(list).toEqual([
      expect.objectContaining({
        subjectId: skilled,
        name: '找人测试',
        programmeName: expect.stringContaining('技能') as string,
        division: { code: VILLAGE_A, name: expect.any(String) as string },
        status: 'open',
        notifiedAt: null,
        notifiedBy: null,
      }),
    ]);
  });

  it('refuses a finding outside the jurisdiction, sending nothing', async () => {
    await expect(
      notifyFindings(app, townB, { findings: [{ ...key, subjectId: skilled }] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', path: 'findings' });
    expect((await listOutreach(app, townA, { programme: key.programme }))[0]!.status).toBe('open');
  });

  it('notifies once: the person gets a message, the list says who and when, the audit has it', async () => {
    const r = await notifyFindings(app, townA, { findings: [{ ...key, subjectId: skilled }] });
    expect(r.notified).toHaveLength(1);
    expect(r.notified[0]).toMatchObject({ status: 'notified', notifiedBy: 'towna' });
    expect(r.alreadyNotified).toEqual([]);
    const again = await notifyFindings(app, city, { findings: [{ ...key, subjectId: skilled }] });
    expect(again.notified).toEqual([]);
    expect(again.alreadyNotified[0]).toMatchObject({ notifiedBy: 'towna' });

    const citizen = actor('citizen', VILLAGE_A, {
      accountId: 900,
      person: { county: LINGYUAN, id: skilled },
    });
    const inbox = await listNotifications(app, citizen, {});
    expect(inbox.filter((n) => n.topic === 'outreach.mayQualify')).toHaveLength(1);
    const listed = await listOutreach(app, townA, { status: 'notified' });
    expect(listed[0]).toMatchObject({ subjectId: skilled, notifiedBy: 'towna' });
    expect(listed[0]!.notifiedAt).toMatch(/^\d{4}-/);
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log
      WHERE action = 'finding.notify' AND entity_id = ${String(skilled)}`.execute(app.db);
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('is for those who may scan', async () => {
    await expect(listOutreach(app, actor('villageClerk', VILLAGE_A), {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('a person’s record for the person page', () => {
  it('lists their registrations and applications; another township does not find them', async () => {
    const p = await registerPerson(app, townA, {
      name: '登记测试',
      idNumber: makeIdNumber('211382', '1980-02-02', 21, 'male'),
      residenceDivision: VILLAGE_A,
    });
    await registerUnemployment(app, townA, {
      personId: p.id,
      declared: { ableToWork: true, employed: false },
    });
    const regs = await listPersonRegistrations(app, townA, p.id);
    expect(regs).toEqual([expect.objectContaining({ personId: p.id, endedOn: null })]);
    expect(regs[0]!.certificateNumber).toMatch(/^211382\d{10}$/);
    expect(await listPersonApplications(app, townA, p.id)).toEqual([]);
    await expect(listPersonRegistrations(app, townB, p.id)).rejects.toMatchObject({
      code: 'PERSON_NOT_FOUND',
    });
    await expect(listPersonApplications(app, townB, p.id)).rejects.toMatchObject({
      code: 'PERSON_NOT_FOUND',
    });
  });
});
