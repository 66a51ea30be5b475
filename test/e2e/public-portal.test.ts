import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, run, SCREENSHOTS, useSite } from './browser.js';

const site = useSite();

async function page(viewport: { width: number; height: number }): Promise<Page> {
  const context = await site.browser.newContext({ viewport, locale: 'zh-CN' });
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  (p as Page & { errors: string[] }).errors = errors;
  return p;
}
const errorsOf = (p: Page) => (p as Page & { errors: string[] }).errors;

/** Nothing on the page is wider than the screen (no sideways scrolling on a phone). */
const overflow = async (p: Page) =>
  Number(await p.evaluate('document.documentElement.scrollWidth - window.innerWidth'));

describe.skipIf(!run)('the public portal in Chromium', () => {
  it('a citizen uses the policy calculator and sees what they may get, with reasons', async () => {
    const p = await page(PHONE);
    await p.goto(`${site.url}/calculator`);
    await p.locator('#q-birth').fill('1990-05-01');
    await p.getByRole('group', { name: '是否已登记失业' }).getByText('是', { exact: true }).click();
    await p.getByRole('button', { name: '查看可享受的政策' }).click();
    await expect
      .poll(() => p.getByText(/您可能符合条件的政策|还需要更多信息才能判断/).count())
      .toBeGreaterThan(0);
    expect(await overflow(p)).toBeLessThanOrEqual(0);
    await p.screenshot({ path: `${SCREENSHOTS}/calculator-phone.png`, fullPage: false });
    expect(errorsOf(p)).toEqual([]);
  });

  it('the policy list leads to a service guide with the legal basis and phones to be set', async () => {
    const p = await page(DESKTOP);
    await p.goto(`${site.url}/policies`);
    await p.getByText('职业培训补贴').first().click();
    await expect.poll(() => p.getByText('凌政发〔2019〕14号').count()).toBeGreaterThan(0);
    expect(await p.getByText('待定').count()).toBeGreaterThan(0);
    await p.screenshot({ path: `${SCREENSHOTS}/guide-desktop.png`, fullPage: false });
    expect(errorsOf(p)).toEqual([]);
  });

  it('the policy search looks across persons and enterprises, in summaries and conditions too', async () => {
    const p = await page(PHONE);
    await p.goto(`${site.url}/policies`);
    // 就业见习 is shown to graduates, under 个人, not only under 企业.
    await expect.poll(() => p.getByRole('link', { name: '就业见习补贴' }).count()).toBe(1);
    await p.getByRole('textbox', { name: /搜索政策/ }).fill('见习');
    await expect.poll(() => p.getByRole('link', { name: '就业见习补贴' }).count()).toBe(1);
    // 稳岗返还 is found by words of its conditions (裁员人数), though it is for enterprises only.
    await p.getByRole('textbox', { name: /搜索政策/ }).fill('裁员人数');
    await expect.poll(() => p.getByRole('link', { name: /稳岗返还/ }).count()).toBe(1);
    await p.getByRole('textbox', { name: /搜索政策/ }).fill('没有这种政策');
    await expect.poll(() => p.getByText(/都没有与“没有这种政策”相关/).count()).toBe(1);
    expect(errorsOf(p)).toEqual([]);
  });

  it('the main public pages render on a phone and a desktop without sideways scrolling', async () => {
    for (const [name, route] of [
      ['home', '/'],
      ['policies', '/policies'],
      ['on-site', '/on-site'],
    ] as const) {
      for (const [size, viewport] of [
        ['phone', PHONE],
        ['desktop', DESKTOP],
      ] as const) {
        const p = await page(viewport);
        await p.goto(`${site.url}${route}`);
        await p.waitForLoadState('networkidle');
        expect(await p.title()).toContain('凌源');
        expect(await overflow(p)).toBeLessThanOrEqual(0);
        await p.screenshot({ path: `${SCREENSHOTS}/${name}-${size}.png`, fullPage: false });
        expect(errorsOf(p)).toEqual([]);
      }
    }
  });
});
