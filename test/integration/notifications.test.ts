import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, systemActor, type Actor } from '../../src/modules/access/index.js';
import {
  dispatchSms,
  listNotifications,
  LogSmsGateway,
  markNotificationRead,
  notify,
  setSmsEnabled,
  type SmsGateway,
} from '../../src/modules/notifications/index.js';
import { buildServer } from '../../src/app/server.js';
import { registerPerson } from '../../src/modules/registry/index.js';
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
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.destroy());
afterEach(() => setSmsEnabled(undefined));

const VILLAGE_A = '211382101200';
const citizen = (accountId: number, personId: number) =>
  actor('citizen', VILLAGE_A, { accountId, person: { county: LINGYUAN, id: personId } });
const firm = (accountId: number, enterpriseId: number) =>
  actor('enterprise', TOWNSHIP_A, { accountId, enterprise: { county: LINGYUAN, id: enterpriseId } });
const send = (n: Parameters<typeof notify>[1]) => app.db.transaction().execute((trx) => notify(trx, n));
const subject = { type: 'test', id: 1 };
const ids = async (a: Actor, q = {}) => (await listNotifications(app, a, q)).map((n) => n.message);

describe('in-app notifications', () => {
  it('reach every recipient kind, and nobody else', async () => {
    await send({
      recipients: [{ kind: 'person', county: LINGYUAN, id: 17 }],
      topic: 'test.person',
      subject,
      zh: '给人员17',
      en: 'to person 17',
    });
    await send({
      recipients: [{ kind: 'enterprise', county: LINGYUAN, id: 5 }],
      topic: 'test.enterprise',
      subject,
      zh: '给企业5',
      en: 'to enterprise 5',
    });
    await send({
      recipients: [{ kind: 'staff', division: TOWNSHIP_A, role: 'townshipOfficer' }],
      topic: 'test.staff',
      subject,
      zh: '给万元店镇经办',
      en: 'to township A officers',
    });
    await send({
      recipients: [{ kind: 'account', accountId: 900 }],
      topic: 'test.account',
      subject,
      zh: '给账号900',
      en: 'to account 900',
    });
    await send({
      recipients: [
        { kind: 'staff', division: LINGYUAN, role: 'civilAffairsLiaison' },
        { kind: 'person', county: LINGYUAN, id: 17 },
        { kind: 'person', county: LINGYUAN, id: 17 },
      ],
      topic: 'test.two',
      subject: { type: 'referral', id: 42 },
      zh: '给民政和人员17',
      en: 'to civil affairs and person 17',
    });

    // Both citizen accounts linked to person 17 see theirs; person 18 sees nothing.
    expect(await ids(citizen(101, 17))).toEqual(['给民政和人员17', '给人员17']);
    expect(await ids(citizen(102, 17))).toEqual(['给民政和人员17', '给人员17']);
    expect(await ids(citizen(103, 18))).toEqual([]);
    // A person of the same id in another county is someone else.
    expect(
      await ids(actor('citizen', '211381', { accountId: 104, person: { county: '211381', id: 17 } })),
    ).toEqual([]);
    expect(await ids(firm(201, 5))).toEqual(['给企业5']);
    expect(await ids(firm(202, 6))).toEqual([]);
    // Staff: that role bound exactly to that division; not another township, not the village below,
    // not the city above, not another role at the same place.
    expect(await ids(actor('townshipOfficer', TOWNSHIP_A, { accountId: 301 }))).toEqual(['给万元店镇经办']);
    expect(await ids(actor('townshipOfficer', TOWNSHIP_A, { accountId: 302 }))).toEqual(['给万元店镇经办']);
    expect(await ids(actor('townshipOfficer', TOWNSHIP_B, { accountId: 303 }))).toEqual([]);
    expect(await ids(actor('villageClerk', VILLAGE_A, { accountId: 304 }))).toEqual([]);
    expect(await ids(actor('cityOfficer', LINGYUAN, { accountId: 305 }))).toEqual([]);
    expect(await ids(actor('civilAffairsLiaison', LINGYUAN, { accountId: 306 }))).toEqual(['给民政和人员17']);
    // One account; a staff member whose account it is sees it beside the team's.
    expect(await ids(actor('townshipOfficer', TOWNSHIP_A, { accountId: 900 }))).toEqual([
      '给账号900',
      '给万元店镇经办',
    ]);
    expect(await ids(systemActor('job'))).toEqual([]);

    const [n] = await listNotifications(app, actor('civilAffairsLiaison', LINGYUAN, { accountId: 306 }));
    expect(n).toMatchObject({
      topic: 'test.two',
      subject: { type: 'referral', id: 42 },
      messageEn: 'to civil affairs and person 17',
      read: false,
      readAt: null,
    });
  });

  it('are read per account: a team message stays unread for the others; others’ messages are not found', async () => {
    await send({
      recipients: [{ kind: 'staff', division: TOWNSHIP_B, role: 'townshipOfficer' }],
      topic: 'test.read',
      subject,
      zh: '东城街道待办',
      en: 'to township B',
    });
    const me = actor('townshipOfficer', TOWNSHIP_B, { accountId: 401 });
    const colleague = actor('townshipOfficer', TOWNSHIP_B, { accountId: 402 });
    const [n] = await listNotifications(app, me);
    await markNotificationRead(app, me, n!.id);
    await markNotificationRead(app, me, n!.id); // twice is fine
    expect(await ids(me, { unreadOnly: true })).toEqual([]);
    expect((await listNotifications(app, me))[0]).toMatchObject({ id: n!.id, read: true });
    expect(await ids(colleague, { unreadOnly: true })).toEqual(['东城街道待办']);
    await expect(
      markNotificationRead(app, actor('townshipOfficer', TOWNSHIP_A, { accountId: 403 }), n!.id),
    ).rejects.toMatchObject({ code: 'NOTIFICATION_NOT_FOUND' });
    await expect(markNotificationRead(app, me, 999_999)).rejects.toMatchObject({
      code: 'NOTIFICATION_NOT_FOUND',
    });
  });

  it('are written in the caller’s transaction: rolled back with it', async () => {
    await expect(
      app.db.transaction().execute(async (trx) => {
        await notify(trx, {
          recipients: [{ kind: 'account', accountId: 501 }],
          topic: 'test.rollback',
          subject,
          zh: '不应出现',
          en: 'never',
        });
        throw new Error('the act failed');
      }),
    ).rejects.toThrow('the act failed');
    expect(await ids(actor('cityOfficer', LINGYUAN, { accountId: 501 }))).toEqual([]);
  });

  it('page newest first', async () => {
    for (let i = 1; i <= 5; i++)
      await send({
        recipients: [{ kind: 'account', accountId: 600 }],
        topic: 't',
        subject,
        zh: `第${i}条`,
        en: `#${i}`,
      });
    const me = actor('cityOfficer', LINGYUAN, { accountId: 600 });
    const first = await listNotifications(app, me, { limit: 2 });
    expect(first.map((n) => n.message)).toEqual(['第5条', '第4条']);
    const next = await listNotifications(app, me, { limit: 2, before: first[1]!.id });
    expect(next.map((n) => n.message)).toEqual(['第3条', '第2条']);
  });
});

