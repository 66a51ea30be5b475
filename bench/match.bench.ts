import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Converter } from 'opencc-js/cn2t';
import { sql } from 'kysely';
import { openAppContext, type AppContext } from '../src/app/app-context.js';
import { systemActor } from '../src/modules/access/index.js';
import { divisionName } from '../src/modules/divisions/index.js';
import {
  applyImportFacts,
  getImport,
  importList,
  listImportRows,
  listMatches,
  reviewCandidate,
} from '../src/modules/exchange/index.js';
import { readRowStates } from '../src/modules/exchange/infra/import-rows.js';
import { personMatchIndex } from '../src/modules/registry/index.js';
import { generateHouseholds } from '../src/modules/registry/seed/synthetic-population.js';
import { loadConfig } from '../src/platform/config/config.js';
import { makeIdNumber } from '../src/shared/identity/index.js';
import { seedInChild } from './seed-child.js';

/**
 * `jiuye bench match --registry N --rows M [--json]`: a registry of N synthetic persons (seeded once into
 * `.bench/match-N`, reused after), a 低保 list of M rows drawn from it with damage (old 15-digit numbers,
 * full-width digits, lower-case x and spaces, missing and mistyped numbers, typing errors and traditional
 * characters in names, dots and spaces) plus people who are not in the registry; the list is imported
 * and its decisions are compared with the truth planted.
 * Last line: {"bench":"exchange-match","registry":N,"rows":M,"seconds":S,"rowsPerSecond":R,
 *             "precisionMatched":P,"recallMatchedOrCandidate":Q,…}
 */
