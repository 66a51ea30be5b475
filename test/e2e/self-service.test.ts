import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount, systemActor } from '../../src/modules/access/index.js';
import { reviewApplication } from '../../src/modules/applications/index.js';
import {
  createHousehold,
  registerEnterprise,
  registerPerson,
  setFact,
} from '../../src/modules/registry/index.js';
import { makeIdNumber, makeUscc } from '../../src/shared/identity/index.js';
import { actor } from '../support/test-app.js';
import { DESKTOP, login, PHONE, run, SCREENSHOTS, useSite } from './browser.js';

const VILLAGE = '211382101200';
const PASSWORD = 'self-pass-123';
const PDF = path.resolve('src/platform/storage/fixtures/sample.pdf');

const site = useSite(async ({ app }) => {
  const officer = actor('cityOfficer', '211382');
  // A graduate from a registered poor household, in the registry (the facts the programme reads).
  const graduate = await registerPerson(app, officer, {
    name: '张明远',
    idNumber: makeIdNumber('211382', '1998-05-04', 31, 'male'),
    phone: '13900001111',
    residenceDivision: VILLAGE,
    education: 'bachelor',
    factsFrom: '2020-07-01',
  });
  await setFact(
    app,
    officer,
    { type: 'person', id: graduate.id },
    {
      name: 'registeredPoor',
      value: true,
      validFrom: '2019-01-01',
      source: { kind: 'department', ref: '扶贫部门建档立卡数据' },
    },
  );
  const mother = await registerPerson(app, officer, {
    name: '李秀兰',
    idNumber: makeIdNumber('211382', '1972-09-10', 42, 'female'),
    residenceDivision: VILLAGE,
  });
  await createHousehold(app, officer, {
    residenceDivision: VILLAGE,
    members: [
      { personId: mother.id, relation: 'head' },
      { personId: graduate.id, relation: 'child' },
    ],
    since: '2015-01-01',
  });
  await createAccount(app.db, systemActor('cli'), {
    username: 'graduate-e2e',
    displayName: '张明远',
    password: PASSWORD,
    role: 'citizen',
    division: VILLAGE,
    person: { county: graduate.county, id: graduate.id },
  });
  const company = await registerEnterprise(app, officer, {
    name: '凌源市青禾农业科技有限公司',
    uscc: makeUscc('211382', 4711),
    size: 'small',
    division: '211382101',
    contactName: '刘经理',
    contactPhone: '13900002222',
  });
  await createAccount(app.db, systemActor('cli'), {
    username: 'company-e2e',
    displayName: '青禾农业',
    password: PASSWORD,
    role: 'enterprise',
    division: '211382101',
    enterprise: { county: company.county, id: company.id },
  });
});

/** Nothing wider than the phone's screen. */
async function noOverflow(p: Page) {
  const wide = await p.evaluate<number>('document.documentElement.scrollWidth');
  expect(wide).toBeLessThanOrEqual(PHONE.width);
}

async function answerRadio(p: Page, fact: string, label: string) {
  await p.locator(`[data-fact="${fact}"]`).getByText(label, { exact: true }).click();
}

async function chooseOption(p: Page, fact: string, label: string) {
  await p.locator(`[data-fact="${fact}"] .ant-select`).click();
  await p.locator('.ant-select-dropdown:visible').getByTitle(label, { exact: true }).click();
}