describe('SMS', () => {
  const town = actor('townshipOfficer', TOWNSHIP_A);
  const MOBILE = '13912345678';
  const outbox = async () =>
    (
      await sql<{
        recipient_key: string;
        status: string;
        attempts: number;
        last_error: string | null;
      }>`SELECT recipient_key, status, attempts, last_error FROM sms_outbox ORDER BY id`.execute(app.db)
    ).rows;

  it('is off by default: no outbox', async () => {
    await send({
      recipients: [{ kind: 'person', county: LINGYUAN, id: 1 }],
      topic: 't',
      subject,
      zh: '无短信',
      en: 'no sms',
    });
    expect(await outbox()).toEqual([]);
  });

  it('when on, queues person recipients only, and the dispatcher looks the phone up, audited, when sending', async () => {
    setSmsEnabled(true);
    const withPhone = await registerPerson(app, town, {
      name: '短信测试',
      idNumber: makeIdNumber('211382', '1980-02-02', 31, 'male'),
      residenceDivision: VILLAGE_A,
      phone: MOBILE,
    });
    const noPhone = await registerPerson(app, town, {
      name: '无电话',
      idNumber: makeIdNumber('211382', '1980-02-03', 32, 'female'),
      residenceDivision: VILLAGE_A,
    });
    await send({
      recipients: [
        { kind: 'person', county: LINGYUAN, id: withPhone.id },
        { kind: 'person', county: LINGYUAN, id: noPhone.id },
        { kind: 'staff', division: TOWNSHIP_A, role: 'townshipOfficer' },
        { kind: 'account', accountId: 700 },
      ],
      topic: 'test.sms',
      subject,
      zh: '您的申请已受理',
      en: 'Your application was received',
    });
    const queued = await outbox();
    expect(queued.map((r) => r.recipient_key).sort()).toEqual(
      [`person:${LINGYUAN}:${withPhone.id}`, `person:${LINGYUAN}:${noPhone.id}`].sort(),
    );
    // No phone number is stored in the outbox.
    const dump = JSON.stringify((await sql`SELECT * FROM sms_outbox`.execute(app.db)).rows);
    expect(dump).not.toContain(MOBILE);

    const sent: { phone: string; text: string }[] = [];
    const gateway: SmsGateway = {
      name: 'fake',
      send: async (phone, text) => void sent.push({ phone, text }),
    };
    expect(await dispatchSms(app, gateway)).toEqual({ sent: 1, skipped: 1, failed: 0, retrying: 0 });
    expect(sent).toEqual([{ phone: MOBILE, text: '您的申请已受理' }]);
    expect((await outbox()).map((r) => r.status).sort()).toEqual(['sent', 'skipped']);
    // Nothing is sent twice.
    expect(await dispatchSms(app, gateway)).toEqual({ sent: 0, skipped: 0, failed: 0, retrying: 0 });
    const audit = await sql<{ action: string; entity_id: string; details: { reason: string } }>`
      SELECT action, entity_id, details FROM audit_log WHERE actor_username = 'sms' ORDER BY seq`.execute(
      app.db,
    );
    expect(audit.rows.map((r) => [r.action, r.entity_id])).toEqual([
      ['person.reveal', String(withPhone.id)],
      ['person.reveal', String(noPhone.id)],
    ]);
    expect(audit.rows[0]!.details.reason).toMatch(/短信/);
  });

  it('tries again after a gateway error, and gives up after the last attempt; logs carry no phone or text', async () => {
    await sql`UPDATE sms_outbox SET status = 'sent' WHERE status = 'pending'`.execute(app.db);
    setSmsEnabled(true);
    const p = await registerPerson(app, town, {
      name: '网关故障',
      idNumber: makeIdNumber('211382', '1981-03-03', 33, 'male'),
      residenceDivision: VILLAGE_A,
      phone: '13800001111',
    });
    await send({
      recipients: [{ kind: 'person', county: LINGYUAN, id: p.id }],
      topic: 't',
      subject,
      zh: '张三的补贴已发放',
      en: 'paid',
    });
    const lines: string[] = [];
    const log = { warn: (o: object, m: string) => void lines.push(JSON.stringify(o) + m) };
    const broken: SmsGateway = {
      name: 'broken',
      send: async (phone) => {
        throw new Error(`gateway refused ${phone}`);
      },
    };
    const due = () =>
      sql`UPDATE sms_outbox SET next_attempt_at = now() WHERE status = 'pending'`.execute(app.db);
    expect(await dispatchSms(app, broken, { maxAttempts: 2, log })).toMatchObject({ retrying: 1 });
    expect(await dispatchSms(app, broken, { maxAttempts: 2, log })).toMatchObject({ retrying: 0, failed: 0 });
    await due();
    expect(await dispatchSms(app, broken, { maxAttempts: 2, log })).toMatchObject({ failed: 1 });
    const last = (await outbox()).at(-1)!;
    expect(last).toMatchObject({ status: 'failed', attempts: 2, last_error: 'broken: Error' });
    expect(lines.join('\n')).not.toMatch(/13800001111|张三/);

    // The development gateway writes one line per message, without the number or the text.
    const infos: string[] = [];
    const g = new LogSmsGateway({ info: (o, m) => void infos.push(JSON.stringify(o) + m) });
    await g.send('13800001111', '张三的补贴已发放');
    expect(infos).toHaveLength(1);
    expect(infos[0]).not.toMatch(/13800001111|张三/);
  });
});

