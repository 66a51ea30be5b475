import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildServer } from '../../src/app/server.js';
import { WEB_DIST } from '../../src/app/web.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Debian's Chromium (never a downloaded browser; stack-notes). */
export const CHROMIUM = process.env.JIUYE_CHROMIUM ?? '/usr/bin/chromium';
/** `JIUYE_E2E=0` skips them even with a browser (CI runs them in a step of their own, required). */
export const hasChromium = process.env.JIUYE_E2E !== '0' && fs.existsSync(CHROMIUM);
/** In CI the browser must be there: a missing one fails instead of skipping. */
export const mustRun = process.env.JIUYE_E2E === '1';
/** Whether this run drives the browser (the files' `describe.skipIf(!run)`). */
export const run = hasChromium || mustRun;

export interface Site {
  app: TestApp;
  server: FastifyInstance;
  url: string;
  browser: Browser;
}

/**
 * The real server on a fresh embedded database, serving the built web app (built here when missing),
 * and a headless Chromium.
 */
export async function startSite(): Promise<Site> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    execFileSync('npm', ['run', 'build:web'], { stdio: 'ignore' });
  const app = await createTestApp();
  const server = await buildServer(app);
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  return { app, server, url: `http://127.0.0.1:${port}`, browser };
}

/**
 * The file's site: started before its tests (then `setUp` runs on it: accounts, records) and stopped after
 * them; nothing is started when the browser tests are skipped. The object is filled in by `beforeAll`.
 */
export function useSite(setUp?: (site: Site) => Promise<void>): Site {
  const site = {} as Site;
  beforeAll(async () => {
    if (!run) return;
    Object.assign(site, await startSite());
    await setUp?.(site);
  });
  afterAll(async () => {
    if (!site.browser) return;
    await site.browser.close();
    await site.server.close();
    await site.app.destroy();
  });
  return site;
}

/** Fills in the login form on the page and sends it. */
export async function login(p: Page, username: string, password: string): Promise<void> {
  await p.locator('#login-username').fill(username);
  await p.locator('#login-password').fill(password);
  await p.keyboard.press('Enter');
}

/** Opens a page that needs a session: sent to the login form, logs in there and waits to be back on the page. */
export async function loginTo(
  p: Page,
  url: string,
  username: string,
  password: string,
  timeout = 10_000,
): Promise<void> {
  await p.goto(url);
  await p.waitForURL(/\/login\?next=/, { timeout });
  await login(p, username, password);
  const { pathname } = new URL(url);
  await p.waitForURL((u) => u.pathname === pathname, { timeout });
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical findings on the page as it is (WCAG 2.1 A/AA), each as
 * "rule: targets" (a string: these files are type-checked without the DOM's types).
 */
export async function seriousA11y(p: Page): Promise<string[]> {
  await p.addScriptTag({ content: axeSource });
  const options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } };
  return p.evaluate<string[]>(
    `axe.run(document, ${JSON.stringify(options)}).then((r) => r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  );
}

export const PHONE = { width: 375, height: 812 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;
/** Screenshots go to docs/screenshots (linked from the README) when asked to, else to a scratch folder. */
export const SCREENSHOTS =
  process.env.JIUYE_SCREENSHOTS === '1'
    ? path.resolve('docs/screenshots')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-screenshots-'));
