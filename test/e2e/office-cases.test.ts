import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount, systemActor, type Role } from '../../src/modules/access/index.js';
import {
  addMaterial,
  createApplication,
  getApplication,
  timeline,
} from '../../src/modules/applications/index.js';
import { listFunds, paymentsForApplications, setBudget } from '../../src/modules/funds/index.js';
import { registerPerson, setFact } from '../../src/modules/registry/index.js';
import { todayInChina } from '../../src/shared/dates/calendar-date.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, LINGYUAN, TOWNSHIP_A } from '../support/test-app.js';
import { DESKTOP, loginTo, PHONE, run, SCREENSHOTS, seriousA11y, useSite } from './browser.js';

const VILLAGE = '211382101200';
const PASSWORD = 'cases-pass-123';
/** Generous waits: the machine running the browser may be busy. */
const WAIT = 20_000;
/** A 2×2 PNG, as a material of the application. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGPgDr8ARAwQCgAecgTJ4cAXqgAAAABJRU5ErkJggg==',
  'base64',
);

const staff: { username: string; role: Role; division: string; displayName: string }[] = [
  { username: 'cases-village', role: 'villageClerk', division: VILLAGE, displayName: '李协理' },
  { username: 'cases-town', role: 'townshipOfficer', division: TOWNSHIP_A, displayName: '张经办' },
  { username: 'cases-city', role: 'cityApprover', division: LINGYUAN, displayName: '赵审批' },
];

const site = useSite();

let seq = 300;
/** A person of the village, applying at the village desk for 人才安家补助 (C 类: 5 万元). */
async function talentApplication(name: string) {
  const app = site.app;
  const clerk = actor('villageClerk', VILLAGE);
  const p = await registerPerson(app, actor('townshipOfficer', TOWNSHIP_A), {
    name,
    idNumber: makeIdNumber('211382', '1990-04-0' + String((seq % 9) + 1), seq++, 'female'),
    residenceDivision: VILLAGE,
    phone: '13900001111',
    bankName: '凌源农商银行',
    bankAccount: '6230520000000' + String(seq).padStart(6, '0'),
  });
  return createApplication(app, clerk, {
    programmeId: 'talent-housing-grant',
    applicant: { type: 'person', id: p.id },
    declared: { talent: { category: 'C', arrivedOn: '2019-03-01', firstHomeInLingyuan: true } },
    submit: true,
  });
}

const login = (p: Page, username: string, path: string) =>
  loginTo(p, `${site.url}${path}`, username, PASSWORD, WAIT);

async function logout(p: Page) {
  await p.getByRole('button', { name: '退出登录' }).click();
  await p.waitForURL(/\/login$/, { timeout: WAIT });
}

/** Choose an action, write the comment, submit and confirm in the dialog. */
async function act(p: Page, action: '审核通过' | '退回补正' | '不予批准', comment: string) {
  const panel = p.locator('section.case-review');
  await panel.locator('label.ant-radio-button-wrapper', { hasText: action }).click();
  await panel.locator('textarea').fill(comment);
  await panel.getByRole('button', { name: new RegExp(`^提交：${action}$`) }).click();
  const dialog = p.getByRole('dialog');
  await dialog.waitFor({ timeout: WAIT });
  await dialog.getByRole('button', { name: new RegExp(`^${action.split('').join('\\s*')}$`) }).click();
}

async function noWiderThanScreen(p: Page) {
  const widths = await p.evaluate<{ page: number; screen: number }>(
    '({ page: document.documentElement.scrollWidth, screen: window.innerWidth })',
  );
  expect(widths.page).toBeLessThanOrEqual(widths.screen);
}

