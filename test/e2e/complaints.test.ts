import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { answerComplaint } from '../../src/modules/complaints/index.js';
import { actor, LINGYUAN } from '../support/test-app.js';
import { PHONE, run, SCREENSHOTS, useSite } from './browser.js';

const site = useSite();

describe.skipIf(!run)('投诉建议 in Chromium', () => {
  it('a complaint is sent from the form, answered by the city, and the sender reads the answer', async () => {
    const context = await site.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
    const p = await context.newPage();
    await p.goto(`${site.url}/complaints`);
    await p.locator('#c-content').fill('窗口工作人员未按办事指南一次性告知所需材料，希望改进。');
    await p.getByRole('button', { name: /^提\s*交$/ }).click();
    const reference = (await p.locator('dd.code').first().textContent({ timeout: 10_000 }))!.trim();
    const code = (await p.locator('dd.code').nth(1).textContent())!.trim();
    expect(reference).toMatch(/^TS\d{14}$/);
    expect(code).toHaveLength(8);
    await p.screenshot({ path: `${SCREENSHOTS}/complaint-receipt-phone.png` });

    // The city answers it in the back office (through the same use case the API calls).
    const row = await sql<{ id: number }>`SELECT id FROM complaints WHERE reference = ${reference}`.execute(
      site.app.db,
    );
    await answerComplaint(site.app, actor('cityOfficer', LINGYUAN), row.rows[0]!.id, {
      text: '已约谈窗口负责人，今后一次性告知所需材料。',
    });

    await p.goto(`${site.url}/complaints/track?reference=${reference}&code=${code}`);
    await expect.poll(() => p.getByText('已约谈窗口负责人').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await p.goto(`${site.url}/complaints/track?reference=${reference}&code=WRONGCOD`);
    await expect.poll(() => p.getByText(/找不到该投诉建议/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  });
});
