import type { Page } from 'playwright-core';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createAccount, systemActor, type Role } from '../../src/modules/access/index.js';
import { seedRegistry } from '../../src/modules/registry/seed/seed-registry.js';
import { simulate } from '../../src/modules/rules/index.js';
import { todayInChina } from '../../src/shared/dates/calendar-date.js';
import { setUpMonitoringFigures } from '../support/monitoring-fixture.js';
import { actor, LINGYUAN, TOWNSHIP_A } from '../support/test-app.js';
import { DESKTOP, loginTo, PHONE, run, SCREENSHOTS, seriousA11y, useSite } from './browser.js';

const PASSWORD = 'insight-pass-123';

const site = useSite(async ({ app }) => {
  await setUpMonitoringFigures(app);
  const account = (username: string, displayName: string, role: Role, division: string) =>
    createAccount(app.db, systemActor('cli'), {
      username,
      displayName,
      password: PASSWORD,
      role,
      division,
    });
  await account('insight-leader', '赵组长', 'leader', LINGYUAN);
  await account('insight-town', '钱经办', 'townshipOfficer', TOWNSHIP_A);
  await account('insight-city', '孙经办', 'cityOfficer', LINGYUAN);
});

const login = (p: Page, path: string, username: string) =>
  loginTo(p, `${site.url}${path}`, username, PASSWORD);

/** Wait for a page's heading (the machine may be busy: the chunk with the charts is the largest). */
async function heading(p: Page, name: string) {
  try {
    await p.getByRole('heading', { name }).waitFor({ timeout: 30_000 });
  } catch (e) {
    console.error(
      'heading not shown:',
      name,
      p.url(),
      (await p.locator('main').textContent())?.slice(0, 300),
    );
    throw e;
  }
}

const card = (p: Page, id: string) => p.getByTestId(`card-${id}`).textContent();
/** Elements reaching beyond the screen's right edge (none on a page that fits). */
const tooWide = (p: Page) =>
  p.evaluate<string[]>(`[...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter((e) => !e.closest('.ant-table-content, .insight-table'))
    .map((e) => e.tagName + '.' + String(e.className).slice(0, 60))
    .slice(0, 10)`);
const fitsScreen = async (p: Page) => {
  const fits = await p.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
  if (!fits) console.error('wider than the screen:', await tooWide(p));
  return fits;
};

