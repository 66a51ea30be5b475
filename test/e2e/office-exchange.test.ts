import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount, systemActor } from '../../src/modules/access/index.js';
import { registerPerson, setFact } from '../../src/modules/registry/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { DESKTOP, loginTo, PHONE, run, SCREENSHOTS, seriousA11y, useSite } from './browser.js';

const P = {
  wang: { name: '王建国', id: makeIdNumber('211382', '1968-03-05', 123, 'male'), v: '211382101200' },
  zhang: { name: '张伟', id: makeIdNumber('211382', '1990-07-15', 11, 'male'), v: '211382001001' },
  li: { name: '李春梅', id: makeIdNumber('211382', '1979-09-09', 20, 'female'), v: '211382101200' },
};
const ids: Record<string, number> = {};
const CSV = [
  '姓名,公民身份号码,性别,出生日期,乡镇（街道）',
  `王建国,${P.wang.id},男,,万元店镇`, // row 2: matched
  '张伟,,男,1990-07-15,东城街道', // row 3: candidate (number missing)
  `李小红,${P.li.id},女,,`, // row 4: candidate (李春梅's number, another name)
  `周大勇,${makeIdNumber('130102', '1970-04-04', 55, 'male')},男,,`, // row 5: unmatched
  ',12345,,,', // row 6: invalid
].join('\r\n');

const site = useSite(async (s) => {
  await createAccount(s.app.db, systemActor('cli'), {
    username: 'exchange-e2e',
    displayName: '赵经办',
    password: 'exchange-pass-123',
    role: 'cityOfficer',
    division: '211382',
  });
  for (const [k, p] of Object.entries(P))
    ids[k] = (
      await registerPerson(s.app, systemActor('cli'), {
        name: p.name,
        idNumber: p.id,
        residenceDivision: p.v,
      })
    ).id;
});

const noWiderThanScreen = async (p: Page) =>
  Number(await p.evaluate('document.documentElement.scrollWidth - window.innerWidth'));

