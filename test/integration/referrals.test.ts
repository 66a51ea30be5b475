import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, systemActor } from '../../src/modules/access/index.js';
import { listNotifications } from '../../src/modules/notifications/index.js';
import { registerPerson } from '../../src/modules/registry/index.js';
import {
  answerReferral,
  createReferral,
  getReferral,
  listReferrals,
  referToCivilAffairs,
  supplyReferralInformation,
} from '../../src/modules/services/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import {
  actor,
  createTestApp,
  LINGYUAN,
  testServer,
  TOWNSHIP_A,
  TOWNSHIP_B,
  type TestApp,
} from '../support/test-app.js';

let app: TestApp;
const VILLAGE_A = '211382101200';
const town = actor('townshipOfficer', TOWNSHIP_A, { accountId: 60 });
const townB = actor('townshipOfficer', TOWNSHIP_B, { accountId: 61 });
const liaison = actor('civilAffairsLiaison', LINGYUAN, { accountId: 50 });
/** Monday 3 June 2019; the Dragon Boat Festival (7 June) is off, so 10 working days end on 18 June. */
const DAY = '2019-06-03';
const DUE = '2019-06-18';
let personA: number;
let personA2: number;

beforeAll(async () => {
  app = await createTestApp();
  const p = (seq: number) =>
    registerPerson(app, town, {
      name: '转介测试',
      idNumber: makeIdNumber('211382', '1975-04-04', seq, 'female'),
      residenceDivision: VILLAGE_A,
    });
  personA = (await p(41)).id;
  personA2 = (await p(42)).id;
});
afterAll(() => app.destroy());

