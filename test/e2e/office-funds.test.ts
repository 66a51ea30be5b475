import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount, systemActor } from '../../src/modules/access/index.js';
import { createApplication, reviewApplication } from '../../src/modules/applications/index.js';
import {
  listBatches,
  listBatchItems,
  listBudgets,
  createBatch,
  listSpotChecks,
  setBudget,
} from '../../src/modules/funds/index.js';
import { registerPerson } from '../../src/modules/registry/index.js';
import { todayInChina } from '../../src/shared/dates/calendar-date.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { sendAndPay } from '../support/payments.js';
import { actor, LINGYUAN, TOWNSHIP_A } from '../support/test-app.js';
import { DESKTOP, loginTo, PHONE, run, SCREENSHOTS, useSite } from './browser.js';

const VILLAGE = '211382101200';
const ID_NUMBER = makeIdNumber('211382', '1990-04-04', 7, 'male');
const ACCOUNT = '6221000012345678';
const city = actor('cityApprover', LINGYUAN);
let year: number;
let applicationId: number;

const site = useSite(async ({ app }) => {
  year = Number((app.today?.() ?? todayInChina()).slice(0, 4));
  // Finance sets this year's budget of 人才安家补助 (专项资金).
  await setBudget(app, actor('financeOfficer', LINGYUAN), 'special', {
    year,
    programmeId: 'talent-housing-grant',
    amountFen: 20_000_000,
    onExhausted: 'block',
  });
  // A resident applies at the village desk; the review chain approves and the money is committed.
  const p = await registerPerson(app, actor('townshipOfficer', TOWNSHIP_A), {
    name: '李安家',
    idNumber: ID_NUMBER,
    residenceDivision: VILLAGE,
    bankName: '凌源市农村信用合作联社',
    bankAccount: ACCOUNT,
  });
  const clerk = actor('villageClerk', VILLAGE);
  const a = await createApplication(app, clerk, {
    programmeId: 'talent-housing-grant',
    applicant: { type: 'person', id: p.id },
    declared: { talent: { category: 'C', arrivedOn: '2019-03-01', firstHomeInLingyuan: true } },
    submit: true,
  });
  applicationId = a.id;
  await reviewApplication(app, clerk, a.id, { action: 'approve', comment: '材料齐全' });
  await reviewApplication(app, actor('townshipOfficer', TOWNSHIP_A), a.id, { action: 'approve' });
  await reviewApplication(app, city, a.id, { action: 'approve' });
  await createAccount(app.db, systemActor('cli'), {
    username: 'pay-e2e',
    displayName: '赵审批',
    password: 'funds-pass-123',
    role: 'cityApprover',
    division: LINGYUAN,
  });
  await createAccount(app.db, systemActor('cli'), {
    username: 'fin-e2e',
    displayName: '钱财政',
    password: 'funds-pass-123',
    role: 'financeOfficer',
    division: LINGYUAN,
  });
});

const login = (p: Page, next: string, username = 'pay-e2e') =>
  loginTo(p, `${site.url}${next}`, username, 'funds-pass-123');

const fitsWidth = (p: Page) =>
  p.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