describe.skipIf(!run)('back office: 数据交换 in Chromium', () => {
  it('a city officer uploads a 低保 list, sees the counts, confirms a candidate and sees it matched', async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await loginTo(p, `${site.url}/office/exchange`, 'exchange-e2e', 'exchange-pass-123');
    await p.getByRole('navigation', { name: '业务菜单' }).getByRole('link', { name: '数据交换' }).waitFor();
    await p.getByText('还没有导入任何名单').waitFor({ timeout: 10_000 });

    // A file without the required columns: the API's message names them, nothing is imported.
    await p.getByLabel('名单文件').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('姓名,电话\n王建国,13800001234\n'),
    });
    await p.getByRole('button', { name: '导入并比对' }).click();
    await expect
      .poll(() => p.getByText('名单第1行缺少必需的列：公民身份号码').count(), { timeout: 10_000 })
      .toBe(1);

    await p.getByLabel('名单截止日期').fill('2019-06-30');
    await p.getByLabel('名单文件').setInputFiles({
      name: '低保2019-06.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    await p.getByRole('button', { name: '导入并比对' }).click();
    await p.waitForURL(/\/office\/exchange\/imports\/\d+$/, { timeout: 15_000 });
    const importId = Number(p.url().split('/').pop());
    await p.getByText('导入完成：共 5 行，已匹配 1，待确认 2，未匹配 1，无效 1').waitFor({ timeout: 10_000 });
    await p.getByRole('tab', { name: '待确认（2）' }).waitFor();
    expect(await p.getByRole('tab', { name: '已匹配（1）' }).count()).toBe(1);

    // Row 4: 李小红 with 李春梅's number; the candidate shown masked, with the reasons in words.
    const row = p.locator('li[data-row="4"]');
    await row.waitFor({ timeout: 10_000 });
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('李小红');
    expect(text).toContain(P.li.id.slice(0, 6) + '********' + P.li.id.slice(-4));
    expect(text).toContain('李*梅');
    expect(text).toContain('身份号码一致');
    expect(text).not.toContain(P.li.id);
    expect(await seriousA11y(p)).toEqual([]);
    await p.screenshot({ path: `${SCREENSHOTS}/exchange-import-desktop.png`, fullPage: true });

    await row.getByLabel('备注（可选）').fill('核对户口本，系同一人改名');
    await row.getByRole('button', { name: '确认是此人' }).click();
    await row.getByText('已确认，此行现为“已匹配”').waitFor({ timeout: 10_000 });
    await p.getByRole('tab', { name: '已匹配（2）' }).waitFor();
    // Stored: the row is confirmed to 李春梅, with an audit record carrying the note.
    const stored = (
      await sql<{ review: string; subject_id: string | number }>`
        SELECT review, subject_id FROM exchange_rows WHERE import_id = ${importId} AND row_number = 4`.execute(
        site.app.db,
      )
    ).rows[0]!;
    expect([stored.review, Number(stored.subject_id)]).toEqual(['confirmed', ids.li]);

    await p.getByRole('tab', { name: '已匹配（2）' }).click();
    await p.locator('li[data-row="4"]').getByText('李*梅').waitFor({ timeout: 10_000 });
    expect(await p.locator('li[data-row="2"]').getByText('王*国').count()).toBe(1);

    // The list of imports shows it with its counts.
    await p.getByRole('link', { name: '← 返回名单导入' }).click();
    const table = p.locator('.exchange-table');
    await table.getByText('低保2019-06.csv').waitFor({ timeout: 10_000 });
    expect(await table.textContent()).toContain('exchange-e2e');
    await p.screenshot({ path: `${SCREENSHOTS}/exchange-imports-desktop.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works on a 375-px phone: the imports and the candidates, nothing wider than the screen', async () => {
    const context = await site.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
    const p = await context.newPage();
    await loginTo(p, `${site.url}/office/exchange`, 'exchange-e2e', 'exchange-pass-123');
    await p.locator('.exchange-table').getByText('低保2019-06.csv').waitFor({ timeout: 10_000 });
    expect(await noWiderThanScreen(p)).toBeLessThanOrEqual(0);
    await p.screenshot({ path: `${SCREENSHOTS}/exchange-imports-phone.png`, fullPage: false });
    await p.locator('.exchange-table').getByRole('link', { name: '低保' }).first().click();
    await p.locator('li[data-row="3"]').waitFor({ timeout: 10_000 });
    expect(await noWiderThanScreen(p)).toBeLessThanOrEqual(0);
    await p.screenshot({ path: `${SCREENSHOTS}/exchange-import-phone.png`, fullPage: true });
    // In large-text mode (适老化) too.
    await p.evaluate("localStorage.setItem('jiuye.largeText', '1')");
    await p.reload();
    await p.locator('li[data-row="3"]').waitFor({ timeout: 10_000 });
    expect(await p.evaluate("document.documentElement.classList.contains('large-text')")).toBe(true);
    expect(await noWiderThanScreen(p)).toBeLessThanOrEqual(0);
    await p.goto(`${site.url}/office/exchange/exports`);
    await p.getByRole('link', { name: '就业困难人员名单' }).waitFor({ timeout: 10_000 });
    expect(await noWiderThanScreen(p)).toBeLessThanOrEqual(0);
    expect(await seriousA11y(p)).toEqual([]);
    await context.close();
  });

  it('exports a list for another department: masked by default, full only with a reason, each audited', async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await loginTo(p, `${site.url}/office/exchange/exports`, 'exchange-e2e', 'exchange-pass-123');
    const link = p.getByRole('link', { name: '登记失业人员名单' });
    await link.waitFor({ timeout: 10_000 });
    expect(await link.getAttribute('href')).toBe(
      '/api/v1/exchange/exports/registered-unemployed?format=xlsx',
    );
    const [file] = await Promise.all([p.waitForEvent('download'), link.click()]);
    expect(file.suggestedFilename()).toMatch(/^登记失业人员名单.*\.xlsx$/);

    // Full numbers: refused without a reason (beside the field), then the link carries it.
    await p.getByRole('radio', { name: 'CSV' }).check();
    await p.getByRole('switch', { name: '完整显示公民身份号码、出生日期和联系电话' }).click();
    await link.click();
    await p.getByText('完整导出请填写事由（至少2个字）').waitFor({ timeout: 10_000 });
    await p.getByLabel('事由（必填）').fill('民政部门核对低保');
    expect(await link.getAttribute('href')).toContain('format=csv&encoding=utf-8&full=true&reason=');
    const [csv] = await Promise.all([p.waitForEvent('download'), link.click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    await p.screenshot({ path: `${SCREENSHOTS}/exchange-exports-desktop.png`, fullPage: true });
    const audit = (
      await sql<{ details: { full: boolean; format: string; reason?: string } | string }>`
        SELECT details FROM audit_log WHERE action = 'exchange.export' ORDER BY at`.execute(site.app.db)
    ).rows.map((r) => (typeof r.details === 'string' ? JSON.parse(r.details) : r.details));
    expect(audit).toMatchObject([
      { full: false, format: 'xlsx' },
      { full: true, format: 'csv', reason: '民政部门核对低保' },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists a cross-check flag with its evidence and stores the reviewer’s decision', async () => {
    // 张伟 applies for the temporary living allowance with 30 months of contributions: eligible for 失业保险金.
    const app = Number(
      (
        await sql<{ id: number }>`
          INSERT INTO applications (county, programme_id, subject_type, subject_id, division, status, channel, applied_on)
          VALUES ('211382', 'temporary-living-allowance', 'person', ${ids.zhang}, ${P.zhang.v}, 'inReview', 'desk',
                  '2026-11-01')
          RETURNING id`.execute(site.app.db)
      ).rows[0]!.id,
    );
    await setFact(
      site.app,
      systemActor('cli'),
      { type: 'person', id: ids.zhang! },
      { name: 'insuredMonths', value: 30, validFrom: '2026-10-01' },
    );
    const context = await site.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await loginTo(p, `${site.url}/office/exchange/flags`, 'exchange-e2e', 'exchange-pass-123');
    await p.getByText('没有待核实的疑点').waitFor({ timeout: 10_000 });
    await p.getByRole('button', { name: '运行交叉比对' }).click();
    await p.getByText('交叉比对完成，新增疑点 1 条').waitFor({ timeout: 15_000 });
    const flag = p.locator('li[data-flag]');
    await flag.waitFor({ timeout: 10_000 });
    const text = (await flag.textContent()) ?? '';
    expect(text).toContain('领取临时生活补助但符合失业保险金条件');
    expect(text).toContain('暂停支付');
    expect(text).toContain('张*');
    expect(text).toContain('失业保险累计缴费 30 个月');
    await flag.getByText(/^\s*·\s*临时生活补助$/).waitFor({ timeout: 10_000 });
    expect(await flag.getByRole('link', { name: `申请 #${app}` }).getAttribute('href')).toBe(
      `/office/cases/${app}`,
    );
    expect(await seriousA11y(p)).toEqual([]);

    // A note is required; then the decision is stored and shown.
    await flag.getByRole('radio', { name: '情况属实，继续暂停支付并转经办处理' }).check();
    await flag.getByRole('button', { name: '提交结论' }).click();
    await flag.getByText('请填写核实说明（至少2个字）').waitFor({ timeout: 10_000 });
    await flag.getByLabel('核实说明（必填）').fill('社保局核实其符合失业保险金条件，应先申领失业保险金');
    await p.screenshot({ path: `${SCREENSHOTS}/exchange-flags-desktop.png`, fullPage: true });
    await flag.getByRole('button', { name: '提交结论' }).click();
    await flag.getByText(/情况属实，继续暂停支付并转经办处理（exchange-e2e，/).waitFor({ timeout: 10_000 });
    const stored = await fetchFlags(p, site.url);
    expect(stored.items[0]).toMatchObject({
      state: 'upheld',
      held: true,
      decision: { outcome: 'upheld', by: 'exchange-e2e' },
    });
    await p.setViewportSize(PHONE);
    await p.getByRole('combobox', { name: '状态' }).click();
    await p.getByTitle('已处理').click();
    await flag.getByText('社保局核实其符合失业保险金条件，应先申领失业保险金').waitFor({ timeout: 10_000 });
    expect(await noWiderThanScreen(p)).toBeLessThanOrEqual(0);
    await p.keyboard.press('Escape');
    await p.screenshot({ path: `${SCREENSHOTS}/exchange-flags-phone.png`, fullPage: false });
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** The decided flags as the API answers them (with the page's session). */
const fetchFlags = async (p: Page, url: string) =>
  JSON.parse(
    String(await p.evaluate(`fetch('${url}/api/v1/exchange/flags?state=decided').then((r) => r.text())`)),
  ) as { items: { state: string; held: boolean; decision: { outcome: string; by: string } | null }[] };
