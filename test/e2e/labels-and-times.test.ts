import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount, systemActor, type Role } from '../../src/modules/access/index.js';
import { createApplication, timeline } from '../../src/modules/applications/index.js';
import { registerPerson, setFact } from '../../src/modules/registry/index.js';
import { formatBeijing } from '../../src/shared/dates/beijing.js';
import { LABELS } from '../../src/shared/labels/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, LINGYUAN, TOWNSHIP_A } from '../support/test-app.js';
import { DESKTOP, loginTo, run, useSite } from './browser.js';

/**
 * Issue 13, "no raw identifiers in front of people" and "times in Beijing time": the case page, the
 * person page and the audit trail read as words, with instants at UTC+8.
 */
const VILLAGE = '211382101200';
const PASSWORD = 'labels-pass-123';
const WAIT = 20_000;
const staff: { username: string; role: Role; division: string; displayName: string }[] = [
  { username: 'labels-town', role: 'townshipOfficer', division: TOWNSHIP_A, displayName: '周经办' },
  { username: 'labels-audit', role: 'auditor', division: LINGYUAN, displayName: '钱审计' },
];

const site = useSite();

/** Raw identifiers a person must not read (a username such as `test-villageClerk` is a name): camelCase codes, dotted codes, JSON, the catalogue's own codes. */
function rawIdentifiers(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\w-])[a-z]+[A-Z][A-Za-z]*\b/g)) found.add(m[0]);
  for (const m of text.matchAll(/\b[a-z]+\.[a-z][A-Za-z]+\b/g)) found.add(m[0]);
  if (/[{[]\s*"/.test(text)) found.add('JSON');
  for (const code of [...Object.keys(LABELS.factSourceRef), ...Object.keys(LABELS.auditAction)])
    if (code.length > 6 && text.includes(code)) found.add(code);
  return [...found];
}

const text = (p: Page, selector: string) => p.locator(selector).first().innerText();

describe.skipIf(!run)('labels and Beijing time in Chromium', () => {
  it('case page, person page and audit trail show words and UTC+8 times', { timeout: 240_000 }, async () => {
    const app = site.app;
    for (const s of staff) await createAccount(app.db, systemActor('cli'), { ...s, password: PASSWORD });
    const town = actor('townshipOfficer', TOWNSHIP_A);
    const person = await registerPerson(app, town, {
      name: '吴标签',
      idNumber: makeIdNumber('211382', '1991-05-06', 77, 'male'),
      residenceDivision: VILLAGE,
      phone: '13900002222',
    });
    await setFact(
      app,
      town,
      { type: 'person', id: person.id },
      { name: 'education', value: 'bachelor', validFrom: '2015-07-01' },
    );
    const application = await createApplication(app, actor('villageClerk', VILLAGE), {
      programmeId: 'talent-housing-grant',
      applicant: { type: 'person', id: person.id },
      declared: { talent: { category: 'C', arrivedOn: '2019-03-01', firstHomeInLingyuan: true } },
      submit: true,
    });
    const events = await timeline(app, town, application.id);
    const submitted = events.find((e) => e.action === 'submitted')!;
    const beijing = formatBeijing(submitted.at);
    const utc = submitted.at.slice(0, 16).replace('T', ' ');
    expect(beijing).not.toBe(utc);

    const context = await site.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'UTC' });
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));

    // The case page: the timeline in Beijing time (the browser's own zone is UTC), facts in words.
    await loginTo(p, `${site.url}/office/cases/${application.id}`, 'labels-town', PASSWORD, WAIT);
    const row = p.locator('.case-timeline li[data-action="submitted"]');
    await row.waitFor({ timeout: WAIT });
    await expect.poll(() => row.innerText(), { timeout: WAIT }).toContain(beijing);
    expect(await row.innerText()).not.toContain(utc);
    await expect
      .poll(() => text(p, 'tr[data-fact="sex"]'), { timeout: WAIT })
      .toContain('由公民身份号码得出');
    expect(await text(p, 'tr[data-fact="talent"]')).toContain('人才类型');
    expect(rawIdentifiers(await text(p, '.case-page'))).toEqual([]);

    // The person page: facts by name, values in words, no source codes.
    await p.goto(`${site.url}/office/persons/${person.id}`);
    const facts = p.locator('section[aria-labelledby="persons-facts-title"]');
    await expect.poll(() => facts.innerText(), { timeout: WAIT }).toContain('本科');
    expect(await facts.innerText()).toContain('最高学历');
    expect(rawIdentifiers(await facts.innerText())).toEqual([]);
    await p.getByRole('button', { name: '退出登录' }).click();
    await p.waitForURL(/\/login$/, { timeout: WAIT });

    // The audit trail: actions by name, never their codes.
    await loginTo(p, `${site.url}/office/audit`, 'labels-audit', PASSWORD, WAIT);
    const record = p.locator('li.admin-record[data-action="application.submitted"]').first();
    await record.waitFor({ timeout: WAIT });
    expect(await record.innerText()).toContain('申请：提交申请');
    const all = await text(p, 'main');
    expect(all).not.toContain('application.submitted');
    expect(all).not.toContain('person.create');
    expect(errors).toEqual([]);
    await context.close();
  });
});
