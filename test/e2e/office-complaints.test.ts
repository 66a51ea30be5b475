import { describe, expect, it } from 'vitest';
import { createAccount, systemActor } from '../../src/modules/access/index.js';
import { sendComplaint } from '../../src/modules/complaints/index.js';
import { DESKTOP, login, PHONE, run, SCREENSHOTS, useSite } from './browser.js';

const site = useSite();

describe.skipIf(!run)('back office: 投诉建议 inbox in Chromium', () => {
  it('a city officer logs in, finds the complaint in the inbox and answers it', async () => {
    await createAccount(site.app.db, systemActor('cli'), {
      username: 'office-e2e',
      displayName: '王经办',
      password: 'office-pass-123',
      role: 'cityOfficer',
      division: '211382',
    });
    const sent = await fetch(`${site.url}/api/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'complaint',
        topic: '窗口服务',
        content: '办理失业登记时排队两个小时，窗口只开了一个，希望增加窗口。',
        contact: { name: '李女士', phone: '13800001234' },
      }),
    });
    expect(sent.status).toBe(201);
    const receipt = (await sent.json()) as { reference: string; followCode: string };

    const context = await site.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));

    // The back office without a session goes to the login page, and comes back after it.
    await p.goto(`${site.url}/office/complaints`);
    await p.waitForURL(/\/login\?next=/, { timeout: 10_000 });
    await login(p, 'office-e2e', 'wrong-password');
    await expect.poll(() => p.getByText('用户名或密码错误').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await p.locator('#login-password').fill('office-pass-123');
    await p.keyboard.press('Enter');
    await p.waitForURL(/\/office\/complaints$/, { timeout: 10_000 });
    await expect
      .poll(() => p.getByTestId('office-user').textContent(), { timeout: 10_000 })
      .toContain('王经办 · 市人社局经办人员');

    const item = p.locator(`li[data-reference="${receipt.reference}"]`);
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toContain('138****1234');
    await item.getByRole('button', { name: /^答\s*复$/ }).click();
    await item.locator('textarea').fill('已增开两个失业登记窗口，感谢您的建议。');
    await p.screenshot({ path: `${SCREENSHOTS}/office-complaints-desktop.png`, fullPage: true });
    await item.getByRole('button', { name: '提交答复' }).click();
    await expect.poll(() => item.getByText(/已于 .* 答复/).count(), { timeout: 10_000 }).toBe(1);

    // The sender reads the answer with the reference and follow code.
    const followed = await fetch(
      `${site.url}/api/v1/complaints/${receipt.reference}?code=${receipt.followCode}`,
    );
    const view = (await followed.json()) as { status: string; answer?: { text: string } };
    expect(view.status).toBe('answered');
    expect(view.answer?.text).toBe('已增开两个失业登记窗口，感谢您的建议。');

    // The menu leads to the other parts from here (absolute links, not relative to this page).
    await p.getByRole('navigation', { name: '业务菜单' }).getByRole('link', { name: '业务审核' }).click();
    await p.waitForURL(/\/office\/cases$/, { timeout: 10_000 });

    // Logging out ends the session: the inbox sends back to the login page.
    await p.getByRole('button', { name: '退出登录' }).click();
    await p.waitForURL(/\/login$/, { timeout: 10_000 });
    await p.goto(`${site.url}/office/complaints`);
    await p.waitForURL(/\/login\?next=%2Foffice%2Fcomplaints/, { timeout: 10_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pages through a long inbox on a phone, nothing wider than the screen', async () => {
    // 55 suggestions (the first login test's complaint is answered): a page of 50, then 5 more.
    for (let i = 1; i <= 55; i++)
      await sendComplaint(site.app, systemActor('api', 'public'), {
        kind: 'suggestion',
        topic: '服务建议',
        content: `第 ${i} 条建议：希望在村里公布更多招聘信息。`,
      });
    const context = await site.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
    const p = await context.newPage();
    await p.goto(`${site.url}/login?next=%2Foffice%2Fcomplaints`);
    await login(p, 'office-e2e', 'office-pass-123');
    await p.waitForURL(/\/office\/complaints$/, { timeout: 10_000 });
    await expect.poll(() => p.getByText('第 1 页，共 50 件').count(), { timeout: 10_000 }).toBe(1);
    expect(await p.locator('li[data-reference]').count()).toBe(50);
    expect(await p.getByRole('button', { name: '上一页' }).isDisabled()).toBe(true);
    expect(
      Number(await p.evaluate('document.documentElement.scrollWidth - window.innerWidth')),
    ).toBeLessThanOrEqual(0);
    await p.screenshot({ path: `${SCREENSHOTS}/office-complaints-phone.png`, fullPage: false });
    await p.getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => p.getByText('第 2 页，共 5 件').count(), { timeout: 10_000 }).toBe(1);
    // The oldest come last: the first suggestion is on the second page.
    expect(await p.getByText('第 1 条建议', { exact: false }).count()).toBe(1);
    expect(await p.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
    await p.getByRole('button', { name: '上一页' }).click();
    await expect.poll(() => p.getByText('第 1 页，共 50 件').count(), { timeout: 10_000 }).toBe(1);
    await context.close();
  });
});