export async function main(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      registry: { type: 'string', default: '100000' },
      rows: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '7' },
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      // Also time what follows an import: its facts, a page of candidates, a review.
      review: { type: 'boolean', default: false },
    },
  });
  const n = Number(values.registry);
  const m = Number(values.rows);
  const today = '2019-06-15';
  const log = (s: string) => {
    if (!values.json) process.stderr.write(s + '\n');
  };
  const config = loadConfig();
  const dataDir = values.data ? path.resolve(values.data) : path.resolve('.bench', `match-${n}`);
  fs.mkdirSync(dataDir, { recursive: true });
  let ctx = await openAppContext({ ...config, dataDir, demo: false }, 'bench match');
  const count = Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM persons`.execute(ctx.db)).rows[0]!.n,
  );
  if (count !== n) {
    if (count !== 0)
      throw new Error(`${dataDir} holds ${count} persons, not ${n}: use another --data folder`);
    await ctx.close();
    log(`seeding ${n} persons into ${dataDir} …`);
    await seedInChild(
      { ...process.env, JIUYE_DATA: dataDir },
      { persons: n, enterprises: Math.ceil(n / 50), seed: 1, today },
    );
    ctx = await openAppContext({ ...config, dataDir, demo: false }, 'bench match');
  }

  // The list, with its truth: the registry person's ID number, or null for someone not in the registry.
  let state = Number(values.seed) >>> 0 || 1;
  const rnd = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const toTraditional = Converter({ from: 'cn', to: 't' });
  const COMMON = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志';
  const fw = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  const damageName = (name: string): string => {
    const r = rnd();
    const chars = [...name];
    if (r < 0.04 && chars.length >= 2) {
      const k = 1 + Math.floor(rnd() * (chars.length - 1));
      chars[k] = COMMON[Math.floor(rnd() * COMMON.length)]!;
      return chars.join('');
    }
    if (r < 0.09) return toTraditional(name);
    if (r < 0.11) return chars.length >= 2 ? chars[0] + ' ' + chars.slice(1).join('') : name;
    if (r < 0.12) return name.replace('·', '・');
    return name;
  };
  const damageId = (id: string, birthYear: number): string => {
    const r = rnd();
    if (r < 0.06) return '';
    if (r < 0.12 && birthYear < 2000) return id.slice(0, 6) + id.slice(8, 17);
    if (r < 0.2) return fw(id);
    if (r < 0.25) return ' ' + id.slice(0, 6) + ' ' + id.slice(6).toLowerCase() + ' ';
    if (r < 0.28) {
      const k = Math.floor(rnd() * 17);
      const d = String((Number(id[k]) + 1 + Math.floor(rnd() * 9)) % 10);
      return id.slice(0, k) + d + id.slice(k + 1);
    }
    return id;
  };
  // The list and its truth are made once per (rows, seed) and kept beside the registry (the same every time).
  const file = path.join(dataDir, `list-${m}-seed${values.seed}.csv`);
  const truthFile = path.join(dataDir, `truth-${m}-seed${values.seed}.json`);
  let truth: (string | null)[];
  if (fs.existsSync(file) && fs.existsSync(truthFile)) {
    truth = JSON.parse(fs.readFileSync(truthFile, 'utf8')) as (string | null)[];
  } else {
    ({ truth } = makeList());
  }
  const inRegistry = truth.filter((t) => t !== null).length;
  function makeList() {
    const lines: string[] = ['姓名,公民身份号码,性别,出生日期,乡镇（街道）'];
    const truth: (string | null)[] = [];
    const inRegistry = Math.min(n, Math.round(m * 0.85));
    const takeP = inRegistry / n;
    const row = (
      p: { name: string; idNumber: string; birthDate: string; sex: string; residenceDivision: string },
      known: boolean,
    ) => {
      const name = damageName(p.name);
      const id = damageId(p.idNumber, Number(p.birthDate.slice(0, 4)));
      const sex = rnd() < 0.8 ? (p.sex === 'male' ? '男' : '女') : '';
      const birth = rnd() < 0.7 ? p.birthDate : '';
      const town = rnd() < 0.75 ? (divisionName(p.residenceDivision.slice(0, 9), today) ?? '') : '';
      lines.push(`${name},${id},${sex},${birth},${town}`);
      truth.push(known ? p.idNumber : null);
    };
    for (const h of generateHouseholds(n, { seed: 1, today }))
      for (const p of h.members) if (truth.length < inRegistry && rnd() < takeP * 1.02) row(p, true);
    // People who are not in the registry: another population, numbers of another county.
    for (const h of generateHouseholds(Math.max(1000, m - truth.length + 1000), { seed: 99, today })) {
      for (const p of h.members) {
        if (truth.length >= m) break;
        const id = makeIdNumber('211302', p.birthDate, Math.floor(rnd() * 999), p.sex);
        row({ ...p, idNumber: id }, false);
      }
      if (truth.length >= m) break;
    }
    fs.writeFileSync(file, lines.join('\n') + '\n');
    fs.writeFileSync(truthFile, JSON.stringify(truth));
    return { truth };
  }
  log(`list: ${truth.length} rows (${inRegistry} from the registry) in ${file}`);

  // CPU time of the import, both threads (the machine is shared: wall time alone depends on the load).
  const cpu0 = process.cpuUsage();
  const s = await importList(ctx, systemActor('cli', 'bench'), {
    kind: 'low-income',
    fileName: path.basename(file),
    content: fs.readFileSync(file),
    asOf: today,
  });
  const cpu = process.cpuUsage(cpu0);
  log(`import: ${JSON.stringify(s)}`);

  // Score against the truth, by keyed hash (the bench never reads plain numbers from the database).
  const personHash = new Map<number, string>();
  for await (const page of personMatchIndex(ctx.database, systemActor('cli', 'bench')))
    for (let i = 0; i < page.size; i++)
      personHash.set(
        page.ids[i]!,
        page.hashHi[i]!.toString(16).padStart(8, '0') + page.hashLo[i]!.toString(16).padStart(8, '0'),
      );
  // The first 64 bits of the keyed hash, as the registry's match index hands them out.
  const truthHash = truth.map((t) => (t ? ctx.cipher.hash('idNumber', t).toString('hex', 0, 8) : null));
  // Each row's status and person as `jiuye exchange matches` gives them (matched rows live in blocks).
  const status = new Map<number, [string, number | null]>();
  for (const l of await listMatches(ctx, systemActor('cli', 'bench'), s.import, { full: false }))
    status.set(l.rowNumber, [l.status, l.subjectId]);
  // The candidates proposed on each row, where the import keeps them (docs/decisions/0024).
  const { county } = await getImport(ctx, systemActor('cli', 'bench'), s.import);
  const cands = new Map<number, Set<number>>();
  for (const r of (await readRowStates(ctx.database, county, s.import)).rows)
    if (r.candidates.length) cands.set(r.rowNumber, new Set(r.candidates));
  let matched = 0;
  let matchedRight = 0;
  let known = 0;
  let found = 0;
  let strangersMatched = 0;
  for (let i = 0; i < truth.length; i++) {
    const [st, pid] = status.get(i + 2) ?? ['missing', null];
    const th = truthHash[i];
    if (st === 'matched') {
      matched++;
      if (th && pid !== null && personHash.get(pid) === th) matchedRight++;
      if (!th) strangersMatched++;
    }
    if (th) {
      known++;
      const ok =
        (st === 'matched' && pid !== null && personHash.get(pid) === th) ||
        (st === 'candidate' && [...(cands.get(i + 2) ?? [])].some((c) => personHash.get(c) === th));
      if (ok) found++;
    }
  }
  const after = values.review ? await timeAfterImport(ctx, s.import) : {};
  await ctx.close();
  const out = {
    bench: 'exchange-match',
    database: ctx.database.kind,
    registry: n,
    rows: s.rows,
    matched: s.matched,
    candidates: s.candidates,
    unmatched: s.unmatched,
    invalid: s.invalid,
    seconds: s.seconds,
    rowsPerSecond: Math.round(s.rows / s.seconds),
    cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1),
    loadAverage: +os.loadavg()[0]!.toFixed(1),
    precisionMatched: +(matched ? matchedRight / matched : 1).toFixed(5),
    recallMatchedOrCandidate: +(known ? found / known : 1).toFixed(5),
    strangersMatched,
    rssMb: Math.round(process.memoryUsage().rss / 1048576),
    ...after,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

/**
 * `--review`: the steps after an import, timed on it — its certain matches turned into facts, the first
 * page of candidates as the back office asks for it, one candidate confirmed (copied out of its block,
 * with its fact), and the page again. The registry's facts change: run it on a copy of the bench data
 * when the plain figures matter afterwards.
 */
async function timeAfterImport(ctx: AppContext, importId: number) {
  const actor = systemActor('cli', 'bench');
  const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
    const t0 = performance.now();
    const v = await f();
    return [v, +((performance.now() - t0) / 1000).toFixed(3)];
  };
  const [facts, factsSeconds] = await timed(() =>
    applyImportFacts(ctx, actor, importId, { refresh: 'none' }),
  );
  const query = { status: 'candidate', limit: 20, offset: 0 } as const;
  const [page, pageSeconds] = await timed(() => listImportRows(ctx, actor, importId, query));
  const row = page.items[0];
  const [, reviewSeconds] = row?.candidates[0]
    ? await timed(() =>
        reviewCandidate(ctx, actor, importId, row.rowNumber, {
          subjectId: row.candidates[0]!.subjectId,
          decision: 'confirm',
        }),
      )
    : [null, null];
  const [, pageAgainSeconds] = await timed(() => listImportRows(ctx, actor, importId, query));
  return {
    factsSeconds,
    factsOpened: facts.opened,
    factsClosed: facts.closed,
    factsUnchanged: facts.unchanged,
    candidatePageSeconds: pageSeconds,
    reviewSeconds,
    candidatePageAfterReviewSeconds: pageAgainSeconds,
  };
}