describe.skipIf(!run)('back office: funds and payment batches in Chromium', () => {
  it('the city approver makes a batch, pays it, downloads the roster, and the fund shows the money moved', async () => {
    const before = (await listBudgets(site.app, city, 'special', year))[0]!;
    expect(before.balances.committed).toBeGreaterThan(0);
    const amountFen = before.balances.committed;
    const yuanText = (fen: number) =>
      `¥${Math.trunc(fen / 100).toLocaleString('zh-CN')}.${String(fen % 100).padStart(2, '0')}`;

    const context = await site.browser.newContext({
      viewport: DESKTOP,
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));

    // The funds page: this year's budget, with the approved money committed and nothing paid yet.
    await login(p, '/office/funds');
    const card = p.locator('li[data-fund="special"]');
    await card.waitFor({ timeout: 10_000 });
    await expect
      .poll(() => card.locator('[data-figure="committed"]').textContent())
      .toBe(yuanText(amountFen));
    expect(await card.locator('[data-figure="budget"]').textContent()).toBe('¥200,000.00');
    expect(await card.locator('[data-figure="paid"]').textContent()).toBe('¥0.00');
    await p.screenshot({ path: `${SCREENSHOTS}/funds-overview-desktop.png`, fullPage: true });

    // A new batch takes the approved, committed, unpaid item.
    await p.goto(`${site.url}/office/payments`);
    await p.getByText('还没有发放批次。').waitFor({ timeout: 10_000 });
    await p.getByRole('button', { name: '生成批次' }).click();
    await p.waitForURL(/\/office\/payments\/\d+$/, { timeout: 10_000 });
    const batchId = Number(/(\d+)$/.exec(p.url())![1]);
    const row = p.locator('tr.funds-item').first();
    await row.waitFor({ timeout: 10_000 });
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('李安家');
    expect(rowText).toContain('************5678');
    expect(rowText).not.toContain(ACCOUNT);
    expect(rowText).not.toContain(ID_NUMBER);
    expect(await p.locator('[data-figure="total"]').textContent()).toBe(yuanText(amountFen));

    // Before it is sent, the bank's results cannot be recorded (no upload offered).
    expect(await p.getByLabel('银行回盘文件（CSV）').count()).toBe(0);
    // Send it to the bank (after saying what it sends): sent is not paid.
    await p.getByRole('button', { name: '报送银行' }).click();
    await p.getByText(/将把 1 笔、合计/).waitFor();
    await p.getByRole('button', { name: '确认报送' }).click();
    await expect
      .poll(() => p.locator('section.funds-batch').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('sent');
    expect(await p.locator('[data-figure="sent"]').textContent()).toBe(`1 笔，${yuanText(amountFen)}`);
    expect(await p.locator('[data-figure="paid"]').textContent()).toBe('0 笔，¥0.00');
    await expect.poll(() => row.locator('.ant-tag').textContent()).toBe('已报送，待回盘');
    expect(await p.getByRole('button', { name: '报送银行' }).count()).toBe(0);
    expect((await listBudgets(site.app, city, 'special', year))[0]!.balances).toMatchObject({
      committed: amountFen,
      disbursed: 0,
    });
    await p.screenshot({ path: `${SCREENSHOTS}/funds-batch-sent-desktop.png`, fullPage: true });

    // The bank's result for the item: paid. Only now is it paid.
    await row.getByRole('button', { name: /登记明细 .*的发放结果/ }).click();
    await p
      .locator('form.funds-mark')
      .getByRole('button', { name: /^登\s*记$/ })
      .click();
    await expect
      .poll(() => p.locator('section.funds-batch').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('done');
    expect(await p.locator('[data-figure="paid"]').textContent()).toBe(`1 笔，${yuanText(amountFen)}`);
    expect(await p.locator('[data-figure="sent"]').textContent()).toBe('0 笔，¥0.00');
    await expect.poll(() => row.locator('.ant-tag').textContent()).toBe('已支付');

    // The roster, a real download through the API, read back with exceljs.
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: '下载花名册（Excel）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`payment-batch-${batchId}-roster.xlsx`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-roster-')), 'roster.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('发放花名册')!;
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(1, 4)).toEqual(['序号', '明细编号', '姓名/单位名称']);
    const items = await listBatchItems(site.app, city, batchId);
    expect(rows).toHaveLength(items.length + 2); // header, the items, the total
    for (const [i, item] of items.entries()) {
      const r = rows[i + 1]!;
      expect(r.slice(1, 8)).toEqual([
        item.seq,
        item.itemId,
        item.payeeName,
        item.idNumber,
        item.bankName,
        item.bankAccount,
        item.amountFen / 100,
      ]);
      expect(String(r[4])).not.toBe(ID_NUMBER);
    }
    expect(rows.at(-1)!.slice(1, 2)).toEqual(['合计']);
    expect(rows.at(-1)![7]).toBe(amountFen / 100);
    await p.getByText(`已下载 payment-batch-${batchId}-roster.xlsx`).waitFor();
    await p.screenshot({ path: `${SCREENSHOTS}/funds-batch-desktop.png`, fullPage: true });

    // The server stored it: the batch is done, the item paid, the money moved from committed to paid.
    const [stored] = await listBatches(site.app, city);
    expect(stored).toMatchObject({ id: batchId, status: 'done', paid: 1, paidFen: amountFen, claimed: 0 });
    const after = (await listBudgets(site.app, city, 'special', year))[0]!;
    expect(after.balances).toMatchObject({ committed: 0, disbursed: amountFen });

    // The fund's page shows it: paid in the budget line, a disbursement in the ledger.
    await p.goto(`${site.url}/office/funds/special`);
    await p.getByRole('heading', { name: '专项资金' }).waitFor({ timeout: 10_000 });
    const budgetRow = p.locator('tr.funds-budget-row', { hasText: '人才安家补助' }).first();
    await budgetRow.waitFor({ timeout: 10_000 });
    expect(await budgetRow.textContent()).toContain(yuanText(amountFen));
    const ledgerRow = p.locator('tr.funds-journal-disbursement').first();
    await ledgerRow.waitFor({ timeout: 10_000 });
    expect(await ledgerRow.textContent()).toContain(String(applicationId));
    // The city approver reads budgets; only finance sets them.
    await p.getByText('预算由财政局经办人员设置').waitFor();
    expect(await p.getByRole('button', { name: '设置预算' }).count()).toBe(0);
    await p.goto(`${site.url}/office/funds`);
    await expect
      .poll(() => p.locator('li[data-fund="special"] [data-figure="paid"]').textContent(), {
        timeout: 10_000,
      })
      .toBe(yuanText(amountFen));

    // On a phone: the same pages, nothing wider than the screen (tables scroll inside their box).
    const phone = await site.browser.newContext({
      viewport: PHONE,
      locale: 'zh-CN',
      storageState: await context.storageState(),
    });
    const q = await phone.newPage();
    q.on('pageerror', (e) => errors.push(e.message));
    await q.goto(`${site.url}/office/funds`);
    await q.locator('li[data-fund="special"]').waitFor({ timeout: 10_000 });
    expect(await fitsWidth(q)).toBe(true);
    await q.screenshot({ path: `${SCREENSHOTS}/funds-overview-phone.png`, fullPage: true });
    await q.goto(`${site.url}/office/payments/${batchId}`);
    await q.locator('tr.funds-item').first().waitFor({ timeout: 10_000 });
    expect(await fitsWidth(q)).toBe(true);
    await q.screenshot({ path: `${SCREENSHOTS}/funds-batch-phone.png`, fullPage: true });

    expect(errors).toEqual([]);
    await phone.close();
    await context.close();
  });

  it('finance sets a budget (not below what is used), takes the full roster with a reason, and records a bank return', async () => {
    const [batch] = await listBatches(site.app, city);
    expect(batch).toMatchObject({ status: 'done', paid: 1 });
    const amountFen = batch!.paidFen;
    const context = await site.browser.newContext({
      viewport: DESKTOP,
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await login(p, '/office/funds/special', 'fin-e2e');
    await p.getByRole('heading', { name: '专项资金' }).waitFor({ timeout: 10_000 });

    // A budget below what is already paid is refused, the API's words next to the amount.
    await p.getByRole('button', { name: /修改 .* 年度“人才安家补助”的预算/ }).click();
    const amount = p.getByLabel('预算金额');
    await amount.fill('100');
    await p.getByRole('button', { name: '保存预算' }).click();
    await p.locator('.funds-field-error', { hasText: '预算不能低于此数' }).waitFor({ timeout: 10_000 });
    await amount.fill('300000');
    await p.getByText('提示后仍可审批').click();
    await p.getByRole('button', { name: '保存预算' }).click();
    await p.getByText(/已保存：\d+ 年度“人才安家补助”预算 ¥300,000.00/).waitFor({ timeout: 10_000 });
    const budget = (await listBudgets(site.app, city, 'special', year))[0]!;
    expect(budget).toMatchObject({ amountFen: 30_000_000, onExhausted: 'warn', updatedBy: 'fin-e2e' });
    await p.locator('tr.funds-journal-allocation').first().waitFor({ timeout: 10_000 });
    expect(await p.locator('tr.funds-journal-allocation').count()).toBe(2);
    await p.screenshot({ path: `${SCREENSHOTS}/funds-fund-desktop.png`, fullPage: true });
    await p.setViewportSize(PHONE);
    await p.getByRole('button', { name: '设置预算' }).click();
    await p.getByLabel('预算金额').waitFor();
    expect(await fitsWidth(p)).toBe(true);
    await p.screenshot({ path: `${SCREENSHOTS}/funds-fund-phone.png`, fullPage: true });
    await p.setViewportSize(DESKTOP);

    // The full roster, for the bank: only with a reason.
    await p.goto(`${site.url}/office/payments/${batch!.id}`);
    await p.locator('tr.funds-item').first().waitFor({ timeout: 10_000 });
    await p.getByText('完整显示证件号码和银行账号').click();
    await p.getByRole('button', { name: '下载花名册（CSV）' }).click();
    await p.locator('.funds-field-error', { hasText: '事由' }).waitFor();
    await p.getByLabel('事由').fill('报送农村信用社发放');
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: '下载花名册（CSV）' }).click(),
    ]);
    const csvText = fs.readFileSync((await download.path())!, 'utf8');
    expect(csvText).toContain(ACCOUNT);
    expect(csvText).toContain(ID_NUMBER);
    // …while the page itself keeps them masked.
    expect(await p.locator('tr.funds-item').first().textContent()).not.toContain(ACCOUNT);

    // The bank returns the item: upload its file; the item fails and the money goes back to committed.
    const items = await listBatchItems(site.app, city, batch!.id);
    const returned = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-bank-')), 'bank-return.csv');
    fs.writeFileSync(returned, `明细编号,结果,原因\n${items[0]!.itemId},失败,户名与账号不符\n`);
    await p.getByLabel('银行回盘文件（CSV）').setInputFiles(returned);
    await p.getByRole('button', { name: '上传并登记' }).click();
    await p.getByText('已登记：成功 0 笔，失败 1 笔，未变 0 笔。').waitFor({ timeout: 10_000 });
    await expect.poll(() => p.locator('tr.funds-item .ant-tag').first().textContent()).toBe('发放失败');
    expect(await p.locator('tr.funds-item').first().textContent()).toContain('户名与账号不符');
    expect(await p.locator('[data-figure="failed"]').textContent()).toContain('1 笔');
    const after = (await listBudgets(site.app, city, 'special', year))[0]!;
    expect(after.balances).toMatchObject({ committed: amountFen, disbursed: 0 });

    // The failed item is unpaid again: a new batch takes it.
    await p.goto(`${site.url}/office/payments`);
    await p.getByRole('button', { name: '生成批次' }).click();
    await p.waitForURL(new RegExp(`/office/payments/${batch!.id + 1}$`), { timeout: 10_000 });
    await p.locator('tr.funds-item', { hasText: '李安家' }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an interrupted batch shows as resumable and is finished in the page; then a 抽查 sample, a finding and a 追回', async () => {
    const { app } = site;
    const [second] = await listBatches(app, city);
    await sendAndPay(app, city, second!.id);
    // A second application approved; its batch is cut off after its first chunk (as by a crash).
    const p2 = await registerPerson(app, actor('townshipOfficer', TOWNSHIP_A), {
      name: '王二安',
      idNumber: makeIdNumber('211382', '1991-05-05', 9, 'female'),
      residenceDivision: VILLAGE,
      bankName: '凌源市农村信用合作联社',
      bankAccount: '6221000098765432',
    });
    const clerk = actor('villageClerk', VILLAGE);
    const a = await createApplication(app, clerk, {
      programmeId: 'talent-housing-grant',
      applicant: { type: 'person', id: p2.id },
      declared: { talent: { category: 'C', arrivedOn: '2019-03-01', firstHomeInLingyuan: true } },
      submit: true,
    });
    await reviewApplication(app, clerk, a.id, { action: 'approve' });
    await reviewApplication(app, actor('townshipOfficer', TOWNSHIP_A), a.id, { action: 'approve' });
    await reviewApplication(app, city, a.id, { action: 'approve' });
    await expect(
      createBatch(
        app,
        city,
        {},
        {
          chunk: 1,
          onProgress: () => {
            throw new Error('cut off');
          },
        },
      ),
    ).rejects.toThrow('cut off');
    const [cut] = await listBatches(app, city);
    expect(cut).toMatchObject({ id: second!.id + 1, status: 'building', items: 1 });

    const context = await site.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await login(p, '/office/payments');
    const listed = p.locator('tr.ant-table-row', { has: p.locator(`a[data-batch="${cut!.id}"]`) });
    await expect.poll(() => listed.textContent(), { timeout: 10_000 }).toContain('已中断，可继续');
    await listed.getByRole('link').click();
    await p.getByText('该批次尚未报送完毕').waitFor({ timeout: 10_000 });
    await p.getByRole('button', { name: '继续报送' }).focus();
    await p.keyboard.press('Enter');
    await p.getByRole('button', { name: '确认报送' }).click();
    await expect
      .poll(() => p.locator('section.funds-batch').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('sent');
    expect(await p.getByText('已中断，可继续').count()).toBe(0);
    expect((await listBatches(app, city))[0]).toMatchObject({
      id: cut!.id,
      status: 'sent',
      sent: 1,
      paid: 0,
    });
    // The bank's results paid it.
    expect(await sendAndPay(app, city, cut!.id)).toMatchObject({ status: 'done', paid: 1 });

    // 抽查: 5 % of the two paid items is one, drawn at random.
    await p.goto(`${site.url}/office/payments/spot-checks`);
    await p.getByText('没有符合条件的抽查记录。').waitFor({ timeout: 10_000 });
    await p.getByRole('button', { name: /^抽\s*取$/ }).click();
    await p.getByText(/“人才安家补助”：从 2 笔中按 5% 抽取 1 笔/).waitFor({ timeout: 10_000 });
    const row = p.locator('tr.ant-table-row').first();
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: '登记核查结果' }).click();

    // An irregular finding needs a note: the API says so next to the field.
    await p.getByText('发现问题', { exact: true }).click();
    await p.getByLabel('应追回金额').fill('10000');
    await p.locator('form').getByRole('button', { name: '登记核查结果' }).click();
    await p.locator('.funds-field-error').first().waitFor({ timeout: 10_000 });
    await p.getByLabel('核查情况').fill('入户核实：申请人未在凌源购房，购房合同系借用他人。');
    await p.locator('form').getByRole('button', { name: '登记核查结果' }).click();
    await p.getByRole('combobox', { name: '状态' }).click();
    await p.locator('.ant-select-item-option', { hasText: '发现问题' }).click();
    const irregular = p.locator('tr.ant-table-row').first();
    await expect
      .poll(() => irregular.textContent(), { timeout: 10_000 })
      .toContain('已追回 ¥0.00 / 应追回 ¥10,000.00');

    // Money recovered, in part.
    await irregular.getByRole('button', { name: '登记追回到账' }).click();
    await p.getByLabel('本次追回金额').fill('4000');
    await p.locator('form').getByRole('button', { name: '登记追回到账' }).click();
    await expect
      .poll(() => irregular.textContent(), { timeout: 10_000 })
      .toContain('已追回 ¥4,000.00 / 应追回 ¥10,000.00');
    await p.evaluate('window.scrollTo(0, 0)');
    await p.screenshot({ path: `${SCREENSHOTS}/funds-spot-checks-desktop.png`, fullPage: true });
    const [stored] = await listSpotChecks(app, city, {});
    expect(stored).toMatchObject({ status: 'irregular', recoveryFen: 1_000_000, recoveredFen: 400_000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
