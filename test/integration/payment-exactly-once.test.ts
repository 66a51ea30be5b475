import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/index.js';
import { commitMany, setBudget, type CommitmentRequest } from '../../src/modules/funds/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { withDatabase } from '../support/global-setup.js';
import { expectLedgerBalanced } from '../support/ledger.js';
import { actor, createTestApp, LINGYUAN, TOWNSHIP_A, type TestApp } from '../support/test-app.js';

/**
 * Exactly once: `jiuye payments` runs in a child process and is killed with SIGKILL in the middle of
 * building a batch, then again in the middle of sending it to the bank; a last run finishes sending.
 * Nothing is paid until the bank's result file is recorded (twice: the second changes nothing); the
 * items the bank failed go into a later batch and are paid there. Every item is paid once, the totals
 * are right, and the ledger balances.
 */
const ITEMS = 3000;
let app: TestApp;
let databaseUrl = '';
const pglite = inject('testDb').kind === 'pglite';

beforeAll(async () => {
  app = await createTestApp();
  if (!pglite) {
    const t = inject('testDb');
    const name = (await sql<{ d: string }>`SELECT current_database() AS d`.execute(app.db)).rows[0]!.d;
    databaseUrl = withDatabase((t as { url: string }).url, name);
  }
});
afterAll(() => app.destroy());

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  events: {
    event: string;
    phase?: string;
    done?: number;
    batch?: { id: number; totalFen: number; paid: number };
  }[];
  stderr: string;
}

/** `jiuye payments …` on the test's database; killed with SIGKILL once `killWhen` says so. */
function jiuye(args: string[], killWhen?: (e: Run['events'][number]) => boolean): Promise<Run> {
  const child = spawn(process.execPath, ['bin/jiuye.mjs', 'payments', ...args, '--json'], {
    env: { ...process.env, JIUYE_DATA: app.dataDir, JIUYE_DATA_KEY: app.dataKey, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { code: null, signal: null, events: [], stderr: '' };
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const e = JSON.parse(buf.slice(0, nl)) as Run['events'][number];
      buf = buf.slice(nl + 1);
      run.events.push(e);
      if (killWhen?.(e) && child.exitCode === null) child.kill('SIGKILL');
    }
  });
  child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      run.code = code;
      run.signal = signal;
      resolve(run);
    }),
  );
}

const state = async () =>
  (
    await sql<{
      lines: number;
      sent_lines: number;
      paid_lines: number;
      paid_items: number;
      journals: number;
      status: string | null;
    }>`
      SELECT (SELECT count(*) FROM payment_batch_lines)::int AS lines,
             (SELECT count(*) FROM payment_batch_lines WHERE status = 'sent')::int AS sent_lines,
             (SELECT count(*) FROM payment_batch_lines WHERE status = 'paid')::int AS paid_lines,
             (SELECT count(*) FROM fund_commitments WHERE status = 'paid')::int AS paid_items,
             (SELECT count(*) FROM ledger_journals WHERE kind = 'disbursement')::int AS journals,
             (SELECT string_agg(status, ',' ORDER BY id) FROM payment_batches) AS status`.execute(app.db)
  ).rows[0]!;

/** Let a child process have the embedded database (PGlite has one process), then take it back. */
const handOver = async () => {
  if (pglite) await app.close();
};
const takeBack = async () => {
  if (pglite) await app.reopen();
};

