import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/index.js';
import {
  cancelCommitment,
  commitForApproval,
  createBatch,
  drawSpotChecks,
  fundLedger,
  getBatch,
  listBatchItems,
  listBudgets,
  listFunds,
  listSpotChecks,
  paymentsForApplications,
  prepareRoster,
  recordRecovery,
  claimRecovery,
  listHeldItems,
  recordResults,
  recordSpotCheckResult,
  releasePart,
  runBatch,
  setBudget,
  setSpotCheckRate,
  verifyLedger,
  type CommitmentRequest,
} from '../../src/modules/funds/index.js';
import { drawSample } from '../../src/modules/funds/domain/spot-check-sample.js';
import { makeIdNumber, makeUscc } from '../../src/shared/identity/index.js';
import { sendAndPay } from '../support/payments.js';
import { expectLedgerBalanced } from '../support/ledger.js';
import { actor, createTestApp, LINGYUAN, TOWNSHIP_A, TOWNSHIP_B, type TestApp } from '../support/test-app.js';

let app: TestApp;
const finance = actor('financeOfficer', LINGYUAN);
const approver = actor('cityApprover', LINGYUAN);
const leader = actor('leader', LINGYUAN);
const system = systemActor('job');
let nextApp = 1000;

export function request(over: Partial<CommitmentRequest> = {}): CommitmentRequest {
  const id = nextApp++;
  return {
    county: LINGYUAN,
    applicationId: id,
    programmeId: 'internship-subsidy',
    fund: '就业补助资金',
    year: 2019,
    payee: {
      kind: 'person',
      id: id + 50_000,
      name: `见习${id}`,
      idNumber: makeIdNumber('211382', '1996-04-0' + ((id % 9) + 1), id % 1000, 'female'),
      bankName: '凌源市农村信用合作联社',
      bankAccount: `62210000${String(id).padStart(8, '0')}`,
    },
    parts: [{ part: 'full', amountFen: 150_000, payable: true }],
    division: `${TOWNSHIP_A}200`,
    ...over,
  };
}

const commit = (req: CommitmentRequest) =>
  app.db.transaction().execute((trx) => commitForApproval(trx, app, system, req));

async function drain(w: (out: Writable) => Promise<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  const out = new Writable({
    write(c: Buffer, _e, cb) {
      parts.push(c);
      cb();
    },
  });
  await w(out);
  return Buffer.concat(parts);
}

beforeAll(async () => {
  app = await createTestApp();
});
afterEach(() => expectLedgerBalanced(app));
afterAll(() => app.destroy());

