import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount, systemActor } from '../../src/modules/access/index.js';
import { POLICY_DIR, readPackSources } from '../../src/modules/rules/index.js';
import { DESKTOP, loginTo, PHONE, run, SCREENSHOTS, seriousA11y, useSite } from './browser.js';

const PASSWORD = 'admin-e2e-pass-1';

const site = useSite(async ({ app }) => {
  for (const [username, displayName, role] of [
    ['policy-e2e', '孙政策', 'policyAdmin'],
    ['admin-e2e', '钱管理', 'systemAdmin'],
    ['auditor-e2e', '李审计', 'auditor'],
    ['city-e2e', '吴经办', 'cityOfficer'],
  ] as const) {
    await createAccount(app.db, systemActor('cli'), {
      username,
      displayName,
      password: PASSWORD,
      role,
      division: '211382',
    });
  }
});

async function loggedIn(
  username: string,
  path: string,
  viewport: { width: number; height: number } = DESKTOP,
  password = PASSWORD,
  largeText = false,
): Promise<{ context: BrowserContext; p: Page; errors: string[] }> {
  const context = await site.browser.newContext({ viewport, locale: 'zh-CN' });
  if (largeText) await context.addInitScript("localStorage.setItem('jiuye.largeText', '1')");
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await loginTo(p, `${site.url}${path}`, username, password);
  return { context, p, errors };
}

/** axe-core's serious and critical findings, no button left in its hover colour. */
async function seriousA11yAtRest(p: Page): Promise<string[]> {
  await p.mouse.move(0, 0);
  return seriousA11y(p);
}

const fitsPhone = (p: Page) =>
  p.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