describe('a payment batch killed in the middle', () => {
  it(
    'pays each of a few thousand items exactly once when it is run again',
    { timeout: 240_000 },
    async () => {
      const system = systemActor('cli');
      await setBudget(app, actor('financeOfficer', LINGYUAN), 'employment-subsidy', {
        year: 2019,
        programmeId: 'internship-subsidy',
        amountFen: 10_000_000_000,
        onExhausted: 'block',
      });
      const requests: CommitmentRequest[] = Array.from({ length: ITEMS }, (_, i) => ({
        county: LINGYUAN,
        applicationId: 10_000 + i,
        programmeId: 'internship-subsidy',
        fund: '就业补助资金',
        year: 2019,
        payee: {
          kind: 'person',
          id: 90_000 + i,
          name: `见习人员${i}`,
          idNumber: makeIdNumber('211382', '1997-03-15', i % 1000, i % 2 ? 'male' : 'female'),
          bankName: '凌源市农村信用合作联社',
          bankAccount: `6221${String(i).padStart(12, '0')}`,
        },
        // Amounts differ, so a total that counts an item twice or misses one is wrong.
        parts: [{ part: 'full', amountFen: 100_000 + i, payable: true }],
        division: `${TOWNSHIP_A}200`,
      }));
      await app.db.transaction().execute((trx) => commitMany(trx, app, system, requests));
      const expectedFen = requests.reduce((s, r) => s + r.parts[0]!.amountFen, 0);

      // 1. Killed while building the batch.
      await handOver();
      const first = await jiuye(
        ['batch', '--chunk', '100'],
        (e) => e.phase === 'build' && (e.done ?? 0) >= 1000,
      );
      expect(first.signal, first.stderr).toBe('SIGKILL');
      await takeBack();
      let s = await state();
      expect(s.status).toBe('building');
      expect(s.lines).toBeGreaterThanOrEqual(1000);
      expect(s.lines).toBeLessThan(ITEMS);
      expect(s.paid_lines).toBe(0);
      await expectLedgerBalanced(app);

      // 2. Resumed, then killed while sending to the bank: nothing is paid by sending.
      await handOver();
      const second = await jiuye(
        ['run', '--chunk', '100'],
        (e) => e.phase === 'send' && (e.done ?? 0) >= 800,
      );
      expect(second.signal, second.stderr).toBe('SIGKILL');
      expect(second.events.some((e) => e.phase === 'build')).toBe(true);
      await takeBack();
      s = await state();
      expect(s.status).toBe('sending');
      expect(s.lines).toBe(ITEMS);
      expect(s.sent_lines).toBeGreaterThanOrEqual(800);
      expect(s.sent_lines).toBeLessThan(ITEMS);
      expect(s.paid_lines).toBe(0);
      expect(s.paid_items).toBe(0);
      expect(s.journals).toBe(0);
      await expectLedgerBalanced(app);

      // 3. Run again to the end of sending; a fourth run finds nothing left to do. Still nothing paid.
      await handOver();
      const third = await jiuye(['run', '--chunk', '100']);
      expect(third.code, third.stderr).toBe(0);
      const sent = third.events.find((e) => e.event === 'done')!.batch!;
      expect(sent).toMatchObject({ status: 'sent', sent: ITEMS, paid: 0, totalFen: expectedFen });
      const fourth = await jiuye(['run']);
      expect(fourth.code, fourth.stderr).toBe(0);
      expect(fourth.events).toEqual([]);
      await takeBack();
      s = await state();
      expect(s).toMatchObject({
        lines: ITEMS,
        sent_lines: ITEMS,
        paid_lines: 0,
        journals: 0,
        status: 'sent',
      });

      // 4. The bank's result file: every item paid but the first ten (account closed). Recorded twice.
      const failedIds = new Set<number>();
      const ids = (
        await sql<{ id: number }>`SELECT id FROM fund_commitments ORDER BY id`.execute(app.db)
      ).rows.map((r) => Number(r.id));
      for (const id of ids.slice(0, 10)) failedIds.add(id);
      const file = path.join(app.dataDir, 'bank-results.csv');
      fs.writeFileSync(
        file,
        '明细编号,结果,原因\n' +
          ids.map((id) => (failedIds.has(id) ? `${id},失败,账户已销户` : `${id},成功,`)).join('\n') +
          '\n',
      );
      const failedFen = requests
        .filter((_, i) => failedIds.has(ids[i]!))
        .reduce((t, r) => t + r.parts[0]!.amountFen, 0);
      await handOver();
      const results = await jiuye(['results', '--batch', String(sent.id), '--file', file]);
      expect(results.code, results.stderr).toBe(0);
      const again = await jiuye(['results', '--batch', String(sent.id), '--file', file]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.events[0]).toMatchObject({ recorded: { paid: 0, failed: 0, unchanged: ITEMS } });
      await takeBack();
      s = await state();
      expect(s).toMatchObject({
        sent_lines: 0,
        paid_lines: ITEMS - 10,
        paid_items: ITEMS - 10,
        journals: ITEMS - 10,
        status: 'done',
      });
      await expectLedgerBalanced(app);

      // 5. The failed items go into a later batch, are sent, and paid on its results.
      await handOver();
      const fifth = await jiuye(['batch']);
      expect(fifth.code, fifth.stderr).toBe(0);
      const second2 = fifth.events.find((e) => e.event === 'done')!.batch!;
      expect(second2).toMatchObject({ status: 'sent', sent: 10, totalFen: failedFen });
      fs.writeFileSync(file, '明细编号,结果\n' + [...failedIds].map((id) => `${id},成功`).join('\n') + '\n');
      const paidLater = await jiuye(['results', '--batch', String(second2.id), '--file', file]);
      expect(paidLater.code, paidLater.stderr).toBe(0);
      await takeBack();

      s = await state();
      expect(s).toEqual({
        lines: ITEMS + 10,
        sent_lines: 0,
        paid_lines: ITEMS,
        paid_items: ITEMS,
        journals: ITEMS,
        status: 'done,done',
      });
      const perItem = await sql<{ n: number; items: number }>`
      SELECT n, count(*)::int AS items FROM (
        SELECT c.id, count(l.*) FILTER (WHERE l.status = 'paid')::int AS n
          FROM fund_commitments c LEFT JOIN payment_batch_lines l ON l.county = c.county AND l.item_id = c.id
         GROUP BY c.id) x GROUP BY n`.execute(app.db);
      expect(perItem.rows).toEqual([{ n: 1, items: ITEMS }]);
      const paid = await sql<{ fen: number; disbursed: number }>`
      SELECT (SELECT sum(amount_fen) FROM payment_batch_lines WHERE status = 'paid')::bigint AS fen,
             (SELECT balance_fen FROM ledger_accounts WHERE kind = 'disbursed' AND programme_id = 'internship-subsidy') AS disbursed`.execute(
        app.db,
      );
      expect(paid.rows[0]).toEqual({ fen: expectedFen, disbursed: expectedFen });
      await expectLedgerBalanced(app);
    },
  );
});