describe('referrals to civil affairs', () => {
  let id: number;

  it('are made by staff for a person in their jurisdiction, with a due day in working days; the liaison is told', async () => {
    const r = await createReferral(
      app,
      town,
      {
        personId: personA,
        kind: 'minimumLiving',
        reason: '家庭收入低于低保标准，建议纳入低保',
        applicationId: 7,
      },
      { today: DAY },
    );
    id = r.id;
    expect(r).toMatchObject({
      county: LINGYUAN,
      personId: personA,
      division: VILLAGE_A,
      kind: 'minimumLiving',
      applicationId: 7,
      referredOn: DAY,
      referredBy: { username: town.username, role: 'townshipOfficer', division: TOWNSHIP_A },
      status: 'open',
      dueOn: DUE,
      overdue: false,
      workingDaysWaiting: 0,
      closedOn: null,
      history: [],
    });
    const inbox = await listNotifications(app, liaison);
    expect(inbox[0]).toMatchObject({ topic: 'referral.created', subject: { type: 'referral', id } });
    expect(inbox[0]!.message).toContain(DUE);
    const audit = await sql<{ action: string; entity_id: string }>`
      SELECT action, entity_id FROM audit_log WHERE entity_type = 'referral'`.execute(app.db);
    expect(audit.rows).toEqual([{ action: 'referral.create', entity_id: String(id) }]);
  });

  it('are one open per person and kind', async () => {
    await expect(
      createReferral(
        app,
        town,
        { personId: personA, kind: 'minimumLiving', reason: '再次转介' },
        { today: DAY },
      ),
    ).rejects.toMatchObject({ code: 'REFERRAL_ALREADY_OPEN' });
    const other = await createReferral(
      app,
      town,
      { personId: personA, kind: 'temporaryAssistance', reason: '突发困难，需临时救助' },
      { today: '2019-06-10' },
    );
    expect(other.status).toBe('open');
  });

  it('keep to jurisdiction and permissions', async () => {
    await expect(
      createReferral(app, townB, { personId: personA2, kind: 'minimumLiving', reason: '别的乡镇的人' }),
    ).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
    await expect(getReferral(app, townB, id)).rejects.toMatchObject({ code: 'REFERRAL_NOT_FOUND' });
    expect(await listReferrals(app, townB)).toEqual([]);
    expect((await listReferrals(app, actor('villageClerk', VILLAGE_A))).length).toBe(2);
    await expect(listReferrals(app, actor('cityApprover', LINGYUAN))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      createReferral(app, liaison, { personId: personA2, kind: 'minimumLiving', reason: '民政不能自己转介' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      answerReferral(app, town, id, { outcome: 'accepted' }, { today: DAY }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Civil affairs of another county does not see them.
    const elsewhere = actor('civilAffairsLiaison', '211381', { accountId: 51 });
    expect(await listReferrals(app, elsewhere)).toEqual([]);
    await expect(answerReferral(app, elsewhere, id, { outcome: 'accepted' })).rejects.toMatchObject({
      code: 'REFERRAL_NOT_FOUND',
    });
    // The county's referral to the wrong county is "not found".
    await expect(
      app.db.transaction().execute((trx) =>
        referToCivilAffairs(trx, town, {
          county: '211381',
          personId: personA2,
          kind: 'minimumLiving',
          reason: '错县',
        }),
      ),
    ).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
  });

  it('are flagged overdue once the due day has passed without an answer', async () => {
    const onDue = await listReferrals(app, liaison, {}, { today: DUE });
    expect(onDue.find((r) => r.id === id)).toMatchObject({ overdue: false, workingDaysWaiting: 10 });
    const after = await listReferrals(app, liaison, {}, { today: '2019-06-19' });
    expect(after.find((r) => r.id === id)).toMatchObject({ overdue: true, workingDaysWaiting: 11 });
    const overdueOnly = await listReferrals(app, liaison, { overdue: true }, { today: '2019-06-19' });
    expect(overdueOnly.map((r) => r.id)).toEqual([id]);
    expect(await listReferrals(app, liaison, { overdue: true }, { today: DUE })).toEqual([]);
  });

  it('are answered: more information keeps them open (and not overdue meanwhile); an answer closes them; staff are told', async () => {
    await expect(
      answerReferral(app, liaison, id, { outcome: 'needsMoreInformation' }, { today: '2019-06-19' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', path: 'note' });
    const asked = await answerReferral(
      app,
      liaison,
      id,
      { outcome: 'needsMoreInformation', note: '请补充家庭成员收入证明' },
      { today: '2019-06-19' },
    );
    expect(asked).toMatchObject({ status: 'needsMoreInformation', closedOn: null, overdue: false });
    expect(asked.history).toEqual([
      {
        kind: 'needsMoreInformation',
        note: '请补充家庭成员收入证明',
        on: '2019-06-19',
        by: liaison.username,
      },
    ]);
    expect((await listNotifications(app, town))[0]).toMatchObject({ topic: 'referral.answered' });
    expect((await listNotifications(app, town))[0]!.message).toContain('请补充家庭成员收入证明');
    expect(await listReferrals(app, liaison, { status: 'unanswered' }, { today: '2019-06-25' })).toHaveLength(
      2,
    );

    await expect(
      supplyReferralInformation(app, townB, id, { note: '不是我的' }, { today: '2019-06-20' }),
    ).rejects.toMatchObject({ code: 'REFERRAL_NOT_FOUND' });
    const supplied = await supplyReferralInformation(
      app,
      town,
      id,
      { note: '已补充收入证明' },
      { today: '2019-06-20' },
    );
    expect(supplied).toMatchObject({ status: 'open', waitingSince: '2019-06-20', dueOn: '2019-07-04' });
    expect((await listNotifications(app, liaison))[0]).toMatchObject({
      topic: 'referral.informationSupplied',
    });
    await expect(
      supplyReferralInformation(app, town, id, { note: '再补充' }, { today: '2019-06-21' }),
    ).rejects.toMatchObject({ code: 'REFERRAL_NOT_AWAITING_INFORMATION' });

    const accepted = await answerReferral(app, liaison, id, { outcome: 'accepted' }, { today: '2019-06-24' });
    expect(accepted).toMatchObject({ status: 'accepted', closedOn: '2019-06-24', overdue: false });
    expect(accepted.history.map((h) => h.kind)).toEqual([
      'needsMoreInformation',
      'informationSupplied',
      'accepted',
    ]);
    await expect(
      answerReferral(app, liaison, id, { outcome: 'declined', note: '改主意' }, { today: '2019-06-25' }),
    ).rejects.toMatchObject({ code: 'REFERRAL_CLOSED' });
    expect((await listReferrals(app, town, { status: 'closed' })).map((r) => r.id)).toEqual([id]);
    // Closed, a new referral of that kind may be made.
    const again = await createReferral(
      app,
      town,
      { personId: personA, kind: 'minimumLiving', reason: '情况再次变化' },
      { today: '2019-09-02' },
    );
    expect(again.status).toBe('open');
    const actions = await sql<{ action: string }>`
      SELECT action FROM audit_log WHERE entity_type = 'referral' AND entity_id = ${String(id)} ORDER BY seq`.execute(
      app.db,
    );
    expect(actions.rows.map((r) => r.action)).toEqual([
      'referral.create',
      'referral.answer',
      'referral.supplyInformation',
      'referral.answer',
    ]);
  });

  it('are made inside the caller’s transaction: undone with it, notification included', async () => {
    const before = (await listNotifications(app, liaison)).length;
    let madeId = 0;
    await expect(
      app.db.transaction().execute(async (trx) => {
        const r = await referToCivilAffairs(trx, town, {
          county: LINGYUAN,
          personId: personA2,
          kind: 'temporaryAssistance',
          reason: '审批中一并转介',
          applicationId: 99,
        });
        madeId = r.id;
        throw new Error('approval failed later');
      }),
    ).rejects.toThrow('approval failed later');
    expect(madeId).toBeGreaterThan(0);
    await expect(getReferral(app, liaison, madeId)).rejects.toMatchObject({ code: 'REFERRAL_NOT_FOUND' });
    expect((await listNotifications(app, liaison)).length).toBe(before);
  });
});

describe('referrals over HTTP', () => {
  it('POST /referrals, GET /referrals, POST /referrals/:id/answer, in the OpenAPI document', async () => {
    const server = await testServer(app);
    try {
      const login = async (
        username: string,
        role: 'townshipOfficer' | 'civilAffairsLiaison',
        division: string,
      ) => {
        await createAccount(app.db, systemActor('cli'), {
          username,
          displayName: username,
          password: 'refer-pass-123',
          role,
          division,
        });
        const res = await server.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password: 'refer-pass-123' },
        });
        return {
          cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
          'x-csrf-token': res.json().csrfToken as string,
        };
      };
      const staff = await login('refer-town', 'townshipOfficer', TOWNSHIP_A);
      const civil = await login('refer-civil', 'civilAffairsLiaison', LINGYUAN);
      const made = await server.inject({
        method: 'POST',
        url: '/api/v1/referrals',
        headers: staff,
        payload: { personId: personA2, kind: 'minimumLiving', reason: '临时生活补助个案，建议评估低保' },
      });
      expect(made.statusCode).toBe(201);
      const id = made.json().id as number;
      const list = await server.inject({
        method: 'GET',
        url: '/api/v1/referrals?status=open',
        headers: civil,
      });
      expect(list.statusCode).toBe(200);
      expect((list.json() as { id: number }[]).map((r) => r.id)).toContain(id);
      const bad = await server.inject({
        method: 'POST',
        url: `/api/v1/referrals/${id}/answer`,
        headers: civil,
        payload: { outcome: 'declined' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.path).toBe('note');
      const answered = await server.inject({
        method: 'POST',
        url: `/api/v1/referrals/${id}/answer`,
        headers: civil,
        payload: { outcome: 'declined', note: '家庭收入高于低保标准' },
      });
      expect(answered.statusCode).toBe(200);
      expect(answered.json()).toMatchObject({ status: 'declined', history: [{ kind: 'declined' }] });
      const inbox = await server.inject({ method: 'GET', url: '/api/v1/notifications', headers: staff });
      expect(inbox.json()[0]).toMatchObject({
        topic: 'referral.answered',
        subject: { type: 'referral', id },
      });
      const doc = (await server.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/referrals',
          '/api/v1/referrals/{id}',
          '/api/v1/referrals/{id}/answer',
          '/api/v1/referrals/{id}/information',
        ]),
      );
    } finally {
      await server.close();
    }
  });
});