describe.skipIf(!run)('back office: 业务审核 worklist and application in Chromium', () => {
  it(
    'village, township and city approve a 人才安家补助 through the pages; a return is in the timeline',
    { timeout: 400_000 },
    async () => {
      const app = site.app;
      for (const s of staff) await createAccount(app.db, systemActor('cli'), { ...s, password: PASSWORD });
      const finance = actor('financeOfficer', LINGYUAN);
      const fund = (await listFunds(app, finance)).find((f) => f.name === '专项资金')!;
      await setBudget(app, finance, fund.code, {
        year: Number(todayInChina().slice(0, 4)),
        programmeId: 'talent-housing-grant',
        amountFen: 100_000_000,
        onExhausted: 'warn',
      });
      const approved = await talentApplication('王安家');
      const returned = await talentApplication('刘补正');
      const waiting = await talentApplication('陈等待');
      await addMaterial(app, actor('villageClerk', VILLAGE), approved.id, {
        kind: '购房合同',
        filename: 'contract.png',
        data: PNG,
      });

      const context: BrowserContext = await site.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const p = await context.newPage();
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));

      // The village clerk's worklist holds the three cases, nearest deadline first.
      await login(p, 'cases-village', '/office/cases');
      const rows = p.locator('.cases [data-id]');
      await expect.poll(() => rows.count(), { timeout: WAIT }).toBe(3);
      expect(await rows.first().textContent()).toContain('人才安家补助');
      expect(await rows.first().locator('.due').count()).toBe(1);
      await p.screenshot({ path: `${SCREENSHOTS}/cases-worklist-desktop.png`, fullPage: true });
      expect(await seriousA11y(p)).toEqual([]);

      // The application page: applicant masked, facts with their sources, the decision, the material.
      await p.getByRole('link', { name: `打开申请第 ${approved.id} 号` }).click();
      await p.waitForURL(new RegExp(`/office/cases/${approved.id}$`), { timeout: WAIT });
      await expect
        .poll(() => p.getByTestId('applicant-name').textContent(), { timeout: WAIT })
        .toBe('王安家');
      const page = p.locator('.case-page');
      expect(await page.textContent()).toMatch(/211382\*+\d{3}[\dX]/);
      expect(await page.textContent()).toContain('139****1111');
      expect(await page.locator('tr[data-fact="talent"]').textContent()).toContain('窗口代为申报');
      expect(await page.locator('tr[data-fact="sex"]').textContent()).toContain('实名登记');
      expect(await page.locator('#case-decision').locator('..').textContent()).toContain('lingyuan-2019@');
      // The amount's part by its name in the pack, not its id.
      await expect
        .poll(() => page.locator('#case-decision').locator('..').textContent(), { timeout: WAIT })
        .toContain('人才安家补助（按人才类型一次性发放）：50,000 元');
      await p.getByRole('button', { name: /^查\s*看$/ }).click();
      const img = p.locator('.material-viewer img');
      await img.waitFor({ timeout: WAIT });
      await expect
        .poll(
          () =>
            p.evaluate<number>(
              "(() => { const i = document.querySelector('.material-viewer img'); return i && i.complete ? i.naturalWidth : 0; })()",
            ),
          { timeout: WAIT },
        )
        .toBe(2);
      await p.screenshot({ path: `${SCREENSHOTS}/cases-application-desktop.png`, fullPage: true });
      expect(await seriousA11y(p)).toEqual([]);

      await act(p, '审核通过', '材料齐全，情况属实');
      await expect
        .poll(() => p.getByText('审核通过，已转下一环节：乡镇（街道）审核。').count(), { timeout: WAIT })
        .toBe(1);
      await expect
        .poll(() => page.locator('li[data-action="approvedStep"]').count(), { timeout: WAIT })
        .toBe(1);

      // Return for correction: the reason is required, then it is in the timeline.
      await p.goto(`${site.url}/office/cases/${returned.id}`);
      await p.locator('section.case-review').waitFor({ timeout: WAIT });
      const panel = p.locator('section.case-review');
      await panel.locator('label.ant-radio-button-wrapper', { hasText: '退回补正' }).click();
      await panel.getByRole('button', { name: '提交：退回补正' }).click();
      await expect.poll(() => panel.getByText('请写明需要补正的内容。').count(), { timeout: WAIT }).toBe(1);
      await act(p, '退回补正', '请补充购房合同原件照片');
      await expect.poll(() => p.getByText('已退回申请人补正。').count(), { timeout: WAIT }).toBe(1);
      const ret = p.locator('li[data-action="returned"]');
      await expect.poll(() => ret.count(), { timeout: WAIT }).toBe(1);
      expect(await ret.textContent()).toContain('请补充购房合同原件照片');
      expect(await p.locator('.case-summary').textContent()).toContain('已退回补正');
      await logout(p);

      // The township officer: the case is theirs now; the one still at the village is not.
      await login(p, 'cases-town', '/office/cases');
      await expect.poll(() => rows.count(), { timeout: WAIT }).toBe(1);
      // Found by its number, from the keyboard.
      await p.getByLabel('按申请编号打开').fill(String(waiting.id));
      await p.keyboard.press('Enter');
      await p.waitForURL(new RegExp(`/office/cases/${waiting.id}$`), { timeout: WAIT });
      await p.locator('section.case-review').waitFor({ timeout: WAIT });
      await act(p, '审核通过', '越级试办');
      await expect
        .poll(() => p.getByText('该申请当前不在您的办理环节').count(), { timeout: WAIT })
        .toBeGreaterThan(0);
      await p.goto(`${site.url}/office/cases`);
      await p.getByRole('link', { name: `打开申请第 ${approved.id} 号` }).click();
      await p.locator('section.case-review').waitFor({ timeout: WAIT });
      await act(p, '审核通过', '审核通过');
      await expect
        .poll(() => p.getByText('审核通过，已转下一环节：市人社局审批。').count(), { timeout: WAIT })
        .toBe(1);
      await logout(p);

      // Meanwhile the registry learns something new: the final re-judge differs and must be acknowledged.
      await setFact(
        app,
        actor('townshipOfficer', TOWNSHIP_A),
        { type: 'person', id: approved.applicant.id },
        { name: 'disabled', value: true, validFrom: todayInChina() },
      );

      // The city approver decides: the differences shown, acknowledged, then 已批准, 5 万元.
      await login(p, 'cases-city', `/office/cases/${approved.id}`);
      await p.locator('section.case-review').waitFor({ timeout: WAIT });
      await act(p, '审核通过', '同意');
      const differences = p.locator('.case-differences');
      await differences.waitFor({ timeout: WAIT });
      expect(await p.locator('section.case-review').textContent()).toContain('按今日信息重新测算');
      const approve = p.getByRole('button', { name: '确认差异并批准' });
      expect(await approve.isDisabled()).toBe(true);
      await differences.getByRole('checkbox', { name: /已核对 信息 残疾人：申请时 —，现为 是/ }).check();
      await approve.click();
      const dialog = p.getByRole('dialog');
      await dialog.waitFor({ timeout: WAIT });
      await dialog.getByRole('button', { name: /^审核通过$/ }).click();
      await expect.poll(() => p.getByText('已批准，核定金额 50,000 元。').count(), { timeout: WAIT }).toBe(1);
      await expect
        .poll(() => p.locator('.case-summary').textContent(), { timeout: WAIT })
        .toContain('已批准');
      expect(await p.getByTestId('case-amount').textContent()).toContain('50,000');
      await expect.poll(() => page.locator('li[data-action="approved"]').count(), { timeout: WAIT }).toBe(1);

      // What the server stored: approved, its money committed from the fund, the return in the timeline.
      const city = actor('cityApprover', LINGYUAN);
      expect(await getApplication(app, city, approved.id)).toMatchObject({
        status: 'approved',
        amount: 50_000,
        finalDecision: { acknowledged: [expect.objectContaining({ what: 'fact:disabled', after: true })] },
      });
      expect(await p.locator('#case-acknowledged').locator('..').textContent()).toContain('残疾人');
      const items = (await paymentsForApplications(app.db, approved.county, [approved.id])).get(approved.id);
      expect(items).toEqual([expect.objectContaining({ amountFen: 5_000_000, status: 'unpaid' })]);
      expect(await getApplication(app, city, returned.id)).toMatchObject({ status: 'returned' });
      expect((await timeline(app, city, returned.id)).map((e) => [e.action, e.comment])).toContainEqual([
        'returned',
        '请补充购房合同原件照片',
      ]);
      expect(errors).toEqual([]);
      await context.close();

      // On a phone: the worklist and the application fit the screen.
      const phone = await site.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
      const q = await phone.newPage();
      q.on('pageerror', (e) => errors.push(e.message));
      await login(q, 'cases-village', '/office/cases');
      await expect.poll(() => q.locator('.cases [data-id]').count(), { timeout: WAIT }).toBe(1);
      await noWiderThanScreen(q);
      await q.screenshot({ path: `${SCREENSHOTS}/cases-worklist-phone.png`, fullPage: true });
      await q.goto(`${site.url}/office/cases/${approved.id}`);
      await expect.poll(() => q.getByTestId('applicant-name').count(), { timeout: WAIT }).toBe(1);
      await q.locator('li[data-action="approved"]').waitFor({ timeout: WAIT });
      await noWiderThanScreen(q);
      await q.screenshot({ path: `${SCREENSHOTS}/cases-application-phone.png`, fullPage: true });
      expect(await seriousA11y(q)).toEqual([]);
      expect(errors).toEqual([]);
      await phone.close();
    },
  );
});