describe('funds and budgets', () => {
  it('lists the five named funds, the stabilise-employment part under the employment subsidy', async () => {
    const funds = await listFunds(app, leader);
    expect(funds.map((f) => [f.code, f.name, f.parentCode])).toEqual([
      ['unemployment-insurance', '失业保险基金', null],
      ['employment-subsidy', '就业补助资金', null],
      ['employment-subsidy-stabilise', '就业补助资金（稳就业专项）', 'employment-subsidy'],
      ['special', '专项资金', null],
      ['loan-guarantee', '创业担保贷款担保基金', null],
    ]);
  });

  it('lets finance set a yearly budget per programme, allocated in the ledger; others may only read', async () => {
    const b = await setBudget(app, finance, 'employment-subsidy', {
      year: 2019,
      programmeId: 'internship-subsidy',
      amountFen: 1_000_000,
      onExhausted: 'block',
    });
    expect(b).toMatchObject({
      amountFen: 1_000_000,
      onExhausted: 'block',
      balances: { appropriation: -1_000_000, available: 1_000_000, committed: 0 },
    });
    await expect(
      setBudget(app, leader, 'employment-subsidy', {
        year: 2019,
        programmeId: 'x',
        amountFen: 1,
        onExhausted: 'warn',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      setBudget(app, finance, 'no-such-fund', {
        year: 2019,
        programmeId: 'x',
        amountFen: 1,
        onExhausted: 'warn',
      }),
    ).rejects.toMatchObject({ code: 'FUND_NOT_FOUND' });
    const ledger = await fundLedger(app, leader, 'employment-subsidy', { year: 2019 });
    expect(ledger.journals[0]).toMatchObject({ kind: 'allocation', actor: finance.username });
    expect(ledger.journals[0]!.postings).toEqual([
      { account: 'available', programmeId: 'internship-subsidy', year: 2019, amountFen: 1_000_000 },
      { account: 'appropriation', programmeId: 'internship-subsidy', year: 2019, amountFen: -1_000_000 },
    ]);
  });
});

describe('commitments at approval', () => {
  it('commits within the budget, and blocks beyond it with what is left, by fund name from the pack', async () => {
    await commit(request());
    const [line] = await listBudgets(app, leader, 'employment-subsidy', 2019);
    expect(line!.balances).toMatchObject({ available: 850_000, committed: 150_000 });
    const big = request({ parts: [{ part: 'full', amountFen: 900_000, payable: true }] });
    const err = await commit(big).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FUND_BUDGET_EXHAUSTED', status: 422, path: 'fund' });
    expect((err as Error & { messageZh: string }).messageZh).toContain(
      '就业补助资金2019年度“就业见习补贴”预算不足',
    );
    expect((err as Error & { messageZh: string }).messageZh).toContain('剩余可用 8500.00 元');
    const rows = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM fund_commitments WHERE application_id = ${big.applicationId}`.execute(
      app.db,
    );
    expect(rows.rows[0]!.n).toBe(0);
  });

  it('treats a programme without a budget as exhausted', async () => {
    await expect(
      commit(request({ programmeId: 'skill-upgrade-subsidy', fund: '失业保险基金' })),
    ).rejects.toMatchObject({
      code: 'FUND_BUDGET_EXHAUSTED',
      messageZh: expect.stringContaining('失业保险基金2019年度“技术技能提升补贴”尚未设置预算'),
    });
  });

  it('warns, and commits, when the fund is set to warn', async () => {
    await setBudget(app, finance, '就业补助资金（稳就业专项）', {
      year: 2019,
      programmeId: 'temporary-living-allowance',
      amountFen: 100_000,
      onExhausted: 'warn',
    });
    const r = await commit(
      request({
        programmeId: 'temporary-living-allowance',
        fund: '就业补助资金（稳就业专项）',
        parts: [{ part: 'full', amountFen: 120_000, payable: true }],
      }),
    );
    expect(r.warnings).toEqual([
      expect.objectContaining({
        code: 'FUND_BUDGET_OVERDRAWN',
        zh: expect.stringContaining('超支 200.00 元'),
      }),
    ]);
    const [b] = await listBudgets(app, leader, 'employment-subsidy-stabilise', 2019);
    expect(b!.balances).toMatchObject({ available: -20_000, committed: 120_000 });
  });

  it('commits an application once: a second commit of the same part fails with a clear code', async () => {
    const req = request();
    await commit(req);
    await expect(commit({ ...req })).rejects.toMatchObject({ code: 'FUND_ALREADY_COMMITTED', status: 409 });
  });

  it('records a loan guarantee on the guarantee fund, never as a payment', async () => {
    await setBudget(app, finance, 'loan-guarantee', {
      year: 2019,
      programmeId: 'startup-guarantee-loan',
      amountFen: 100_000_000,
      onExhausted: 'block',
    });
    const req = request({
      programmeId: 'startup-guarantee-loan',
      fund: '创业担保贷款担保基金',
      parts: [{ part: 'guarantee', amountFen: 10_000_000, payable: false }],
    });
    await commit(req);
    const items = (await paymentsForApplications(app.db, LINGYUAN, [req.applicationId])).get(
      req.applicationId,
    )!;
    expect(items).toEqual([
      expect.objectContaining({
        part: 'guarantee',
        status: 'guaranteed',
        fund: 'loan-guarantee',
        amountFen: 10_000_000,
      }),
    ]);
    const [b] = await listBudgets(app, leader, 'loan-guarantee', 2019);
    expect(b!.balances).toMatchObject({ guaranteed: 10_000_000, available: 90_000_000 });
    await app.db.transaction().execute((trx) => cancelCommitment(trx, system, req));
    const [after] = await listBudgets(app, leader, 'loan-guarantee', 2019);
    expect(after!.balances).toMatchObject({ guaranteed: 0, available: 100_000_000 });
  });

  it('pays the apprenticeship advance now and the remainder once training is completed', async () => {
    await setBudget(app, finance, 'employment-subsidy', {
      year: 2019,
      programmeId: 'apprenticeship-subsidy',
      amountFen: 5_000_000,
      onExhausted: 'block',
    });
    const req = request({
      programmeId: 'apprenticeship-subsidy',
      payee: {
        kind: 'enterprise',
        id: 77,
        name: '凌源市学徒制试点企业有限公司',
        idNumber: makeUscc('211382', 77),
        bankName: '中国银行凌源支行',
        bankAccount: '6013820000077',
      },
      parts: [
        { part: 'advance', amountFen: 800_000, payable: true },
        { part: 'remainder', amountFen: 800_000, payable: false },
      ],
    });
    await commit(req);
    let parts = (await paymentsForApplications(app.db, LINGYUAN, [req.applicationId])).get(
      req.applicationId,
    )!;
    expect(parts.map((p) => [p.part, p.status])).toEqual([
      ['advance', 'unpaid'],
      ['remainder', 'pending'],
    ]);
    await app.db
      .transaction()
      .execute((trx) =>
        releasePart(trx, system, { county: LINGYUAN, applicationId: req.applicationId, part: 'remainder' }),
      );
    parts = (await paymentsForApplications(app.db, LINGYUAN, [req.applicationId])).get(req.applicationId)!;
    expect(parts.map((p) => p.status)).toEqual(['unpaid', 'unpaid']);
    await expect(
      app.db
        .transaction()
        .execute((trx) =>
          releasePart(trx, system, { county: LINGYUAN, applicationId: 99_999_999, part: 'remainder' }),
        ),
    ).rejects.toMatchObject({ code: 'FUND_COMMITMENT_NOT_FOUND' });
  });

  it('gives unpaid parts back to the budget when an approval is cancelled', async () => {
    const req = request();
    await commit(req);
    const before = (await listBudgets(app, leader, 'employment-subsidy', 2019)).find(
      (b) => b.programmeId === 'internship-subsidy',
    )!;
    await app.db.transaction().execute((trx) => cancelCommitment(trx, system, req));
    const after = (await listBudgets(app, leader, 'employment-subsidy', 2019)).find(
      (b) => b.programmeId === 'internship-subsidy',
    )!;
    expect(after.balances.available - before.balances.available).toBe(150_000);
    expect(after.balances.committed - before.balances.committed).toBe(-150_000);
    expect(
      (await paymentsForApplications(app.db, LINGYUAN, [req.applicationId])).get(req.applicationId)![0]!
        .status,
    ).toBe('released');
  });

  it('rolls the commitment back with the approval that fails after it', async () => {
    const req = request();
    await expect(
      app.db.transaction().execute(async (trx) => {
        await commitForApproval(trx, app, system, req);
        throw new Error('the approval failed later');
      }),
    ).rejects.toThrow('the approval failed later');
    expect((await paymentsForApplications(app.db, LINGYUAN, [req.applicationId])).size).toBe(0);
  });
});

describe('the ledger refuses what does not balance', () => {
  it('rejects an unbalanced journal and any change to a posting', async () => {
    const acc = await sql<{
      id: number;
    }>`SELECT id FROM ledger_accounts WHERE kind = 'available' LIMIT 1`.execute(app.db);
    const accountId = acc.rows[0]!.id;
    await expect(
      app.db.transaction().execute(async (trx) => {
        const j = await sql<{ id: number }>`
          INSERT INTO ledger_journals (county, kind, key, actor) VALUES (${LINGYUAN}, 'allocation', 'test:unbalanced', 'test')
          RETURNING id`.execute(trx);
        await sql`INSERT INTO ledger_postings (county, journal_id, account_id, amount_fen)
                  VALUES (${LINGYUAN}, ${j.rows[0]!.id}, ${accountId}, 100)`.execute(trx);
      }),
    ).rejects.toThrow(/does not balance/);
    await expect(sql`UPDATE ledger_postings SET amount_fen = amount_fen + 1`.execute(app.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM ledger_journals`.execute(app.db)).rejects.toThrow(/append-only/);
    expect((await verifyLedger(app.db)).ok).toBe(true);
  });
});

describe('payment batches', () => {
  let batchId: number;

  it('makes a batch of approved, unpaid, payable items, the pending remainder and guarantees left out', async () => {
    const pending = await sql<{ n: number; fen: number }>`
      SELECT count(*)::int AS n, coalesce(sum(amount_fen), 0)::bigint AS fen FROM fund_commitments WHERE status = 'unpaid'`.execute(
      app.db,
    );
    await expect(createBatch(app, leader, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const b = await createBatch(app, approver, {}, { chunk: 2 });
    batchId = b.id;
    expect(b).toMatchObject({
      status: 'ready',
      items: pending.rows[0]!.n,
      totalFen: pending.rows[0]!.fen,
      paid: 0,
    });
    const items = await listBatchItems(app, approver, b.id);
    expect(items.map((i) => i.seq)).toEqual(items.map((_, i) => i + 1));
    const person = items.find((i) => i.payeeKind === 'person')!;
    expect(person.idNumber).toMatch(/^211382\*{8}\d{3}[\dX]$/);
    expect(person.bankAccount).toMatch(/^\*+\d{4}$/);
    await expect(createBatch(app, approver, {})).rejects.toMatchObject({ code: 'PAYMENT_BATCH_EMPTY' });
    // Another county's approver does not see it.
    await expect(getBatch(app, actor('cityApprover', '211381'), b.id)).rejects.toMatchObject({
      code: 'PAYMENT_BATCH_NOT_FOUND',
    });
  });

  it('writes the roster as .xlsx and CSV, masked, or in full with a reason for a role that may', async () => {
    const csv = (
      await drain((out) => prepareRoster(app, approver, batchId, 'csv', {}).then((r) => r.write(out)))
    ).toString('utf8');
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      '序号,明细编号,姓名/单位名称,证件号码,开户银行,银行账号,金额（元）,项目,拨付部分,资金',
    );
    const b = await getBatch(app, approver, batchId);
    expect(lines).toHaveLength(b.items + 2);
    expect(lines[1]).toMatch(
      /^1,\d+,见习\d+,211382\*{8}\d{4},凌源市农村信用合作联社,\*{12}\d{4},1500\.00,就业见习补贴,全额,就业补助资金$/,
    );
    expect(lines.at(-1)).toContain(`${b.items} 笔`);

    await expect(
      prepareRoster(app, approver, batchId, 'csv', { reveal: true, reason: '银行代发' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(prepareRoster(app, finance, batchId, 'xlsx', { reveal: true })).rejects.toMatchObject({
      code: 'REASON_REQUIRED',
    });
    const xlsx = await drain((out) =>
      prepareRoster(app, finance, batchId, 'xlsx', { reveal: true, reason: '报送银行代发' }).then((r) =>
        r.write(out),
      ),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('发放花名册')!;
    expect(ws.rowCount).toBe(b.items + 2);
    const first = ws.getRow(2).values as unknown[];
    expect(String(first[4])).toMatch(/^211382\d{11}[\dX]$/);
    expect(String(first[6])).toMatch(/^62210000\d{8}$/);
    let sum = 0;
    for (let r = 2; r <= b.items + 1; r++) sum += Math.round(Number(ws.getRow(r).getCell(7).value) * 100);
    expect(sum).toBe(b.totalFen);
    expect(Math.round(Number(ws.getRow(b.items + 2).getCell(7).value) * 100)).toBe(b.totalFen);
    const audit = await sql<{ details: { reason: string } }>`
      SELECT details FROM audit_log WHERE action = 'paymentBatch.roster.reveal' AND entity_id = ${String(batchId)}`.execute(
      app.db,
    );
    expect(audit.rows.map((r) => r.details.reason)).toEqual(['报送银行代发']);
  });

  it('sends the batch to the bank without paying; pays only on the bank’s result; a failed item is re-sent later, paid once', async () => {
    const ran = await runBatch(app, approver, batchId, { chunk: 3 });
    // Sent to the bank is not paid: no disbursement, the money still committed.
    expect(ran).toMatchObject({
      status: 'sent',
      sent: ran.items,
      sentFen: ran.totalFen,
      paid: 0,
      claimed: 0,
    });
    const journals = async (kind: string) =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_journals WHERE kind = ${kind}`.execute(
          app.db,
        )
      ).rows[0]!.n;
    const disbursedBefore = await journals('disbursement');
    const again = await runBatch(app, approver, batchId);
    expect(again).toMatchObject({ status: 'sent', paid: 0 });
    const items = await listBatchItems(app, approver, batchId);
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['sent']));
    const paidItems = (await paymentsForApplications(app.db, LINGYUAN, [items[1]!.applicationId])).get(
      items[1]!.applicationId,
    )!;
    expect(paidItems.find((v) => v.itemId === items[1]!.itemId)).toMatchObject({ status: 'sent' });
    await expectLedgerBalanced(app);

    const failed = items[0]!;
    const r = await recordResults(app, approver, batchId, {
      csv: `明细编号,结果,原因\n${failed.itemId},失败,账户已销户\n${items[1]!.itemId},成功,\n`,
    });
    expect(r.recorded).toEqual({ paid: 1, failed: 1, unchanged: 0 });
    expect(r).toMatchObject({ status: 'sent', failed: 1, failedFen: failed.amountFen, paid: 1 });
    expect(await journals('disbursement')).toBe(disbursedBefore + 1);
    // The rest of the bank's file; the same file again changes nothing.
    const rest = items.slice(2).map((i) => ({ itemId: i.itemId, outcome: 'paid' as const }));
    const done = await recordResults(app, approver, batchId, { results: rest });
    expect(done).toMatchObject({ status: 'done', paid: ran.items - 1, sent: 0 });
    const twice = await recordResults(app, approver, batchId, { results: rest });
    expect(twice.recorded).toEqual({ paid: 0, failed: 0, unchanged: rest.length });
    expect(await journals('disbursement')).toBe(disbursedBefore + ran.items - 1);

    const view = (await paymentsForApplications(app.db, LINGYUAN, [failed.applicationId])).get(
      failed.applicationId,
    )!;
    expect(view.find((v) => v.itemId === failed.itemId)).toMatchObject({
      status: 'unpaid',
      batchId: null,
      failures: [expect.objectContaining({ batchId, reason: '账户已销户' })],
    });
    await expect(
      recordResults(app, approver, batchId, { results: [{ itemId: failed.itemId, outcome: 'paid' }] }),
    ).rejects.toMatchObject({ code: 'PAYMENT_RESULT_INVALID' });
    const later = await createBatch(app, approver, { fund: '就业补助资金' });
    expect(later.items).toBeGreaterThanOrEqual(1);
    const laterItems = await listBatchItems(app, approver, later.id);
    expect(laterItems.map((i) => i.itemId)).toContain(failed.itemId);
    // A line claimed but not yet sent cannot be paid.
    await expect(
      recordResults(app, approver, later.id, { results: [{ itemId: failed.itemId, outcome: 'paid' }] }),
    ).rejects.toMatchObject({ code: 'PAYMENT_BATCH_STATE' });
    const paid = await sendAndPay(app, approver, later.id);
    expect(paid.status).toBe('done');
    const lines = await sql<{ status: string; n: number }>`
      SELECT status, count(*)::int AS n FROM payment_batch_lines WHERE item_id = ${failed.itemId} GROUP BY status ORDER BY status`.execute(
      app.db,
    );
    expect(lines.rows).toEqual([
      { status: 'failed', n: 1 },
      { status: 'paid', n: 1 },
    ]);
    // Paid once: one disbursement, and no reversal (the failed send was never paid).
    const disbursed = await sql<{ kind: string; n: number }>`
      SELECT kind, count(*)::int AS n FROM ledger_journals WHERE memo LIKE ${'%item ' + failed.itemId} AND kind IN ('disbursement', 'reversal')
       GROUP BY kind ORDER BY kind`.execute(app.db);
    expect(disbursed.rows).toEqual([{ kind: 'disbursement', n: 1 }]);
  });

  it('returns a paid item the bank sends back later: reversed once, paid again in a later batch', async () => {
    await commit(request({}));
    const b = await createBatch(app, approver, {});
    await sendAndPay(app, approver, b.id);
    const [item] = await listBatchItems(app, approver, b.id);
    const r = await recordResults(app, approver, b.id, {
      results: [{ itemId: item!.itemId, outcome: 'failed', reason: '退票' }],
    });
    expect(r).toMatchObject({ failed: 1, paid: 0 });
    const rev = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ledger_journals WHERE kind = 'reversal' AND key = ${`reverse:${b.id}:${item!.itemId}`}`.execute(
      app.db,
    );
    expect(rev.rows[0]!.n).toBe(1);
    const again = await createBatch(app, approver, {});
    expect(await sendAndPay(app, approver, again.id)).toMatchObject({ status: 'done', paid: 1 });
    await expectLedgerBalanced(app);
  });

  it('holds an item whose payee has no bank account (无收款账户): not sent, listed with the reason', async () => {
    const noAccount = request({});
    noAccount.payee = { ...noAccount.payee, bankName: null, bankAccount: null };
    await commit(noAccount);
    await expect(createBatch(app, approver, {})).rejects.toMatchObject({ code: 'PAYMENT_BATCH_EMPTY' });
    const held = await listHeldItems(app, approver);
    expect(held).toEqual([
      expect.objectContaining({
        applicationId: noAccount.applicationId,
        reason: 'noAccount',
        reasonText: expect.stringContaining('无收款账户'),
      }),
    ]);
    const [item] = (await paymentsForApplications(app.db, LINGYUAN, [noAccount.applicationId])).get(
      noAccount.applicationId,
    )!;
    expect(item).toMatchObject({ status: 'unpaid', batchId: null });
  });

  it('keeps items of another township out of a township-scoped view', async () => {
    const other = request({ division: `${TOWNSHIP_B}001` });
    await commit(other);
    const items = await sql<{
      division: string;
    }>`SELECT division FROM fund_commitments WHERE application_id = ${other.applicationId}`.execute(app.db);
    expect(items.rows[0]!.division.startsWith(TOWNSHIP_B)).toBe(true);
    const townApprover = actor('cityApprover', TOWNSHIP_A);
    await expect(createBatch(app, townApprover, {})).rejects.toMatchObject({ code: 'PAYMENT_BATCH_EMPTY' });
  });
});

describe('抽查 after payment', () => {
  const checker = actor('cityOfficer', LINGYUAN);

  it('draws a reproducible sample per programme at its rate, and recovers what an irregular finding claims', async () => {
    // Twenty more paid items of one programme.
    await setBudget(app, finance, 'employment-subsidy', {
      year: 2019,
      programmeId: 'public-welfare-post-subsidy',
      amountFen: 10_000_000,
      onExhausted: 'block',
    });
    for (let i = 0; i < 20; i++)
      await commit(
        request({
          programmeId: 'public-welfare-post-subsidy',
          parts: [{ part: 'full', amountFen: 200_000, payable: true }],
        }),
      );
    const b = await createBatch(app, approver, { programmeId: 'public-welfare-post-subsidy' });
    await sendAndPay(app, approver, b.id);

    await expect(setSpotCheckRate(app, leader, 'public-welfare-post-subsidy', 10)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await setSpotCheckRate(app, checker, 'public-welfare-post-subsidy', 10);
    const draws = await drawSpotChecks(app, checker, { programmeId: 'public-welfare-post-subsidy' });
    expect(draws).toEqual([
      expect.objectContaining({
        programmeId: 'public-welfare-post-subsidy',
        ratePercent: 10,
        population: 20,
        sampleSize: 2,
      }),
    ]);
    const draw = draws[0]!;
    const recorded = await sql<{ population: number[]; seed: string; drawn_by: string }>`
      SELECT population, seed, drawn_by FROM spot_check_draws WHERE id = ${draw.id}`.execute(app.db);
    const { population, seed, drawn_by } = recorded.rows[0]!;
    expect(drawn_by).toBe(checker.username);
    expect(drawSample(seed, population.map(Number), 2)).toEqual(draw.itemIds);
    // Drawn items are not drawn again; the default rate (5%) applies to the programmes without one.
    const again = await drawSpotChecks(app, checker, { programmeId: 'public-welfare-post-subsidy' });
    expect(again[0]).toMatchObject({ population: 18, sampleSize: 2 });
    expect(again[0]!.itemIds.some((id) => draw.itemIds.includes(id))).toBe(false);

    const checks = await listSpotChecks(app, checker, {
      status: 'open',
      programmeId: 'public-welfare-post-subsidy',
    });
    expect(checks).toHaveLength(4);
    const [ok, bad] = checks;
    await recordSpotCheckResult(app, checker, ok!.id, { result: 'confirmed' });
    await expect(recordSpotCheckResult(app, checker, ok!.id, { result: 'confirmed' })).rejects.toMatchObject({
      code: 'SPOT_CHECK_STATE',
    });
    await expect(
      recordSpotCheckResult(app, checker, bad!.id, {
        result: 'irregular',
        note: '岗位未实际上岗',
        recoveryFen: 300_000,
      }),
    ).rejects.toMatchObject({ code: 'RECOVERY_EXCEEDS' });
    const found = await recordSpotCheckResult(app, checker, bad!.id, {
      result: 'irregular',
      note: '岗位未实际上岗，追回全部补贴',
      recoveryFen: 200_000,
    });
    expect(found).toMatchObject({ status: 'irregular', recoveryFen: 200_000, recoveredFen: 0 });
    let [line] = (await listBudgets(app, leader, 'employment-subsidy', 2019)).filter(
      (l) => l.programmeId === 'public-welfare-post-subsidy',
    );
    expect(line!.balances).toMatchObject({ disbursed: 3_800_000, recoverable: 200_000, recovered: 0 });
    await recordRecovery(app, checker, bad!.id, { amountFen: 150_000 });
    await expect(recordRecovery(app, checker, bad!.id, { amountFen: 60_000 })).rejects.toMatchObject({
      code: 'RECOVERY_EXCEEDS',
    });
    const done = await recordRecovery(app, checker, bad!.id, { amountFen: 50_000 });
    expect(done.recoveredFen).toBe(200_000);
    [line] = (await listBudgets(app, leader, 'employment-subsidy', 2019)).filter(
      (l) => l.programmeId === 'public-welfare-post-subsidy',
    );
    expect(line!.balances).toMatchObject({ disbursed: 3_800_000, recoverable: 0, recovered: 200_000 });
    // A township officer with the permission would see only its own township's checks.
    expect(await listSpotChecks(app, actor('cityOfficer', TOWNSHIP_B), {})).toEqual([]);
  });

  it('lets the amount to recover of a finding saved without one be set later, then recovered', async () => {
    const [open] = await listSpotChecks(app, checker, { status: 'open' });
    const found = await recordSpotCheckResult(app, checker, open!.id, {
      result: 'irregular',
      note: '材料存疑，金额待核定',
    });
    expect(found).toMatchObject({ status: 'irregular', recoveryFen: 0 });
    // Before: no way to recover (409 for ever). Now the amount is set when known, never above what was paid.
    await expect(recordRecovery(app, checker, open!.id, { amountFen: 1 })).rejects.toMatchObject({
      code: 'SPOT_CHECK_STATE',
      messageZh: expect.stringContaining('请先确定应追回金额'),
    });
    await expect(
      claimRecovery(app, checker, open!.id, { recoveryFen: found.amountFen + 1 }),
    ).rejects.toMatchObject({ code: 'RECOVERY_EXCEEDS', path: 'recoveryFen' });
    const claimed = await claimRecovery(app, checker, open!.id, { recoveryFen: 100_000 });
    expect(claimed.recoveryFen).toBe(100_000);
    await expect(claimRecovery(app, checker, open!.id, { recoveryFen: 50_000 })).rejects.toMatchObject({
      code: 'RECOVERY_EXCEEDS',
    });
    await claimRecovery(app, checker, open!.id, { recoveryFen: 120_000 });
    const back = await recordRecovery(app, checker, open!.id, { amountFen: 120_000 });
    expect(back).toMatchObject({ recoveryFen: 120_000, recoveredFen: 120_000 });
    // A confirmed check cannot claim anything.
    const [ok] = await listSpotChecks(app, checker, { status: 'confirmed' });
    await expect(claimRecovery(app, checker, ok!.id, { recoveryFen: 1 })).rejects.toMatchObject({
      code: 'SPOT_CHECK_STATE',
    });
  });
});
