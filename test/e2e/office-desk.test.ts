import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount, systemActor } from '../../src/modules/access/index.js';
import { registerPerson, setFact } from '../../src/modules/registry/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { DESKTOP, loginTo, PHONE, run, SCREENSHOTS, seriousA11y, useSite } from './browser.js';

const VILLAGE = '211382101200';
const TOWNSHIP = '211382101';
const PASSWORD = 'desk-pass-123';
/** A woman of 46 at the desk: working age, and 大龄 for the difficulty identification. */
const ID_NUMBER = makeIdNumber('211382', '1980-03-15', 62, 'female');
/** The same number with its check character changed. */
const WRONG_ID = ID_NUMBER.slice(0, 17) + (ID_NUMBER.endsWith('1') ? '2' : '1');
let skilledId: number;

const site = useSite(async ({ app }) => {
  const sys = systemActor('cli');
  for (const [username, displayName, role, division] of [
    ['village-e2e', '李协理', 'villageClerk', VILLAGE],
    ['township-e2e', '张经办', 'townshipOfficer', TOWNSHIP],
    ['civil-e2e', '刘联络', 'civilAffairsLiaison', '211382'],
  ] as const)
    await createAccount(app.db, sys, { username, displayName, password: PASSWORD, role, division });
  // Someone already in the registry whom 政策找人 will find: employed, insured 40 months, a new certificate.
  const p = await registerPerson(app, sys, {
    name: '赵技能',
    idNumber: makeIdNumber('211382', '1990-06-06', 31, 'male'),
    residenceDivision: VILLAGE,
    factsFrom: '2024-01-01',
  });
  skilledId = p.id;
  const certificate = { kind: 'skillLevel', occupation: '6-31-01-03', level: 3, obtainedOn: '2026-01-10' };
  for (const [name, value] of [
    ['employed', true],
    ['insuredMonths', 40],
    ['certificate', certificate],
  ] as const)
    await setFact(app, sys, { type: 'person', id: p.id }, { name, value, validFrom: '2024-01-01' });
});

const login = (p: Page, username: string, path: string) =>
  loginTo(p, `${site.url}${path}`, username, PASSWORD);

async function apiAs(username: string) {
  const r = await site.server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: PASSWORD },
  });
  const session = (r.cookies as { name: string; value: string }[]).find((c) => c.name === 'jiuye_session')!;
  const headers = {
    cookie: `jiuye_session=${session.value}`,
    'x-csrf-token': r.json<{ csrfToken: string }>().csrfToken,
  };
  return (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    site.server.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
}

/** Nothing wider than the screen. */
async function fits(p: Page) {
  expect(
    Number(await p.evaluate('document.documentElement.scrollWidth - window.innerWidth')),
  ).toBeLessThanOrEqual(0);
}

async function shoot(p: Page, name: string) {
  expect(await seriousA11y(p)).toEqual([]);
  await p.screenshot({ path: `${SCREENSHOTS}/${name}-desktop.png`, fullPage: true });
  await p.setViewportSize(PHONE);
  await p.waitForTimeout(200);
  await fits(p);
  await p.screenshot({ path: `${SCREENSHOTS}/${name}-phone.png`, fullPage: true });
  await p.setViewportSize(DESKTOP);
}

