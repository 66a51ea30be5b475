import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, run, useSite } from './browser.js';

/**
 * axe-core over every public page, at phone and desktop width, in normal and large-text mode: no serious
 * or critical finding (issue 5). The counts of every impact are printed, for docs/performance.md.
 */
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const site = useSite();

interface Violation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe in the page (a string: this file is type-checked without the DOM's types). */
async function audit(p: Page): Promise<Violation[]> {
  await p.addScriptTag({ content: axeSource });
  const options = {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  };
  return p.evaluate<Violation[]>(
    `axe.run(document, ${JSON.stringify(options)}).then((r) =>
      r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  );
}

/** Pages with something to fill in are audited after the first step too (answers and errors show). */
const pages: { name: string; path: string; then?: (p: Page) => Promise<void> }[] = [
  { name: 'home', path: '/' },
  { name: 'policies', path: '/policies' },
  { name: 'guide', path: '/policies/vocational-training-subsidy' },
  { name: 'on-site', path: '/on-site' },
  {
    name: 'calculator (answered)',
    path: '/calculator',
    then: async (p) => {
      await p.locator('#q-birth').fill('1990-05-01');
      await p.getByRole('button', { name: '查看可享受的政策' }).click();
      await p
        .getByText(/您可能符合条件的政策|还需要更多信息才能判断/)
        .first()
        .waitFor();
    },
  },
  {
    name: 'complaint (errors shown)',
    path: '/complaints',
    then: async (p) => {
      await p
        .getByRole('button', { name: /提\s*交/ })
        .first()
        .click();
      await p.getByRole('alert').first().waitFor();
    },
  },
  { name: 'complaint tracking', path: '/complaints/track' },
  { name: 'login', path: '/login' },
  { name: 'not found', path: '/no-such-page' },
];

const table: string[] = [];
afterAll(() => {
  if (table.length)
    console.log(
      `axe-core ${(JSON.parse(fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/package.json'), 'utf8')) as { version: string }).version}\n${table.join('\n')}`,
    );
});

describe.skipIf(!run)('accessibility of the public pages (axe-core in Chromium)', () => {
  for (const [size, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    for (const large of [false, true]) {
      const mode = `${size}${large ? ', large text' : ''}`;
      it(`has no serious or critical findings (${mode})`, { timeout: 300_000 }, async () => {
        const bad: string[] = [];
        const context = await site.browser.newContext({ viewport, locale: 'zh-CN' });
        if (large) await context.addInitScript(() => localStorage.setItem('jiuye.largeText', '1'));
        for (const pg of pages) {
          const p = await context.newPage();
          await p.goto(`${site.url}${pg.path}`);
          await p.waitForLoadState('networkidle');
          await p.locator('main h1').first().waitFor();
          if (pg.then) await pg.then(p);
          const violations = await audit(p);
          const count = (impact: string) => violations.filter((v) => v.impact === impact).length;
          table.push(
            `${pg.name} (${mode}): critical ${count('critical')}, serious ${count('serious')}, moderate ${count('moderate')}, minor ${count('minor')}${violations.length ? ` — ${violations.map((v) => v.id).join(', ')}` : ''}`,
          );
          for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical'))
            bad.push(
              `${pg.name}: ${v.id} — ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
            );
          await p.close();
        }
        await context.close();
        expect(bad).toEqual([]);
      });
    }
  }
});
