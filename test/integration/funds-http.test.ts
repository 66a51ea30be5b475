import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, systemActor } from '../../src/modules/access/index.js';
import { commitForApproval } from '../../src/modules/funds/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { expectLedgerBalanced } from '../support/ledger.js';
import { createTestApp, LINGYUAN, testServer, type TestApp } from '../support/test-app.js';

let app: TestApp;
let server: FastifyInstance;
const sessions: Record<string, { cookie: string; 'x-csrf-token': string }> = {};

async function login(username: string, role: 'financeOfficer' | 'cityApprover' | 'cityOfficer' | 'leader') {
  await createAccount(app.db, systemActor('cli'), {
    username,
    displayName: username,
    password: 'funds-pass-123',
    role,
    division: LINGYUAN,
  });
  const r = await server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'funds-pass-123' },
  });
  sessions[username] = {
    cookie: r.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    'x-csrf-token': r.json().csrfToken as string,
  };
}

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  server.inject({ method, url: `/api/v1${url}`, headers: sessions[who]!, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  app = await createTestApp();
  server = await testServer(app);
  await login('fin', 'financeOfficer');
  await login('appr', 'cityApprover');
  await login('officer', 'cityOfficer');
  await login('lead', 'leader');
});
afterEach(() => expectLedgerBalanced(app));
afterAll(async () => {
  await server.close();
  await app.destroy();
});

