import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { buildServer } from '../../src/app/server.js';
import { WEB_DIST } from '../../src/app/web.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Debian's Chromium (never a downloaded browser; stack-notes). */
export const CHROMIUM = process.env.JIUYE_CHROMIUM ?? '/usr/bin/chromium';
/** `JIUYE_E2E=0` skips them even with a browser (CI runs them in a step of their own, required). */
export const hasChromium = process.env.JIUYE_E2E !== '0' && fs.existsSync(CHROMIUM);
/** In CI the browser must be there: a missing one fails instead of skipping. */
export const mustRun = process.env.JIUYE_E2E === '1';

/**
 * The real server on a fresh embedded database, serving the built web app (built here when missing),
 * and a headless Chromium.
 */
export async function startSite(): Promise<{
  app: TestApp;
  server: FastifyInstance;
  url: string;
  browser: Browser;
}> {
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

export const PHONE = { width: 375, height: 812 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;
/** Screenshots go to docs/screenshots (linked from the README) when asked to, else to a scratch folder. */
export const SCREENSHOTS =
  process.env.JIUYE_SCREENSHOTS === '1'
    ? path.resolve('docs/screenshots')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-screenshots-'));