describe.skipIf(!run)('back office: policy, audit trail, users and roles in Chromium', () => {
  it('the policy administrator sees the programmes and a parameter’s history with its source', async () => {
    const { context, p, errors } = await loggedIn('policy-e2e', '/office/policy');
    const programme = p.locator('li[data-programme="internship-subsidy"]');
    await programme.waitFor({ timeout: 15_000 });
    expect(await programme.locator('h3').textContent()).toBe('就业见习补贴');
    const param = programme.locator('li.admin-param', { hasText: '当地月最低工资标准' });
    await param.getByRole('button', { name: '历史与依据' }).click();
    const history = param.locator('[data-parameter="wage.minimumMonthly"]');
    await history.waitFor();
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('1,480 元/月');
    expect(text).toContain('2018-01-01 起至 2021-11-01 前');
    expect(text).toContain('1,580 元/月');
    expect(text).toContain('2021-11-01 起施行至今');
    expect(text).toContain('辽宁省月最低工资标准');
    expect(text).toContain('待市人社局确认');
    // The programme's legal basis quotes the clause's own words.
    expect(await programme.locator('.admin-quote').count()).toBeGreaterThan(0);
    await p.screenshot({ path: `${SCREENSHOTS}/admin-policy-desktop.png`, fullPage: false });

    expect(await seriousA11yAtRest(p)).toEqual([]);
    await p.evaluate('window.scrollTo(0, 0)');
    await p.screenshot({ path: `${SCREENSHOTS}/admin-policy-top-desktop.png` });

    // The versions tab: the committed pack in force; the policy administrator loads a new version
    // from a file, sees how it differs, and activates it after confirming.
    await p.getByRole('tab', { name: '政策包版本' }).click();
    await p.getByText('现行版本 lingyuan-2019@1.1.0（随系统发布').first().waitFor();
    const sources = readPackSources(path.join(POLICY_DIR, 'lingyuan-2019'));
    sources.meta.version = '1.1.1';
    sources.parameters
      .find((x) => x.id === 'wage.minimumMonthly')!
      .values.push({
        from: '2026-01-01',
        value: 1700,
        reference: { document: '辽宁省月最低工资标准（测试调整）', assumed: false },
      });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-pack-')), 'pack.json');
    fs.writeFileSync(file, JSON.stringify({ sources }));
    await p.getByLabel('政策包文件（JSON）').setInputFiles(file);
    await p.getByText('已载入 lingyuan-2019@1.1.1（未启用）').waitFor({ timeout: 30_000 });
    expect(await p.locator('.admin-load .admin-diff').textContent()).toContain('wage.minimumMonthly');
    const version = p.locator('li[data-version="1.1.1"]');
    await version.waitFor({ timeout: 10_000 });
    expect(await version.textContent()).toContain('已载入，未启用');
    await version.getByRole('button', { name: '启用…' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('施行日期').waitFor();
    await p.screenshot({ path: `${SCREENSHOTS}/admin-policy-activate-desktop.png` });
    await dialog.getByRole('button', { name: '确认启用' }).click();
    await p.getByText('已启用 lingyuan-2019@1.1.1。').waitFor({ timeout: 10_000 });
    await expect.poll(() => version.textContent(), { timeout: 10_000 }).toContain('现行');
    const stored = await site.app.rules.list(systemActor('cli'));
    expect(stored.versions.find((v) => v.version === '1.1.1')?.activeFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await p.getByRole('tab', { name: '政策项目' }).click();
    await expect
      .poll(
        () =>
          programme
            .locator('li.admin-param', { hasText: '当地月最低工资标准' })
            .locator('.admin-value')
            .first()
            .textContent(),
        {
          timeout: 10_000,
        },
      )
      .toBe('1,700 元/月');
    expect(errors).toEqual([]);
    await context.close();

    // A role that runs simulations reads the same page, without loading or activating.
    const reader = await loggedIn('city-e2e', '/office/policy');
    await reader.p.getByRole('tab', { name: '政策包版本' }).click();
    await reader.p.getByText('您的角色可以查看政策包，不能载入或启用版本').waitFor({ timeout: 15_000 });
    expect(await reader.p.getByLabel('政策包文件（JSON）').count()).toBe(0);
    expect(await reader.p.getByRole('button', { name: '启用…' }).count()).toBe(0);
    await reader.context.close();

    const phone = await loggedIn('policy-e2e', '/office/policy', PHONE);
    await phone.p.locator('li[data-programme="internship-subsidy"]').waitFor({ timeout: 15_000 });
    expect(await fitsPhone(phone.p)).toBe(true);
    await phone.p.screenshot({ path: `${SCREENSHOTS}/admin-policy-phone.png` });
    await phone.context.close();
  });

  it('the system administrator creates a township officer in the page, who can then log in', async () => {
    const { context, p, errors } = await loggedIn('admin-e2e', '/office/users');
    await p.locator('tr[data-username="admin-e2e"]').waitFor({ timeout: 15_000 });
    await p.getByRole('tab', { name: '新建用户' }).click();
    const form = p.locator('form.admin-form');
    await form.getByLabel('用户名').fill('town-e2e');
    await form.getByLabel('姓名').fill('周经办');
    await form.getByLabel('角色').click();
    await p.locator('.ant-select-item-option', { hasText: '乡镇（街道）经办人员' }).click();
    await form.getByLabel('乡镇（街道）').click();
    await p.keyboard.type('万元店');
    await p.locator('.ant-select-item-option', { hasText: '万元店镇' }).click();
    // A weak password is refused beside its field, nothing is created.
    await form.getByLabel('初始密码').fill('short');
    await form.getByRole('button', { name: '创建账号' }).click();
    await expect
      .poll(() => form.locator('.field-error').textContent(), { timeout: 5_000 })
      .toContain('密码至少 10 位');
    await form.getByLabel('初始密码').fill('town-e2e-pass-7');
    await p.screenshot({ path: `${SCREENSHOTS}/admin-users-create-desktop.png` });
    expect(await seriousA11yAtRest(p)).toEqual([]);
    await form.getByRole('button', { name: '创建账号' }).click();
    await form.getByText('已创建账号 town-e2e（周经办）').waitFor({ timeout: 10_000 });

    await p.getByRole('tab', { name: '用户', exact: true }).click();
    const row = p.locator('tr[data-username="town-e2e"]');
    await row.waitFor({ timeout: 10_000 });
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('乡镇（街道）经办人员');
    expect(rowText).toContain('万元店镇');
    expect(rowText).toContain('未登录过');
    await p.getByRole('tab', { name: '角色与权限' }).click();
    const roleCard = p.locator('li[data-role="policyAdmin"]');
    await roleCard.waitFor();
    expect(await roleCard.textContent()).toContain('载入、校验、启用政策包');
    await p.screenshot({ path: `${SCREENSHOTS}/admin-roles-desktop.png` });
    await p.getByRole('tab', { name: '用户', exact: true }).click();
    await p.waitForTimeout(400); // the tab's underline moves
    await p.screenshot({ path: `${SCREENSHOTS}/admin-users-desktop.png` });
    expect(errors).toEqual([]);
    await context.close();

    // The server stored it: the new officer logs in at the login page and lands in the back office.
    const officer = await loggedIn('town-e2e', '/office/complaints', DESKTOP, 'town-e2e-pass-7');
    await expect
      .poll(() => officer.p.getByTestId('office-user').textContent(), { timeout: 10_000 })
      .toContain('周经办 · 乡镇（街道）经办人员');
    await officer.context.close();

    const phone = await loggedIn('admin-e2e', '/office/users', PHONE);
    await phone.p.locator('tr[data-username="town-e2e"]').waitFor({ timeout: 15_000 });
    expect(await fitsPhone(phone.p)).toBe(true);
    await phone.p.screenshot({ path: `${SCREENSHOTS}/admin-users-phone.png` });
    await phone.context.close();
  });

  it('the auditor sees the creation in the audit trail, and the chain verifies', async () => {
    const { context, p, errors } = await loggedIn('auditor-e2e', '/office/audit');
    await p.locator('li.admin-record').first().waitFor({ timeout: 15_000 });
    await p.getByLabel('操作人（用户名）').fill('admin-e2e');
    await p.getByLabel('操作', { exact: true }).fill('account.create');
    await p.keyboard.press('Escape');
    await p
      .getByRole('button', { name: '查 询' })
      .or(p.getByRole('button', { name: '查询' }))
      .click();
    const record = p.locator('li.admin-record[data-action="account.create"]');
    await record.first().waitFor({ timeout: 10_000 });
    expect(await record.count()).toBe(1);
    expect(await record.textContent()).toContain('新建账号');
    expect(await record.textContent()).toContain('admin-e2e · 系统管理员');
    await record.getByRole('button', { name: '查看详情' }).click();
    const details = (await record.locator('.admin-details').textContent()) ?? '';
    expect(details).toContain('town-e2e');
    expect(details).toContain('townshipOfficer');
    expect(details).toContain('211382101');

    await p.getByRole('button', { name: '校验审计链' }).click();
    const result = p.locator('.admin-verify-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.textContent()).toMatch(/审计链完整：已校验 \d+ 条记录/);
    await p.screenshot({ path: `${SCREENSHOTS}/admin-audit-desktop.png` });
    expect(await seriousA11yAtRest(p)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    const phone = await loggedIn('auditor-e2e', '/office/audit', PHONE);
    await phone.p.locator('li.admin-record').first().waitFor({ timeout: 15_000 });
    expect(await fitsPhone(phone.p)).toBe(true);
    await phone.p.screenshot({ path: `${SCREENSHOTS}/admin-audit-phone.png` });
    await phone.context.close();

    // Large-text mode on a phone still fits the screen.
    const large = await loggedIn('auditor-e2e', '/office/audit', PHONE, PASSWORD, true);
    await large.p.locator('li.admin-record').first().waitFor({ timeout: 15_000 });
    expect(await large.p.evaluate<boolean>("document.documentElement.classList.contains('large-text')")).toBe(
      true,
    );
    expect(await fitsPhone(large.p)).toBe(true);
    await large.context.close();
    const largePolicy = await loggedIn('policy-e2e', '/office/policy', PHONE, PASSWORD, true);
    await largePolicy.p.locator('li[data-programme="internship-subsidy"]').waitFor({ timeout: 15_000 });
    expect(await fitsPhone(largePolicy.p)).toBe(true);
    await largePolicy.context.close();
  });
});
