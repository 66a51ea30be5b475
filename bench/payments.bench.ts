import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openAppContext } from '../src/app/app-context.js';
import { systemActor, type Actor } from '../src/modules/access/index.js';
import {
  commitMany,
  createBatch,
  prepareRoster,
  runBatch,
  setBudget,
  verifyLedger,
  type CommitmentRequest,
} from '../src/modules/funds/index.js';
import { loadConfig } from '../src/platform/config/config.js';
import { makeIdNumber, makeUscc } from '../src/shared/identity/index.js';

/**
 * `npm run bench -- payments [--items 50000] [--runs 3] [--db both|pglite|postgres]`: a payment batch
 * of N approved items built and its roster written as .xlsx and CSV, timed (the target: ≤ 30 s
 * for 50,000). Each run starts from a new database holding N committed items, seeded through the funds
 * module's own door (`commitMany`, not timed). PostgreSQL runs when JIUYE_BENCH_DATABASE_URL is set.
 * One JSON line per run, then the medians.
 */
const COUNTY = '211382';
const TOWNSHIPS = ['211382001', '211382002', '211382100', '211382101', '211382102', '211382103'];
const PROGRAMMES = [
  ['internship-subsidy', '就业补助资金'],
  ['public-welfare-post-subsidy', '就业补助资金'],
  ['temporary-living-allowance', '就业补助资金（稳就业专项）'],
  ['skill-upgrade-subsidy', '失业保险基金'],
  ['apprenticeship-subsidy', '就业补助资金'],
] as const;

function requests(n: number): CommitmentRequest[] {
  return Array.from({ length: n }, (_, i) => {
    const [programmeId, fund] = PROGRAMMES[i % PROGRAMMES.length]!;
    const enterprise = programmeId === 'apprenticeship-subsidy';
    return {
      county: COUNTY,
      applicationId: i + 1,
      programmeId,
      fund,
      year: 2019,
      payee: {
        kind: enterprise ? 'enterprise' : 'person',
        id: i + 1,
        name: enterprise ? `凌源市第${i}号企业有限公司` : `测试人员${i}`,
        idNumber: enterprise
          ? makeUscc(COUNTY, i)
          : makeIdNumber(COUNTY, '1990-05-17', i % 1000, i % 2 ? 'male' : 'female'),
        bankName: '凌源市农村信用合作联社',
        bankAccount: `6221${String(i).padStart(12, '0')}`,
      },
      parts: [
        {
          part: enterprise ? 'advance' : 'full',
          amountFen: 50_000 + (i % 1000) * 100 + (i % 7),
          payable: true,
        },
      ],
      division: `${TOWNSHIPS[i % TOWNSHIPS.length]}200`,
    };
  });
}

async function freshDatabase(kind: 'pglite' | 'postgres', url: string | undefined) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-bench-payments-'));
  let databaseUrl: string | undefined;
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS jiuye_bench_payments WITH (FORCE)');
    await admin.query('CREATE DATABASE jiuye_bench_payments');
    await admin.end();
    const u = new URL(url!);
    u.pathname = '/jiuye_bench_payments';
    databaseUrl = u.toString();
  }
  const dataKey = Buffer.alloc(32, 9).toString('base64');
  const ctx = await openAppContext(
    { ...loadConfig({}), dataDir, dataKey, databaseUrl, demo: false },
    'bench payments',
  );
  return { ctx, dataDir };
}