describe.skipIf(!run)('self-service (我的办事) in Chromium', () => {
  it('a graduate applies online from the guide: known facts, declared facts, an upload, the decision before submitting', async () => {
    const context: BrowserContext = await site.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));

    // The guide offers to apply online; not logged in, it goes through the login page.
    await p.goto(`${site.url}/policies/startup-venue-subsidy`);
    await p.getByRole('link', { name: '登录后在线申请' }).click();
    await p.waitForURL(/\/login\?next=%2Fme%2Fapply%2Fstartup-venue-subsidy/, { timeout: 10_000 });
    await login(p, 'graduate-e2e', PASSWORD);
    await p.waitForURL(/\/me\/apply\/startup-venue-subsidy$/, { timeout: 10_000 });

    // Step 1: what the registry knows is shown, not asked.
    const known = p.getByTestId('known-facts');
    await known.waitFor({ timeout: 10_000 });
    expect(await known.textContent()).toContain('本科');
    expect(await known.textContent()).toContain('部门共享数据');
    await p.getByRole('button', { name: '下一步' }).click();

    // Step 2: the facts to declare, in plain questions; a missing answer is shown beside its question.
    await p.locator('[data-fact="business.rentPaidYearly"]').waitFor();
    expect(await p.locator('[data-fact="education"]').count()).toBe(0);
    await p.getByRole('button', { name: '保存并继续' }).click();
    await expect
      .poll(() => p.locator('[data-fact="business.rentPaidYearly"] .field-error').textContent())
      .toBe('请回答此问题');
    await answerRadio(p, 'business.registeredInLingyuan', '是');
    await p.locator('#fact-business-rentPaidYearly').fill('8000');
    await p.screenshot({ path: `${SCREENSHOTS}/self-wizard-desktop.png`, fullPage: true });
    await p.getByRole('button', { name: '保存并继续' }).click();

    // Step 3: materials (the draft exists now).
    await p.getByText(/已保存为草稿（申请编号 \d+）/).waitFor({ timeout: 10_000 });
    await p.locator('input[type="file"]').setInputFiles(PDF);
    await p
      .getByRole('button', { name: '上 传' })
      .or(p.getByRole('button', { name: '上传' }))
      .click();
    await p.locator('.self-materials').getByText('sample.pdf').waitFor({ timeout: 10_000 });
    await p.getByRole('button', { name: '下一步' }).click();

    // Step 4: the decision and its reasons, before submitting.
    const verdict = p.getByTestId('decision-verdict');
    await verdict.waitFor({ timeout: 10_000 });
    expect(await verdict.textContent()).toContain('符合条件');
    expect(await p.locator('.self-reasons li').count()).toBeGreaterThanOrEqual(4);
    await p.getByRole('button', { name: '提交申请' }).click();
    await p.getByText('请先勾选确认').waitFor();
    await p.getByText('我确认以上填写的内容真实、准确').click();
    await p.getByRole('button', { name: '提交申请' }).click();

    // The result: the reference and what comes next.
    await p.getByRole('heading', { name: '申请已提交' }).waitFor({ timeout: 10_000 });
    const id = Number(await p.getByTestId('application-reference').textContent());
    expect(id).toBeGreaterThan(0);
    expect(await p.locator('.self-done').textContent()).toMatch(/村（社区）受理核实.*3 个工作日内办理/);

    // The server kept it: submitted online, with what was declared and the material.
    const stored = await context.request.get(`${site.url}/api/v1/applications/${id}`);
    expect(await stored.json()).toMatchObject({
      status: 'inReview',
      channel: 'online',
      programme: { id: 'startup-venue-subsidy' },
      step: { id: 'villageIntake' },
      decision: { eligible: true },
    });
    const declared = await context.request.get(`${site.url}/api/v1/applications/${id}/declared`);
    expect(await declared.json()).toEqual({ business: { registeredInLingyuan: true, rentPaidYearly: 8000 } });
    const materials = await context.request.get(`${site.url}/api/v1/applications/${id}/materials`);
    expect(await materials.json()).toEqual([
      expect.objectContaining({ filename: 'sample.pdf', mime: 'application/pdf' }),
    ]);

    // 我的办事 lists it; its page shows the timeline.
    await p.getByRole('link', { name: '返回我的办事', exact: true }).click();
    await p.waitForURL(/\/me$/);
    const item = p.locator(`li[data-application="${id}"]`);
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toContain('审核中');
    expect(await p.locator('.self-profile').first().textContent()).toContain('139****1111');
    // 我的信息 names the household, the others masked.
    const household = await p.locator('.self-household').textContent();
    expect(household).toContain('李*兰 · 户主');
    expect(household).not.toContain('李秀兰');
    await p.screenshot({ path: `${SCREENSHOTS}/self-home-desktop.png`, fullPage: true });
    await item.getByRole('link').click();
    await p.waitForURL(new RegExp(`/me/applications/${id}$`));
    const timeline = p.getByTestId('timeline');
    await timeline.waitFor({ timeout: 10_000 });
    expect(
      await timeline.locator('li').evaluateAll((li) => li.map((x) => x.getAttribute('data-action'))),
    ).toEqual(['created', 'materialAdded', 'submitted']);
    expect(await p.locator('.self-chain li.now').textContent()).toContain('村（社区）受理核实');
    await p.screenshot({ path: `${SCREENSHOTS}/self-application-desktop.png`, fullPage: true });

    // The village returns it for correction (退回补正): the applicant changes the rent and submits again.
    await reviewApplication(site.app, actor('villageClerk', VILLAGE), id, {
      action: 'return',
      comment: '请按租赁合同填写本年度实际支付的租金。',
    });
    await p.reload();
    await p.getByText('退回意见：请按租赁合同填写本年度实际支付的租金。').waitFor({ timeout: 10_000 });
    await p.getByRole('button', { name: '修改申报内容' }).click();
    await p.locator('#fact-business-rentPaidYearly').fill('');
    await p.getByRole('button', { name: '保存修改' }).click();
    await expect
      .poll(() => p.locator('[data-fact="business.rentPaidYearly"] .field-error').textContent())
      .toBe('请回答此问题');
    await p.locator('#fact-business-rentPaidYearly').fill('6000');
    await p.getByRole('button', { name: '保存修改' }).click();
    await p.getByText('已保存。系统已按新的内容重新预审。').waitFor({ timeout: 10_000 });
    await p.getByRole('button', { name: '重新提交' }).click();
    await expect
      .poll(() => p.locator('.self-status').first().textContent(), { timeout: 10_000 })
      .toBe('审核中');
    await expect
      .poll(() => timeline.locator('li').evaluateAll((li) => li.map((x) => x.getAttribute('data-action'))))
      .toEqual(['created', 'materialAdded', 'submitted', 'returned', 'edited', 'resubmitted']);
    const again = await context.request.get(`${site.url}/api/v1/applications/${id}`);
    expect(await again.json()).toMatchObject({ status: 'inReview', decision: { amount: 6000 } });

    // The same pages on a phone, in large text: nothing wider than the screen.
    await p.setViewportSize(PHONE);
    await p.evaluate(() => localStorage.setItem('jiuye.largeText', '1'));
    await p.reload();
    await timeline.waitFor({ timeout: 10_000 });
    await noOverflow(p);
    await p.screenshot({ path: `${SCREENSHOTS}/self-application-phone.png`, fullPage: true });
    await p.goto(`${site.url}/me`);
    await item.waitFor({ timeout: 10_000 });
    await noOverflow(p);
    await p.screenshot({ path: `${SCREENSHOTS}/self-home-phone.png`, fullPage: true });
    await p.goto(`${site.url}/me/apply/talent-housing-grant`);
    await p.getByRole('button', { name: '下一步' }).click();
    await p.locator('[data-fact="talent.category"]').waitFor({ timeout: 10_000 });
    await noOverflow(p);
    await p.screenshot({ path: `${SCREENSHOTS}/self-wizard-phone.png`, fullPage: true });

    expect(errors).toEqual([]);
    await context.close();
  });

  it('an enterprise applies for the internship subsidy (见习补贴) and sees it listed', async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`${site.url}/login`);
    await login(p, 'company-e2e', PASSWORD);
    await p.waitForURL(/\/me$/, { timeout: 10_000 });
    await p.getByText('凌源市青禾农业科技有限公司').waitFor({ timeout: 10_000 });
    const programmes = p.locator('.self-programmes');
    await programmes.waitFor({ timeout: 10_000 });
    expect(await programmes.textContent()).toContain('就业见习补贴');
    expect(await programmes.textContent()).not.toContain('人才安家补助');
    await programmes
      .locator('li', { hasText: '就业见习补贴' })
      .getByRole('link', { name: '在线申请' })
      .click();
    await p.waitForURL(/\/me\/apply\/internship-subsidy$/);
    await p.getByRole('button', { name: '下一步' }).click();

    await p.locator('#fact-internship-startedOn').fill('2026-03-01');
    await p.locator('#fact-internship-months').fill('6');
    await p.locator('#fact-internship-livingAllowanceMonthly').fill('1500');
    await p.locator('#fact-internship-unitRetentionRate').fill('60');
    await p
      .locator('#fact-internship-intern-idNumber')
      .fill(makeIdNumber('211382', '2002-05-01', 45, 'female'));
    await chooseOption(p, 'internship.intern.education', '本科');
    await p.locator('#fact-internship-intern-leftSchoolOn').fill('2025-07-01');
    await answerRadio(p, 'internship.intern.employed', '否');
    await answerRadio(p, 'internship.intern.enrolledStudent', '否'); // asked since the second reading
    // The intern's birth date comes from the ID number: not asked.
    expect(await p.locator('[data-fact="internship.intern.birthDate"]').count()).toBe(0);
    await p.getByRole('button', { name: '保存并继续' }).click();
    await p.getByText(/已保存为草稿/).waitFor({ timeout: 10_000 });
    await p.getByRole('button', { name: '下一步' }).click();
    const verdict = p.getByTestId('decision-verdict');
    await verdict.waitFor({ timeout: 10_000 });
    expect(await verdict.textContent()).toContain('符合条件');
    await p.getByText('我确认以上填写的内容真实、准确').click();
    await p.getByRole('button', { name: '提交申请' }).click();
    await p.getByRole('heading', { name: '申请已提交' }).waitFor({ timeout: 10_000 });
    const id = Number(await p.getByTestId('application-reference').textContent());
    expect(await p.locator('.self-done').textContent()).toContain('乡镇（街道）审核');

    const stored = await context.request.get(`${site.url}/api/v1/applications/${id}`);
    expect(await stored.json()).toMatchObject({
      status: 'inReview',
      applicant: { type: 'enterprise' },
      programme: { id: 'internship-subsidy' },
      step: { id: 'townshipReview' },
    });
    const declared = (await (
      await context.request.get(`${site.url}/api/v1/applications/${id}/declared`)
    ).json()) as { internship: Record<string, unknown> };
    expect(declared.internship).toMatchObject({ months: 6, unitRetentionRate: 0.6, startedOn: '2026-03-01' });

    await p.getByRole('link', { name: '返回我的办事', exact: true }).click();
    await p.waitForURL(/\/me$/);
    const item = p.locator(`li[data-application="${id}"]`);
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toContain('就业见习补贴');
    expect(await item.textContent()).toContain('审核中');

    // Withdrawn while still under review: a reason is required, then the case is closed.
    await item.getByRole('link').click();
    await p.getByRole('button', { name: '撤回申请' }).click();
    await p.getByRole('button', { name: '确认撤回' }).click();
    await p.getByText('请填写撤回原因。').waitFor();
    await p.getByLabel('撤回原因').fill('见习人员已提前离职，暂不申请。');
    await p.getByRole('button', { name: '确认撤回' }).click();
    await expect
      .poll(() => p.locator('.self-status').first().textContent(), { timeout: 10_000 })
      .toBe('已撤回');
    const closed = await context.request.get(`${site.url}/api/v1/applications/${id}`);
    expect(await closed.json()).toMatchObject({ status: 'withdrawn' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