describe.skipIf(!run)('back office: the desk, the registry and 政策找人 in Chromium', () => {
  it('a village clerk registers, a township officer registers unemployment and identification, finds, reveals and notifies', async () => {
    const errors: string[] = [];
    // 1. The village clerk registers a person who came in; a wrong ID number is refused first.
    const village = await site.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const v = await village.newPage();
    v.on('pageerror', (e) => errors.push(e.message));
    await login(v, 'village-e2e', '/office/desk');
    await v.locator('#desk-reg-name').fill('王秀英');
    await v.locator('#desk-reg-idNumber').fill(WRONG_ID);
    await v.locator('#desk-reg-phone').fill('13900001234');
    await expect
      .poll(() => v.locator('#desk-reg-residenceDivision').textContent(), { timeout: 10_000 })
      .not.toBe(VILLAGE);
    await v.getByLabel('新建家庭户（本人为户主）').check();
    await v.getByRole('button', { name: /^登\s*记$/ }).click();
    const idError = v.locator('#desk-reg-idNumber-error');
    await expect.poll(() => idError.textContent(), { timeout: 5_000 }).toContain('校验位');
    expect(await v.locator('#desk-reg-idNumber').getAttribute('aria-invalid')).toBe('true');
    const count = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM persons`.execute(site.app.db)).rows[0]!.n;
    expect(await count()).toBe(1); // nothing was sent
    await v.locator('#desk-reg-idNumber').fill(ID_NUMBER);
    await expect.poll(() => v.locator('#desk-reg-idNumber-hint').textContent()).toContain('1980-03-15');
    await shoot(v, 'desk-register');
    await v.getByRole('button', { name: /^登\s*记$/ }).click();
    await v.waitForURL(/\/office\/desk\/\d+$/, { timeout: 10_000 });
    await expect.poll(() => v.getByText('登记成功').count(), { timeout: 10_000 }).toBe(1);
    const personId = Number(new URL(v.url()).pathname.split('/').pop());
    expect(await count()).toBe(2);
    const household = await sql<{ n: number }>`SELECT count(*)::int AS n FROM household_members
      WHERE person_id = ${personId} AND relation = 'head'`.execute(site.app.db);
    expect(household.rows[0]!.n).toBe(1);

    // 2. The township officer finds them at the desk, registers unemployment and applies for identification.
    const township = await site.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const t = await township.newPage();
    t.on('pageerror', (e) => errors.push(e.message));
    await login(t, 'township-e2e', '/office/desk');
    await t.locator('#desk-find-id').fill(ID_NUMBER);
    await t.getByRole('button', { name: /^查\s*找$/ }).click();
    await t.waitForURL(new RegExp(`/office/desk/${personId}$`), { timeout: 10_000 });
    await t.getByRole('button', { name: '办理失业登记' }).click();
    const certificate = t.getByTestId('certificate');
    await certificate.waitFor({ timeout: 10_000 });
    expect(await certificate.textContent()).toMatch(/^211382\d{10}$/);
    await t.getByRole('button', { name: '提交认定申请' }).click();
    const difficulty = t.getByTestId('difficulty');
    await expect
      .poll(() => difficulty.textContent(), { timeout: 10_000 })
      .toContain('村（社区）受理核实后开始公示');
    const applicationId = Number(
      await difficulty.locator('[data-application-id]').getAttribute('data-application-id'),
    );

    // The village takes it in (the cases page's work, done here through the API): the 公示 begins.
    const asVillage = await apiAs('village-e2e');
    const reviewed = await asVillage('POST', `/applications/${applicationId}/review`, { action: 'approve' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    await t.reload();
    const notice = t.getByTestId('notice');
    await notice.waitFor({ timeout: 10_000 });
    const noticeText = (await notice.textContent()) ?? '';
    const { from, to } = reviewed.json<{ notice: { from: string; to: string } }>().notice;
    expect(noticeText).toContain(`${from} 至 ${to}`);
    expect(noticeText).toMatch(/村务公开栏/);
    expect(noticeText).toContain(String(applicationId));
    await shoot(t, 'desk-person');

    // 3. A search finds them masked; the reveal with a reason shows the full number and is audited.
    await t.goto(`${site.url}/office/persons`);
    await t.locator('#persons-q').fill('王秀英');
    await t.getByRole('button', { name: /^查\s*询$/ }).click();
    const result = t.locator(`li[data-person-id="${personId}"]`);
    await result.waitFor({ timeout: 10_000 });
    const masked = `${ID_NUMBER.slice(0, 6)}********${ID_NUMBER.slice(-4)}`;
    expect(await result.textContent()).toContain(masked);
    expect(await result.textContent()).not.toContain(ID_NUMBER);
    await result.getByRole('link', { name: '王秀英' }).click();
    await t.waitForURL(new RegExp(`/office/persons/${personId}$`), { timeout: 10_000 });
    await expect
      .poll(() => t.getByTestId('person-id-number').textContent(), { timeout: 10_000 })
      .toBe(masked);
    await t.getByRole('button', { name: '按今日登记信息测算' }).click();
    await expect
      .poll(() => t.getByTestId('entitlements').textContent(), { timeout: 15_000 })
      .toContain('符合条件');
    await t.getByTestId('reveal-open').click();
    await t.getByRole('button', { name: /^查\s*看$/ }).click();
    await expect.poll(() => t.locator('#persons-reason-error').textContent()).toContain('查看事由');
    await t.locator('#persons-reason').fill('核对失业登记身份信息');
    await shoot(t, 'desk-person-page');
    await t.getByRole('button', { name: /^查\s*看$/ }).click();
    await expect
      .poll(() => t.getByTestId('person-id-number').textContent(), { timeout: 10_000 })
      .toBe(ID_NUMBER);
    const audit = await sql<{ details: { reason: string; fields: string[] } }>`SELECT details FROM audit_log
      WHERE action = 'person.reveal' AND entity_id = ${String(personId)} AND actor_username = 'township-e2e'`.execute(
      site.app.db,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.details.reason).toBe('核对失业登记身份信息');
    expect(audit.rows[0]!.details.fields).toContain('idNumber');

    // 4. 政策找人: a scan from the page finds 赵技能; notifying records who and when.
    await t.goto(`${site.url}/office/outreach`);
    await expect
      .poll(() => t.getByTestId('scan').textContent(), { timeout: 10_000 })
      .toContain('还没有扫描过');
    await t.getByRole('button', { name: '重新扫描' }).click();
    await expect.poll(() => t.getByTestId('scan').textContent(), { timeout: 30_000 }).toContain('最近一次');
    const row = t.locator(`li[data-finding="person:${skilledId}:skill-upgrade-subsidy"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('赵技能');
    expect(await row.textContent()).toContain('待通知');
    await shoot(t, 'desk-outreach');
    await row.getByRole('button', { name: /^通\s*知$/ }).click();
    await expect
      .poll(() => row.getByTestId('finding-status').textContent(), { timeout: 10_000 })
      .toMatch(/已通知（township-e2e，/);
    const finding = await sql<{
      status: string;
      notified_by: string;
    }>`SELECT status, notified_by FROM rules_findings
      WHERE subject_id = ${skilledId} AND programme = 'skill-upgrade-subsidy'`.execute(site.app.db);
    expect(finding.rows[0]).toMatchObject({ status: 'notified', notified_by: 'township-e2e' });
    const sent = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notification_recipients r
      JOIN notifications n ON n.id = r.notification_id
      WHERE r.recipient_key = ${`person:211382:${skilledId}`} AND n.topic = 'outreach.mayQualify'`.execute(
      site.app.db,
    );
    expect(sent.rows[0]!.n).toBe(1);
    // Notifying again sends nothing more.
    const asTownship = await apiAs('township-e2e');
    const again = await asTownship('POST', '/rules/outreach/notify', {
      findings: [{ subjectType: 'person', subjectId: skilledId, programme: 'skill-upgrade-subsidy' }],
    });
    expect(again.json<{ notified: unknown[] }>().notified).toEqual([]);

    expect(errors).toEqual([]);
    await village.close();
    await township.close();
  });
  it('the civil-affairs liaison sees an overdue referral flagged and answers it; the township sees the answer', async () => {
    // The township officer refers 赵技能 from the desk (a reason is required).
    const errors: string[] = [];
    const township = await site.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
    const t = await township.newPage();
    t.on('pageerror', (e) => errors.push(e.message));
    await login(t, 'township-e2e', `/office/desk/${skilledId}`);
    const refer = t.getByTestId('refer');
    await refer.waitFor({ timeout: 10_000 });
    await refer.getByRole('button', { name: '转介民政' }).click();
    await expect.poll(() => t.locator('#desk-refer-reason-error').textContent()).toContain('转介理由');
    await t.locator('#desk-refer-kind').selectOption('minimumLiving');
    await t.locator('#desk-refer-reason').fill('家庭收入低于低保标准，建议纳入低保');
    await refer.getByRole('button', { name: '转介民政' }).click();
    await expect.poll(() => refer.textContent(), { timeout: 10_000 }).toContain('待答复');
    const made = await sql<{ id: number }>`SELECT id FROM referrals WHERE person_id = ${skilledId}`.execute(
      site.app.db,
    );
    expect(made.rows).toHaveLength(1);
    const id = Number(made.rows[0]!.id);
    // Long past its answer day.
    await sql`UPDATE referrals SET due_on = '2026-01-05' WHERE id = ${id}`.execute(site.app.db);

    const civil = await site.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const c = await civil.newPage();
    c.on('pageerror', (e) => errors.push(e.message));
    await login(c, 'civil-e2e', '/office/referrals');
    const item = c.locator(`li[data-referral="${id}"]`);
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toContain('已超期（应于 2026-01-05 前答复）');
    await expect.poll(() => item.getByRole('link', { name: '赵技能' }).count(), { timeout: 10_000 }).toBe(1);
    await item.getByRole('button', { name: /^答\s*复$/ }).click();
    await item.locator('select').selectOption('declined');
    await item.getByRole('button', { name: '提交答复' }).click();
    await expect.poll(() => item.locator('.field-error').textContent()).toContain('须说明理由');
    await item.locator('select').selectOption('accepted');
    await item.locator('textarea').fill('已受理，安排入户调查');
    await shoot(c, 'desk-referrals');
    await item.getByRole('button', { name: '提交答复' }).click();
    await expect.poll(() => item.textContent(), { timeout: 10_000 }).toContain('民政受理');
    const stored = await sql<{ status: string }>`SELECT status FROM referrals WHERE id = ${id}`.execute(
      site.app.db,
    );
    expect(stored.rows[0]!.status).toBe('accepted');

    // In large-text mode (适老化), on the phone.
    await t.evaluate("localStorage.setItem('jiuye.largeText', '1')");
    await t.goto(`${site.url}/office/referrals`);
    const mine = t.locator(`li[data-referral="${id}"]`);
    await mine.waitFor({ timeout: 10_000 });
    expect(await mine.textContent()).toContain('已受理');
    expect(await t.evaluate("document.documentElement.classList.contains('large-text')")).toBe(true);
    await fits(t);
    await t.goto(`${site.url}/office/desk/${skilledId}`);
    await t.getByTestId('refer').waitFor({ timeout: 10_000 });
    await fits(t);
    await t.goto(`${site.url}/office/outreach`);
    await t.getByTestId('scan').waitFor({ timeout: 10_000 });
    await t.locator('select').last().selectOption('notified');
    await expect
      .poll(() => t.getByTestId('outreach-list').textContent(), { timeout: 10_000 })
      .toContain('已通知（township-e2e，');
    await fits(t);
    expect(errors).toEqual([]);
    await civil.close();
    await township.close();
  });
});
