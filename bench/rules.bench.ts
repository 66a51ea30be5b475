import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openAppContext } from '../src/app/app-context.js';
import { systemActor } from '../src/modules/access/index.js';
import { analyzeRegistry } from '../src/modules/registry/index.js';
import { runScan, simulate } from '../src/modules/rules/index.js';
import { loadConfig } from '../src/platform/config/config.js';
import { seedInChild } from './seed-child.js';

/**
 * `jiuye bench rules --persons N [--json]`: fill (or reuse) a data folder with N synthetic persons and
 * N/50 enterprises, time a full 政策找人 scan (read the facts, evaluate every programme, store the hits)
 * and, in the same run, the plainest fastest read of the same rows (COPY … TO of the persons, their
 * household memberships and their facts in force). Also times one case evaluated in-process.
 * Last line: {"bench":"rules-scan","persons":N,"programmes":P,"hits":H,"seconds":S,"readSeconds":R,"rssMb":M}
 */
export async function main(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      persons: { type: 'string', default: '100000' },
      date: { type: 'string', default: '2019-06-15' },
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const persons = Number(values.persons);
  const date = values.date;
  const config = loadConfig();
  const dataDir = values.data ? path.resolve(values.data) : path.resolve('.bench', `rules-${persons}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const env = { ...process.env, JIUYE_DATA: dataDir };
  const log = (s: string) => {
    if (!values.json) process.stderr.write(s + '\n');
  };

  // Fill or reuse: seed in a child process, so this process's memory is the scan's.
  let ctx = await openAppContext({ ...config, dataDir, demo: false }, 'bench rules');
  const count = Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM persons`.execute(ctx.db)).rows[0]!.n,
  );
  if (count !== persons) {
    if (count !== 0)
      throw new Error(`${dataDir} holds ${count} persons, not ${persons}: use another --data folder`);
    await ctx.close();
    log(`seeding ${persons} persons into ${dataDir} …`);
    await seedInChild(env, { persons, enterprises: Math.ceil(persons / 50), seed: 1, today: date });
    ctx = await openAppContext({ ...config, dataDir, demo: false }, 'bench rules');
  }
  await analyzeRegistry(ctx.db);
  const engine = ctx.rules.engineFor(date);

  // One case in-process: p50 / p99 over many evaluations of a realistic case.
  const sample = {
    date,
    person: {
      idNumber: '211382199509090080',
      education: 'bachelor',
      leftSchoolOn: '2018-07-01',
      employed: true,
      insuredMonths: 13,
      registeredUnemployed: false,
      certificate: { kind: 'skillLevel', occupation: '6-31-01-03', level: 3, obtainedOn: '2019-04-01' },
    },
  };
  const times: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const t = performance.now();
    engine.evaluateCase(sample);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const caseLine = {
    bench: 'rules-one-case',
    programmes: engine.pack.programmes.filter((p) => p.source.audience !== 'enterprise').length,
    p50Ms: +times[10_000]!.toFixed(3),
    p99Ms: +times[19_800]!.toFixed(3),
  };
  process.stdout.write(JSON.stringify(caseLine) + '\n');

  // The plainest fastest read of the same rows.
  const read = async () => {
    const t = performance.now();
    let bytes = 0;
    bytes += (
      await ctx.database.copyOut('SELECT id, county, residence_division, birth_date, sex FROM persons')
    ).length;
    bytes += (
      await ctx.database.copyOut(
        `SELECT county, person_id, household_id FROM household_members WHERE valid_from <= '${date}' AND (valid_to IS NULL OR valid_to > '${date}')`,
      )
    ).length;
    bytes += (
      await ctx.database.copyOut(
        `SELECT subject_type, subject_id, name, value FROM facts WHERE superseded_at IS NULL AND valid_from <= '${date}' AND (valid_to IS NULL OR valid_to > '${date}')`,
      )
    ).length;
    bytes += (await ctx.database.copyOut('SELECT id, county, division FROM enterprises')).length;
    return { seconds: (performance.now() - t) / 1000, bytes };
  };
  await read(); // warm the cache, as the scan below will find it
  const r = await read();
  log(`plain read: ${r.seconds.toFixed(2)} s, ${(r.bytes / 2 ** 20).toFixed(0)} MB`);
  const s = await runScan(ctx.database, systemActor('cli', 'bench'), engine, { date });
  log(
    `scan: ${s.seconds.toFixed(2)} s (reading ${s.readSeconds.toFixed(2)} s, storing ${s.storeSeconds.toFixed(2)} s), ${s.subjects} subjects judged, ${s.findings} hits`,
  );
  const sim = await simulate(ctx.database, systemActor('cli', 'bench'), engine, {
    date,
    parameters: {
      'wage.minimumMonthly': 1800,
      'skillUpgrade.amountByLevel': { '5': 1200, '4': 1800, '3': 2400, '2': 2400, '1': 2400 },
    },
  });
  const simLine = {
    bench: 'rules-simulate',
    persons,
    affected: sim.affected.length,
    seconds: +sim.seconds.toFixed(2),
    ratioToScan: +(sim.seconds / s.seconds).toFixed(2),
  };
  process.stdout.write(JSON.stringify(simLine) + '\n');
  await ctx.close();
  const line = {
    bench: 'rules-scan',
    persons,
    programmes: s.programmes,
    hits: s.findings,
    seconds: +s.seconds.toFixed(2),
    readSeconds: +r.seconds.toFixed(2),
    rssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(line) + '\n');
}