describe.skipIf(!run)('back office: 工作台 and 政策测算 in Chromium', () => {
  it('the leader sees the city’s figures and drills into a township (chart) and a village (table)', async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await login(p, '/office/dashboard', 'insight-leader');

    await heading(p, '凌源市就业工作监测');
    expect(await card(p, 'applications')).toContain('7');
    expect(await card(p, 'applications')).toContain('其中已批准 3 件');
    expect(await card(p, 'committed')).toContain('¥23,000');
    expect(await card(p, 'paid')).toContain('¥3,000');
    expect(await card(p, 'unemployed')).toContain('3 人');
    expect(await card(p, 'difficulty')).toContain('1 人');
    // The table beside the chart: one row per township, with the same numbers.
    const rows = p.getByTestId('table-applications').locator('tbody tr.ant-table-row');
    const names = await rows.locator('td:first-child').allTextContents();
    const i = names.indexOf('万元店镇');
    expect(i).toBeGreaterThan(-1);
    expect(await rows.nth(i).locator('td').allTextContents()).toEqual([
      '万元店镇',
      '5',
      '2',
      '2',
      '0',
      '0',
      '1',
      '0',
      '2',
      '1',
    ]);
    const funds = await p.getByTestId('table-funds').locator('tbody tr.ant-table-row').allTextContents();
    expect(funds[0]).toBe('就业补助资金100,0003,0003,0003.0%');
    expect(funds[1]).toBe('专项资金50,00020,000040.0%');
    await p.getByTestId('chart-applications').locator('canvas').first().waitFor();
    expect(await seriousA11y(p)).toEqual([]);
    await p.screenshot({ path: `${SCREENSHOTS}/insight-dashboard-desktop.png`, fullPage: true });

    // Click the township's bar in the chart (horizontal bars, one band per township).
    const box = (await p.getByTestId('chart-applications').boundingBox())!;
    const band = (box.height - 36 - 8) / names.length;
    await p.mouse.click(box.x + box.width * 0.5, box.y + 36 + band * (i + 0.5));
    await p.waitForURL(/\/office\/dashboard\/211382101$/, { timeout: 10_000 });
    await heading(p, '万元店镇就业工作监测');
    expect(await card(p, 'applications')).toContain('5');
    const crumbs = p.getByRole('navigation', { name: '区划层级' });
    expect(await crumbs.textContent()).toBe('凌源市万元店镇');

    // Into a village from the table, by keyboard.
    const village = p.getByRole('link', { name: '查看佐杖子村' }).first();
    await village.focus();
    await p.keyboard.press('Enter');
    await p.waitForURL(/\/office\/dashboard\/211382101200$/, { timeout: 10_000 });
    await heading(p, '佐杖子村就业工作监测');
    expect(await card(p, 'applications')).toContain('4');
    expect(await card(p, 'unemployed')).toContain('2 人');
    expect(await p.getByText('村（社区）是最低一级，没有下级区划。').count()).toBe(1);

    // Back up by the breadcrumb.
    await crumbs.getByRole('link', { name: '凌源市' }).click();
    await p.waitForURL(/\/office\/dashboard$/, { timeout: 10_000 });
    await heading(p, '凌源市就业工作监测');
    expect(errors).toEqual([]);
    await context.close();

    // On a phone: nothing wider than the screen, the charts follow the width.
    const phone = await site.browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true });
    const q = await phone.newPage();
    await login(q, '/office/dashboard', 'insight-leader');
    await heading(q, '凌源市就业工作监测');
    await q.getByTestId('chart-applications').locator('canvas').first().waitFor();
    const chartWidth = (await q.getByTestId('chart-applications').boundingBox())!.width;
    expect(chartWidth).toBeLessThanOrEqual(PHONE.width);
    expect(chartWidth).toBeGreaterThan(250);
    expect(await fitsScreen(q)).toBe(true);
    await q.screenshot({ path: `${SCREENSHOTS}/insight-dashboard-phone.png`, fullPage: true });
    await phone.close();
  });

  it('a township officer sees their own township, and another township is not found', async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const p = await context.newPage();
    await login(p, '/office/dashboard', 'insight-town');
    await heading(p, '万元店镇就业工作监测');
    expect(await card(p, 'applications')).toContain('5');
    await p.goto(`${site.url}/office/dashboard/211382001`);
    await expect
      .poll(() => p.getByRole('alert').textContent(), { timeout: 10_000 })
      .toContain('找不到该行政区划，或不在您的管辖范围内');
    await context.close();
  });

  it('the city officer simulates a change of the skill-upgrade subsidy and sees the chart and table', async () => {
    const today = todayInChina();
    await seedRegistry(site.app.database, site.app.cipher, systemActor('cli'), {
      persons: 800,
      enterprises: 0,
      seed: 5,
      today,
    });
    const parameters = {
      'skillUpgrade.amountByLevel': { '5': 1200, '4': 1800, '3': 2000, '2': 2000, '1': 2000 },
    };
    const expected = await simulate(
      site.app.database,
      actor('cityOfficer', LINGYUAN),
      site.app.rules.engineFor(today),
      { date: today, parameters, programmes: ['skill-upgrade-subsidy'] },
    );
    const total = expected.byProgramme[0]!;
    expect(total.baseline.beneficiaries).toBeGreaterThan(0);

    for (const [viewport, name] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const context = await site.browser.newContext({ viewport, locale: 'zh-CN' });
      const p = await context.newPage();
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      await login(p, '/office/simulation', 'insight-city');
      await heading(p, '政策测算');
      await p.getByLabel('政策项目').click();
      await p.getByLabel('政策项目').fill('技术技能');
      await p.locator('.ant-select-item-option', { hasText: '技术技能提升补贴' }).click();
      const level5 = p.getByLabel('技能提升补贴标准（按证书等级，元） · 5');
      await level5.waitFor({ timeout: 10_000 });
      // Nothing changed yet: said in plain words, nothing sent.
      await p.getByRole('button', { name: '开始测算' }).click();
      await p.getByText('请至少调整一个参数。').waitFor({ timeout: 10_000 });
      await level5.fill('1200');
      await p.getByLabel('技能提升补贴标准（按证书等级，元） · 4').fill('1800');
      await p.getByRole('button', { name: '开始测算' }).click();
      const result = p.getByTestId('sim-result');
      await result.waitFor({ timeout: 60_000 });
      const yuan = (n: number) => `¥${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}`;
      expect(await p.getByTestId('sim-beneficiaries').textContent()).toContain(
        `${total.baseline.beneficiaries} → ${total.reform.beneficiaries}`,
      );
      expect(await p.getByTestId('sim-cost').textContent()).toContain(
        `${yuan(total.baseline.cost)} → ${yuan(total.reform.cost)}`,
      );
      const rows = p.getByTestId('table-simulation').locator('tbody tr.ant-table-row');
      const townships = expected.byProgrammeAndTownship.filter(
        (c) => c.programme === 'skill-upgrade-subsidy',
      );
      expect(await rows.count()).toBe(townships.length + 1);
      expect(await rows.last().locator('td').allTextContents()).toEqual([
        '全市合计',
        String(total.baseline.beneficiaries),
        String(total.reform.beneficiaries),
        yuan(total.baseline.cost),
        yuan(total.reform.cost),
        `+${(total.reform.cost - total.baseline.cost).toLocaleString('zh-CN')}`,
      ]);
      await p.getByTestId('chart-simulation').locator('canvas').first().waitFor();
      if (name === 'phone') expect(await fitsScreen(p)).toBe(true);
      else expect(await seriousA11y(p)).toEqual([]);
      await p.screenshot({ path: `${SCREENSHOTS}/insight-simulation-${name}.png`, fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }
    // Nothing is stored but the audit record of each run, with the parameters changed.
    const audit = await sql<{ details: { parameters: Record<string, unknown> } }>`
      SELECT details FROM audit_log WHERE action = 'rules.simulate' AND actor_username = 'insight-city'`.execute(
      site.app.db,
    );
    expect(audit.rows.map((r) => r.details.parameters)).toEqual([parameters, parameters]);
  });
});
