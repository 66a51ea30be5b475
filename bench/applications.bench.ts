import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openAppContext, type AppContext } from '../src/app/app-context.js';
import { createAccount, systemActor } from '../src/modules/access/index.js';
import { seedSyntheticApplications } from '../src/modules/applications/index.js';
import { analyzeRegistry, samplePersons } from '../src/modules/registry/index.js';
import { loadConfig } from '../src/platform/config/config.js';
import { seedInChild } from './seed-child.js';

/**
 * `npm run bench -- applications [--persons N] [--applications M] [--data DIR] [--pg]`: a registry of N
 * persons and M applications (PGlite in DIR, or the server at JIUYE_BENCH_DATABASE_URL with --pg);
 * then, against `jiuye serve` in its own process on loopback:
 *   - a township officer's worklist (first page, 50 cases, nearest deadline first): p50/p95/p99 of
 *     sequential requests;
 *   - submissions (POST /api/v1/applications, submit: true) by a desk officer for different persons,
 *     under autocannon for --seconds with --connections: requests/s, p50/p99 latency, errors.
 * Last lines: JSON {"bench":"applications-worklist",…} and {"bench":"applications-submit",…}.
 */
export async function main(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      persons: { type: 'string', default: '1000000' },
      applications: { type: 'string', default: '100000' },
      data: { type: 'string' },
      pg: { type: 'boolean', default: false },
      seconds: { type: 'string', default: '20' },
      connections: { type: 'string', default: '40' },
      port: { type: 'string', default: '3901' },
      json: { type: 'boolean', default: false },
    },
  });
  const persons = Number(values.persons);
  const applications = Number(values.applications);
  const log = (s: string) => {
    if (!values.json) process.stderr.write(s + '\n');
  };
  const databaseUrl = values.pg ? process.env.JIUYE_BENCH_DATABASE_URL : undefined;
  if (values.pg && !databaseUrl) throw new Error('--pg needs JIUYE_BENCH_DATABASE_URL');
  const dataDir = values.data
    ? path.resolve(values.data)
    : path.resolve('.bench', `applications-${persons}${values.pg ? '-pg' : ''}`);
  const reuse = path.resolve('.bench', `rules-${persons}`);
  if (!values.pg && !fs.existsSync(path.join(dataDir, 'pg')) && fs.existsSync(path.join(reuse, 'pg'))) {
    log(`copying the seeded registry of ${reuse} …`);
    fs.cpSync(reuse, dataDir, { recursive: true });
    fs.rmSync(path.join(dataDir, 'materials'), { recursive: true, force: true });
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const config = { ...loadConfig({}), dataDir, databaseUrl, demo: false, logLevel: 'silent' };
  const env = {
    ...process.env,
    JIUYE_DATA: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    PORT: values.port,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };

  let ctx: AppContext = await openAppContext(config, 'bench applications');
  const count = async (table: string) =>
    Number(
      (await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM ${sql.table(table)}`.execute(ctx.db))
        .rows[0]!.n,
    );
  if ((await count('persons')) === 0) {
    await ctx.close();
    log(`seeding ${persons} persons …`);
    await seedInChild(env, { persons, enterprises: Math.ceil(persons / 50), seed: 1, today: '2019-06-15' });
    ctx = await openAppContext(config, 'bench applications');
  }
  await analyzeRegistry(ctx.db);
  // Half the sample is for the applications already there, half for new submissions (persons who
  // have not applied yet, so that every submission is a real one).
  const sample = await samplePersons(ctx.db, persons);
  const seeded = sample.filter((_, i) => i % 2 === 0).slice(0, applications);
  const applied = new Set(
    (
      await sql<{
        id: number;
      }>`SELECT DISTINCT subject_id AS id FROM applications WHERE subject_type = 'person'`.execute(ctx.db)
    ).rows.map((r) => Number(r.id)),
  );
  for (const p of seeded) applied.add(p.id);
  const fresh = sample.filter((p) => !applied.has(p.id));
  if ((await count('applications')) < applications) {
    const t = performance.now();
    const n = await seedSyntheticApplications(ctx.database, ctx.rules.engineFor('2026-11-30'), seeded, {
      date: new Date().toISOString().slice(0, 10),
    });
    log(`${n} applications loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  // The busiest township's officer, and a city officer applying at a desk for anyone in the county.
  const busiest = (
    await sql<{ d: string; n: number }>`SELECT step_division AS d, count(*)::int AS n FROM applications
      WHERE status = 'inReview' AND step_role = 'townshipOfficer' GROUP BY 1 ORDER BY 2 DESC LIMIT 1`.execute(
      ctx.db,
    )
  ).rows[0]!;
  const password = 'bench-password-2019';
  for (const [username, role, division] of [
    ['bench-town', 'townshipOfficer', busiest.d],
    ['bench-desk', 'cityOfficer', '211382'],
  ] as const) {
    await createAccount(ctx.db, systemActor('cli', 'bench'), {
      username,
      displayName: username,
      password,
      role,
      division,
    }).catch((e: { code?: string }) => {
      if (e.code !== 'USERNAME_TAKEN') throw e;
    });
  }
  const waiting = await count('applications');
  await ctx.close();

  const server = await startServer(env, Number(values.port));
  try {
    const base = `http://127.0.0.1:${values.port}/api/v1`;
    const town = await login(base, 'bench-town', password);
    const desk = await login(base, 'bench-desk', password);

    // Worklist: sequential requests, after a warm-up.
    const times: number[] = [];
    for (let i = 0; i < 320; i++) {
      const t = performance.now();
      const r = await fetch(`${base}/applications/worklist?limit=50`, { headers: town.headers });
      const body = (await r.json()) as unknown[];
      if (!r.ok || body.length === 0) throw new Error(`worklist: ${r.status}`);
      if (i >= 20) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => +times[Math.floor((times.length - 1) * p)]!.toFixed(1);
    const worklist = {
      bench: 'applications-worklist',
      db: values.pg ? 'postgres' : 'pglite',
      persons,
      applications: waiting,
      waitingAtTownship: busiest.n,
      p50Ms: q(0.5),
      p95Ms: q(0.95),
      p99Ms: q(0.99),
    };
    process.stdout.write(JSON.stringify(worklist) + '\n');

    // Submissions: each request for the next person of the fresh half.
    let next = 0;
    const refusals: Record<string, number> = {};
    const result = await autocannon({
      url: base,
      connections: Number(values.connections),
      duration: Number(values.seconds),
      headers: { ...desk.headers, 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST',
          path: '/api/v1/applications',
          onResponse: (status: number, body: string) => {
            if (status >= 300) {
              const code = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? String(status);
              refusals[code] = (refusals[code] ?? 0) + 1;
            }
          },
          setupRequest: (req) => {
            const p = fresh[next++ % fresh.length]!;
            return {
              ...req,
              body: JSON.stringify({
                programmeId: 'talent-housing-grant',
                applicant: { type: 'person', id: p.id },
                declared: { talent: { category: 'C', arrivedOn: '2019-03-01', firstHomeInLingyuan: true } },
                submit: true,
              }),
            };
          },
        },
      ],
    });
    const submit = {
      bench: 'applications-submit',
      db: values.pg ? 'postgres' : 'pglite',
      persons,
      connections: Number(values.connections),
      seconds: Number(values.seconds),
      requestsPerSecond: +result.requests.average.toFixed(0),
      ok: result['2xx'],
      non2xx: result.non2xx,
      refusals,
      errors: result.errors,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
    };
    process.stdout.write(JSON.stringify(submit) + '\n');
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/jiuye.mjs', 'serve'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`jiuye serve exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('jiuye serve did not become ready');
}

async function login(base: string, username: string, password: string) {
  const r = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { headers: { cookie, 'x-csrf-token': csrfToken } };
}