async function benchOne(kind: 'pglite' | 'postgres', items: number, url: string | undefined) {
  const { ctx, dataDir } = await freshDatabase(kind, url);
  try {
    const finance: Actor = { ...systemActor('cli', 'bench'), role: 'financeOfficer', division: COUNTY };
    const approver: Actor = { ...systemActor('cli', 'bench'), role: 'cityApprover', division: COUNTY };
    for (const [programmeId, fund] of PROGRAMMES)
      await setBudget(
        ctx,
        finance,
        fund === '失业保险基金'
          ? 'unemployment-insurance'
          : fund.includes('稳就业')
            ? 'employment-subsidy-stabilise'
            : 'employment-subsidy',
        {
          year: 2019,
          programmeId,
          amountFen: 100_000_000_000,
          onExhausted: 'block',
        },
      );
    const t0 = performance.now();
    const all = requests(items);
    for (let i = 0; i < all.length; i += 5000)
      await ctx.db
        .transaction()
        .execute((trx) => commitMany(trx, ctx, systemActor('job'), all.slice(i, i + 5000)));
    const seedSeconds = (performance.now() - t0) / 1000;

    const t1 = performance.now();
    const batch = await createBatch(ctx, approver, {});
    const buildSeconds = (performance.now() - t1) / 1000;
    const t2 = performance.now();
    const xlsxFile = path.join(dataDir, 'roster.xlsx');
    const xlsx = await (
      await prepareRoster(ctx, approver, batch.id, 'xlsx', {})
    ).write(fs.createWriteStream(xlsxFile));
    const xlsxSeconds = (performance.now() - t2) / 1000;
    const t3 = performance.now();
    const csvFile = path.join(dataDir, 'roster.csv');
    const csv = await (
      await prepareRoster(ctx, approver, batch.id, 'csv', {})
    ).write(fs.createWriteStream(csvFile));
    const csvSeconds = (performance.now() - t3) / 1000;
    if (
      batch.items !== items ||
      xlsx.rows !== items ||
      csv.rows !== items ||
      xlsx.totalFen !== batch.totalFen
    )
      throw new Error(`batch of ${batch.items}, rosters of ${xlsx.rows} / ${csv.rows}: expected ${items}`);
    const t4 = performance.now();
    const paid = await runBatch(ctx, approver, batch.id);
    const disburseSeconds = (performance.now() - t4) / 1000;
    const ledger = await verifyLedger(ctx.db);
    if (!ledger.ok || paid.paid !== items)
      throw new Error(`ledger: ${JSON.stringify(ledger.problems.slice(0, 3))}`);
    return {
      bench: 'payments-batch',
      database: kind,
      items,
      seconds: +(buildSeconds + xlsxSeconds + csvSeconds).toFixed(2),
      buildSeconds: +buildSeconds.toFixed(2),
      xlsxSeconds: +xlsxSeconds.toFixed(2),
      csvSeconds: +csvSeconds.toFixed(2),
      xlsxMb: +(fs.statSync(xlsxFile).size / 1e6).toFixed(1),
      csvMb: +(fs.statSync(csvFile).size / 1e6).toFixed(1),
      disburseSeconds: +disburseSeconds.toFixed(2),
      seedSeconds: +seedSeconds.toFixed(2),
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
    };
  } finally {
    await ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function main(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      items: { type: 'string', default: '50000' },
      runs: { type: 'string', default: '3' },
      db: { type: 'string', default: 'both' },
    },
  });
  const items = Number(values.items);
  const url = process.env.JIUYE_BENCH_DATABASE_URL;
  const kinds: ('pglite' | 'postgres')[] = [];
  if (values.db !== 'postgres') kinds.push('pglite');
  if (values.db !== 'pglite') {
    if (url) kinds.push('postgres');
    else process.stderr.write('JIUYE_BENCH_DATABASE_URL not set: PostgreSQL skipped\n');
  }
  for (const kind of kinds) {
    const runs: Awaited<ReturnType<typeof benchOne>>[] = [];
    for (let r = 0; r < Number(values.runs); r++) {
      const line = await benchOne(kind, items, url);
      process.stdout.write(JSON.stringify(line) + '\n');
      runs.push(line);
    }
    const med = (k: 'seconds' | 'buildSeconds' | 'xlsxSeconds' | 'csvSeconds' | 'disburseSeconds') =>
      median(runs.map((x) => x[k]));
    process.stdout.write(
      JSON.stringify({
        bench: 'payments-batch-median',
        database: kind,
        items,
        runs: runs.length,
        seconds: med('seconds'),
        buildSeconds: med('buildSeconds'),
        xlsxSeconds: med('xlsxSeconds'),
        csvSeconds: med('csvSeconds'),
        disburseSeconds: med('disburseSeconds'),
      }) + '\n',
    );
  }
}