describe('SMS in the server', () => {
  it('runs the dispatcher with the configured gateway, and stops it on close', async () => {
    await sql`UPDATE sms_outbox SET status = 'sent' WHERE status = 'pending'`.execute(app.db);
    const server = await buildServer({
      ...app,
      config: { ...app.config, smsGateway: 'log', smsIntervalMs: 100 },
    });
    try {
      await server.ready();
      const p = await registerPerson(app, actor('townshipOfficer', TOWNSHIP_A), {
        name: '服务器短信',
        idNumber: makeIdNumber('211382', '1982-04-04', 34, 'male'),
        residenceDivision: VILLAGE_A,
        phone: '13700002222',
      });
      await send({
        recipients: [{ kind: 'person', county: LINGYUAN, id: p.id }],
        topic: 't',
        subject,
        zh: '短信经服务器发送',
        en: 'sent by the server',
      });
      const status = async () =>
        (
          await sql<{ status: string }>`SELECT status FROM sms_outbox ORDER BY id DESC LIMIT 1`.execute(
            app.db,
          )
        ).rows[0]!.status;
      for (let i = 0; i < 50 && (await status()) === 'pending'; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(await status()).toBe('sent');
    } finally {
      await server.close();
    }
  });
});

describe('notifications over HTTP', () => {
  it('lists and marks read under /api/v1/notifications, in the OpenAPI document', async () => {
    const server = await testServer(app);
    try {
      const acc = await createAccount(app.db, systemActor('cli'), {
        username: 'inbox',
        displayName: 'i',
        password: 'inbox-pass-123',
        role: 'cityOfficer',
        division: LINGYUAN,
      });
      await send({
        recipients: [{ kind: 'account', accountId: acc.id }],
        topic: 't',
        subject,
        zh: '您好',
        en: 'hello',
      });
      await send({
        recipients: [{ kind: 'account', accountId: acc.id + 1 }],
        topic: 't',
        subject,
        zh: '别人的',
        en: 'theirs',
      });
      const login = await server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'inbox', password: 'inbox-pass-123' },
      });
      const headers = {
        cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        'x-csrf-token': login.json().csrfToken as string,
      };
      const list = await server.inject({
        method: 'GET',
        url: '/api/v1/notifications?unreadOnly=true',
        headers,
      });
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject([{ message: '您好', read: false }]);
      const id = (list.json() as { id: number }[])[0]!.id;
      const read = await server.inject({ method: 'POST', url: `/api/v1/notifications/${id}/read`, headers });
      expect(read.statusCode).toBe(204);
      const after = await server.inject({
        method: 'GET',
        url: '/api/v1/notifications?unreadOnly=true',
        headers,
      });
      expect(after.json()).toEqual([]);
      const theirs = (await sql<{ id: number }>`SELECT max(id) AS id FROM notifications`.execute(app.db))
        .rows[0]!.id;
      const denied = await server.inject({
        method: 'POST',
        url: `/api/v1/notifications/${theirs}/read`,
        headers,
      });
      expect(denied.statusCode).toBe(404);
      expect(denied.json().error.code).toBe('NOTIFICATION_NOT_FOUND');
      const anon = await server.inject({ method: 'GET', url: '/api/v1/notifications' });
      expect(anon.statusCode).toBe(401);
      const doc = (await server.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/v1/notifications', '/api/v1/notifications/{id}/read']),
      );
    } finally {
      await server.close();
    }
  });
});
