import fs from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../../modules/access/index.js';
import {
  createBatch,
  fenToYuan,
  prepareRoster,
  recordResults,
  resumeBatches,
  runBatch,
  verifyLedger,
  type BatchProgress,
  type BatchView,
} from '../../modules/funds/index.js';
import { HOME_COUNTY } from '../../platform/config/config.js';
import { EXIT_PROBLEMS, positiveInt, withContext } from '../run-command.js';

interface Common {
  county: string;
  chunk: number;
  json?: boolean;
}

function reporter(json: boolean | undefined) {
  return {
    progress(p: BatchProgress) {
      if (json) process.stdout.write(JSON.stringify({ event: 'progress', ...p }) + '\n');
      else
        process.stderr.write(
          `批次 ${p.batchId} ${p.phase === 'build' ? '编制' : '报送银行'}：${p.done}${p.total ? `/${p.total}` : ''}\n`,
        );
    },
    done(b: BatchView) {
      if (json) process.stdout.write(JSON.stringify({ event: 'done', batch: b }) + '\n');
      else
        process.stdout.write(
          `批次 ${b.id}（${b.status}）：${b.items} 笔，合计 ${fenToYuan(b.totalFen)} 元；已报送待回盘 ${b.sent} 笔，银行回盘成功 ${b.paid} 笔 ${fenToYuan(b.paidFen)} 元，失败 ${b.failed} 笔\n`,
        );
    },
  };
}

/** `jiuye payments …`: payment batches from the command line, as the system actor (audited as such). */
export function registerPaymentsCommands(program: Command): void {
  const payments = program.command('payments').description('资金发放 Payment batches');
  const common = (c: Command) =>
    c
      .option('--county <code>', 'county division code', HOME_COUNTY)
      .option('--chunk <n>', 'items per transaction', positiveInt, 1000)
      .option('--json', 'JSON lines: progress, then the batch');
  const actor = () => systemActor('cli', process.env.USER ?? 'cli');

  common(
    payments
      .command('batch')
      .description(
        '生成批次并报送银行 Make a batch of approved, unpaid items and send it to the bank (unless --build-only); paid only on the bank’s results',
      )
      .option('--fund <fund>', 'only this fund (code or Chinese name)')
      .option('--programme <id>', 'only this programme')
      .option('--max <n>', 'at most this many items', positiveInt)
      .option('--build-only', 'make the batch (for its roster) without sending it'),
  ).action((opts: Common & { fund?: string; programme?: string; max?: number; buildOnly?: boolean }) =>
    withContext('payments batch', async (ctx) => {
      const out = reporter(opts.json);
      const run = { county: opts.county, chunk: opts.chunk, onProgress: out.progress };
      let b = await createBatch(
        ctx,
        actor(),
        {
          ...(opts.fund ? { fund: opts.fund } : {}),
          ...(opts.programme ? { programmeId: opts.programme } : {}),
          ...(opts.max ? { maxItems: opts.max } : {}),
        },
        run,
      );
      if (!opts.buildOnly) b = await runBatch(ctx, actor(), b.id, run);
      out.done(b);
    }),
  );

  common(
    payments
      .command('run')
      .description(
        '报送银行（可续跑）Send a batch to the bank, or resume every batch left unfinished (building, ready or sending)',
      )
      .option('--batch <id>', 'this batch only', positiveInt),
  ).action((opts: Common & { batch?: number }) =>
    withContext('payments run', async (ctx) => {
      const out = reporter(opts.json);
      const run = { county: opts.county, chunk: opts.chunk, onProgress: out.progress };
      const done = opts.batch
        ? [await runBatch(ctx, actor(), opts.batch, run)]
        : await resumeBatches(ctx, actor(), run);
      for (const b of done) out.done(b);
      if (!done.length && !opts.json) process.stdout.write('没有未完成的批次 / no unfinished batch\n');
    }),
  );

  payments
    .command('roster')
    .description('导出发放花名册 Write a batch’s roster (.xlsx or CSV)')
    .requiredOption('--batch <id>', 'batch id', positiveInt)
    .requiredOption('--out <file>', 'file to write')
    .option('--format <format>', 'xlsx | csv (default: from the file name)')
    .option('--reveal', 'full ID numbers and bank accounts (needs --reason; audited)')
    .option('--reason <text>', 'why the full numbers are needed')
    .option('--county <code>', 'county division code', HOME_COUNTY)
    .action(
      (opts: {
        batch: number;
        out: string;
        format?: string;
        reveal?: boolean;
        reason?: string;
        county: string;
      }) =>
        withContext('payments roster', async (ctx) => {
          const format = (opts.format ?? (opts.out.endsWith('.csv') ? 'csv' : 'xlsx')) as 'xlsx' | 'csv';
          const roster = await prepareRoster(
            ctx,
            actor(),
            opts.batch,
            format,
            { reveal: opts.reveal === true, reason: opts.reason },
            { county: opts.county },
          );
          const r = await roster.write(fs.createWriteStream(opts.out));
          process.stdout.write(`${opts.out}：${r.rows} 笔，合计 ${fenToYuan(r.totalFen)} 元\n`);
        }),
    );

  payments
    .command('results')
    .description('登记银行回盘 Record the bank’s returned CSV (明细编号, 结果 成功/失败, 原因)')
    .requiredOption('--batch <id>', 'batch id', positiveInt)
    .requiredOption('--file <csv>', 'the bank’s returned file')
    .option('--county <code>', 'county division code', HOME_COUNTY)
    .option('--json', 'print the batch as JSON')
    .action((opts: { batch: number; file: string; county: string; json?: boolean }) =>
      withContext('payments results', async (ctx) => {
        const csv = fs.readFileSync(opts.file, 'utf8');
        const b = await recordResults(ctx, actor(), opts.batch, { csv }, { county: opts.county });
        if (opts.json) process.stdout.write(JSON.stringify(b) + '\n');
        else reporter(false).done(b);
      }),
    );

  payments
    .command('verify')
    .description(
      '核对资金台账 Check the ledger: journals balance, balances match the records, each item paid once (exit 1 if not)',
    )
    .option('--json', 'print the result as JSON')
    .action((opts: { json?: boolean }) =>
      withContext('payments verify', async (ctx) => {
        const r = await verifyLedger(ctx.db);
        if (opts.json) process.stdout.write(JSON.stringify(r) + '\n');
        else {
          for (const p of r.problems) process.stdout.write(`✗ ${p.zh} (${p.en})\n`);
          process.stdout.write(
            r.ok
              ? `资金台账平衡：${r.journals} 张凭证，${r.postings} 条分录 / ledger balanced\n`
              : `资金台账有 ${r.problems.length} 处问题 / ledger NOT balanced\n`,
          );
        }
        if (!r.ok) process.exitCode = EXIT_PROBLEMS;
      }),
    );
}
