import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openAppContext } from '../src/app/app-context.js';
import { systemActor, type Actor } from '../src/modules/access/index.js';
import { searchPersons } from '../src/modules/registry/index.js';
import { generateHouseholds } from '../src/modules/registry/seed/synthetic-population.js';
import { loadConfig } from '../src/platform/config/config.js';
import { seedInChild } from './seed-child.js';

const run = promisify(execFile);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function timeQueries(label: string, n: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(50, n); i++) await fn(i); // warm up
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const r = {
    bench: label,
    queries: n,
    p50Ms: +quantile(ms, 0.5).toFixed(2),
    p95Ms: +quantile(ms, 0.95).toFixed(2),
    p99Ms: +quantile(ms, 0.99).toFixed(2),
  };
  return r;
}

async function benchOne(
  kind: 'pglite' | 'postgres',
  persons: number,
  enterprises: number,
  seed: number,
  today: string,
  url?: string,
) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-bench-'));
  const dataKey = Buffer.alloc(32, 7).toString('base64');
  let databaseUrl: string | undefined;
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS jiuye_bench WITH (FORCE)');
    await admin.query('CREATE DATABASE jiuye_bench');
    await admin.end();
    const u = new URL(url!);
    u.pathname = '/jiuye_bench';
    databaseUrl = u.toString();
  }
  const env = {
    ...process.env,
    JIUYE_DATA: dataDir,
    JIUYE_DATA_KEY: dataKey,
    DATABASE_URL: databaseUrl ?? '',
  };
  // Create and migrate first, so the seed's time is the seed's.
  await run(process.execPath, ['bin/jiuye.mjs', 'db', 'migrate'], { env });
  const summary = await seedInChild(env, { persons, enterprises, seed, today });
  const seedLine = { bench: 'registry-seed', database: kind, ...summary };
  process.stdout.write(JSON.stringify(seedLine) + '\n');

  // Look-ups through the use cases (scoped query, decryption, masking), as a township officer would.
  const samples: { idNumber: string; name: string; township: string }[] = [];
  let i = 0;
  for (const h of generateHouseholds(persons, { seed, today })) {
    if (i++ % Math.max(1, Math.floor(persons / 2.6 / 2000)) === 0) {
      const p = h.members[0]!;
      samples.push({
        idNumber: p.idNumber,
        name: p.name.slice(0, 2),
        township: p.residenceDivision.slice(0, 9),
      });
    }
  }
  const ctx = await openAppContext(
    { ...loadConfig({}), dataDir, dataKey, databaseUrl, demo: false },
    'bench',
  );
  const officer = (township: string): Actor => ({
    ...systemActor('cli'),
    role: 'townshipOfficer',
    division: township,
  });
  const byId = await timeQueries('registry-lookup-id', samples.length, async (k) => {
    const s = samples[k]!;
    const r = await searchPersons(ctx, officer(s.township), { idNumber: s.idNumber });
    if (r.length !== 1) throw new Error('look-up by ID number missed');
  });
  const byName = await timeQueries('registry-lookup-name-prefix', samples.length, async (k) => {
    const s = samples[k]!;
    const r = await searchPersons(ctx, officer(s.township), { name: s.name, limit: 50 });
    if (r.length === 0) throw new Error('name prefix found nobody');
  });
  await ctx.close();
  for (const r of [byId, byName])
    process.stdout.write(JSON.stringify({ ...r, database: kind, persons }) + '\n');
  fs.rmSync(dataDir, { recursive: true, force: true });
}

export async function main(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      persons: { type: 'string', default: '1000000' },
      enterprises: { type: 'string', default: '20000' },
      seed: { type: 'string', default: '1' },
      today: { type: 'string', default: '2019-06-15' },
      db: { type: 'string', default: 'both' },
    },
  });
  const persons = Number(values.persons);
  const enterprises = Number(values.enterprises);
  const url = process.env.JIUYE_BENCH_DATABASE_URL;
  if (values.db !== 'postgres')
    await benchOne('pglite', persons, enterprises, Number(values.seed), values.today);
  if (values.db !== 'pglite') {
    if (!url) process.stderr.write('JIUYE_BENCH_DATABASE_URL not set: PostgreSQL skipped\n');
    else await benchOne('postgres', persons, enterprises, Number(values.seed), values.today, url);
  }
}