describe('funds over HTTP', () => {
  it('sets and reads budgets under /funds, with coded Chinese errors naming the field', async () => {
    const put = await call('fin', 'PUT', '/funds/employment-subsidy/budgets', {
      year: 2019,
      programmeId: 'internship-subsidy',
      amountFen: 500_000,
      onExhausted: 'block',
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      fundName: '就业补助资金',
      amountFen: 500_000,
      balances: { available: 500_000 },
    });
    const denied = await call('lead', 'PUT', '/funds/employment-subsidy/budgets', {
      year: 2019,
      programmeId: 'internship-subsidy',
      amountFen: 1,
      onExhausted: 'block',
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toMatchObject({ code: 'FORBIDDEN', message: '您没有进行此操作的权限' });
    const bad = await call('fin', 'PUT', '/funds/employment-subsidy/budgets', {
      year: 2019,
      programmeId: 'internship-subsidy',
      amountFen: 12.5,
      onExhausted: 'block',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', path: 'amountFen' });
    const funds = await call('lead', 'GET', '/funds?year=2019');
    expect(funds.json().find((f: { code: string }) => f.code === 'employment-subsidy')).toMatchObject({
      budgetFen: 500_000,
    });
    const budgets = await call('lead', 'GET', `/funds/${encodeURIComponent('就业补助资金')}/budgets`);
    expect(budgets.json()).toHaveLength(1);
    const ledger = await call('lead', 'GET', '/funds/employment-subsidy/ledger?year=2019');
    expect(ledger.json().lines).toEqual([
      expect.objectContaining({
        programmeId: 'internship-subsidy',
        balances: expect.objectContaining({ appropriation: -500_000 }),
      }),
    ]);
  });

  it('makes a batch, serves its roster as .xlsx and CSV, records the bank results', async () => {
    await app.db.transaction().execute((trx) =>
      commitForApproval(trx, app, systemActor('job'), {
        county: LINGYUAN,
        applicationId: 1,
        programmeId: 'internship-subsidy',
        fund: '就业补助资金',
        year: 2019,
        payee: {
          kind: 'person',
          id: 1,
          name: '王见习',
          idNumber: makeIdNumber('211382', '1998-01-02', 12, 'male'),
          bankName: '凌源市农村信用合作联社',
          bankAccount: '6221000012345678',
        },
        parts: [{ part: 'full', amountFen: 180_050, payable: true }],
      }),
    );
    const made = await call('appr', 'POST', '/payment-batches', { fund: 'employment-subsidy' });
    expect(made.statusCode).toBe(201);
    const batch = made.json() as { id: number; items: number; totalFen: number; status: string };
    expect(batch).toMatchObject({ items: 1, totalFen: 180_050, status: 'ready' });
    expect((await call('appr', 'POST', '/payment-batches', {})).json().error.code).toBe(
      'PAYMENT_BATCH_EMPTY',
    );

    const csv = await call('appr', 'GET', `/payment-batches/${batch.id}/roster.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain(`payment-batch-${batch.id}-roster.csv`);
    expect(csv.body).toMatch(
      /王见习,211382\*{8}\d{3}[\dX],凌源市农村信用合作联社,\*{12}5678,1800\.50,就业见习补贴,全额,就业补助资金/,
    );
    expect(csv.body).not.toContain('6221000012345678');
    const full = await call(
      'fin',
      'GET',
      `/payment-batches/${batch.id}/roster.csv?reveal=true&reason=${encodeURIComponent('报送银行')}`,
    );
    expect(full.body).toContain('6221000012345678');
    const noReason = await call('fin', 'GET', `/payment-batches/${batch.id}/roster.xlsx?reveal=true`);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('REASON_REQUIRED');
    const xlsx = await call('appr', 'GET', `/payment-batches/${batch.id}/roster.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const items = (await call('appr', 'GET', `/payment-batches/${batch.id}/items`)).json() as {
      itemId: number;
    }[];
    // Not sent to the bank yet: it cannot be paid. Sent: still not paid, until the bank's result.
    const early = await call('appr', 'POST', `/payment-batches/${batch.id}/results`, {
      results: [{ itemId: items[0]!.itemId, outcome: 'paid' }],
    });
    expect(early.statusCode).toBe(409);
    const sent = await call('appr', 'POST', `/payment-batches/${batch.id}/run`);
    expect(sent.json()).toMatchObject({ status: 'sent', sent: 1, paid: 0, paidFen: 0 });
    const results = await call('appr', 'POST', `/payment-batches/${batch.id}/results`, {
      results: [{ itemId: items[0]!.itemId, outcome: 'paid' }],
    });
    expect(results.statusCode).toBe(200);
    expect(results.json()).toMatchObject({
      status: 'done',
      paid: 1,
      paidFen: 180_050,
      recorded: { paid: 1 },
    });
    const list = await call('lead', 'GET', '/payment-batches');
    expect(list.json()).toHaveLength(1);
    const missing = await call('appr', 'POST', `/payment-batches/${batch.id}/results`, {
      results: [{ itemId: 999_999, outcome: 'failed', reason: '户名不符' }],
    });
    expect(missing.json().error).toMatchObject({
      code: 'PAYMENT_RESULT_INVALID',
      message: expect.stringContaining('999999'),
    });

    const draws = await call('officer', 'POST', '/spot-checks/draws', {});
    expect(draws.statusCode).toBe(201);
    expect(draws.json()).toEqual([expect.objectContaining({ sampleSize: 1, itemIds: [items[0]!.itemId] })]);
    const checks = (await call('officer', 'GET', '/spot-checks?status=open')).json() as { id: number }[];
    const result = await call('officer', 'POST', `/spot-checks/${checks[0]!.id}/result`, {
      result: 'irregular',
    });
    expect(result.statusCode).toBe(400);
    expect(result.json().error.path).toBe('note');
  });

  it('documents the nouns in the OpenAPI document', async () => {
    const doc = (await server.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    for (const p of [
      '/api/v1/funds',
      '/api/v1/funds/{code}/budgets',
      '/api/v1/funds/{code}/ledger',
      '/api/v1/payment-batches',
      '/api/v1/payment-batches/{id}',
      '/api/v1/payment-batches/{id}/roster.xlsx',
      '/api/v1/payment-batches/{id}/roster.csv',
      '/api/v1/payment-batches/{id}/results',
      '/api/v1/spot-checks',
      '/api/v1/spot-checks/draws',
    ])
      expect(doc.paths, p).toHaveProperty([p]);
  });
});
