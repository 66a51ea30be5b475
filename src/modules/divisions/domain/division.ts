/**
 * Administrative divisions (行政区划) as effective-dated records.
 *
 * Pure types and helpers: no I/O, no clock. Dates are ISO `YYYY-MM-DD` strings compared as strings.
 * Validity intervals are half-open: a record is active on `asOf` iff `validFrom <= asOf` and
 * (`validTo === null` or `asOf < validTo`).
 *
 * Codes follow the NBS statistical division code hierarchy (统计用区划代码) and are stored unpadded:
 * 6 digits = county level (县级), 9 digits = township level (乡级), 12 digits = village level (村级).
 * A code's first 6/9 digits are the codes of its county/township, so hierarchy is pure prefix logic.
 */

export type DivisionLevel = 'county' | 'township' | 'village';

export type DivisionKind =
  /** 县级市 */
  | 'countyLevelCity'
  /** 街道 (township code 001–099) */
  | 'street'
  /** 镇 (township code 100–199) */
  | 'town'
  /** 乡 (township code 200–399) */
  | 'township'
  /** 民族乡, e.g. 蒙古族乡 (township code 200–399) */
  | 'ethnicTownship'
  /** 居民委员会 / 社区 (village code 001–199) */
  | 'community'
  /** 村民委员会 (village code 200–399) */
  | 'village';

export interface Division {
  /** 6, 9 or 12 digits, unpadded. Not unique over time: (code, validFrom) is the key. */
  readonly code: string;
  /** Full name as published in `source`, e.g. "仪表社区居民委员会". */
  readonly name: string;
  /** Name without the committee suffix, e.g. "仪表社区", "东五官村"; equal to `name` above village level. */
  readonly shortName: string;
  readonly level: DivisionLevel;
  readonly kind: DivisionKind;
  /** Code of the parent unit (its code prefix); for the county, the prefecture code outside this data set. */
  readonly parent: string | null;
  /** Inclusive start, `YYYY-MM-DD`. */
  readonly validFrom: string;
  /** Exclusive end, `YYYY-MM-DD`, or null when still listed in the latest snapshot. */
  readonly validTo: string | null;
  /** True only when validFrom is a documented date; false when it is derived from snapshot dates. */
  readonly validFromKnown: boolean;
  /** True only when validTo is a documented date; false when derived from snapshots or open (null). */
  readonly validToKnown: boolean;
  /** Snapshot whose published name this record carries (the latest snapshot listing it). */
  readonly source: string;
  /** Every snapshot that lists this unit with this (shortName, parent, kind), oldest first. */
  readonly attestedIn: readonly string[];
  /** Codes of units this record took over (inferred: same name, code changed between two snapshots). */
  readonly predecessors: readonly string[];
  /** Codes of units that took this record over when it ended (same inference; for a dissolved
   * township: the townships its villages were moved to). */
  readonly successors: readonly string[];
}

export interface SnapshotInfo {
  /** e.g. "nbs-2023" */
  readonly id: string;
  readonly year: number;
  /** 截止时间: the date the published codes describe. */
  readonly cutoff: string;
  /** 发布时间 */
  readonly published: string;
  readonly [key: string]: unknown;
}

export interface DivisionData {
  readonly source: { readonly snapshots: readonly SnapshotInfo[]; readonly [key: string]: unknown };
  readonly divisions: readonly Division[];
}

const LEVEL_BY_LENGTH: Readonly<Record<number, DivisionLevel>> = {
  6: 'county',
  9: 'township',
  12: 'village',
};
/** Number of digits of a code at each level. */
export const LEVEL_CODE_LENGTH: Readonly<Record<DivisionLevel, number>> = {
  county: 6,
  township: 9,
  village: 12,
};
const KINDS_BY_LEVEL: Readonly<Record<DivisionLevel, readonly DivisionKind[]>> = {
  county: ['countyLevelCity'],
  township: ['street', 'town', 'township', 'ethnicTownship'],
  village: ['community', 'village'],
};

/** Level of a canonical (unpadded) code, or null when the string is not a 6/9/12-digit code. */
export function levelOfCode(code: string): DivisionLevel | null {
  if (!/^\d+$/.test(code)) return null;
  return LEVEL_BY_LENGTH[code.length] ?? null;
}

/**
 * Canonical form of a code: accepts 6/9/12-digit codes and NBS 12-digit padded forms
 * ("211382000000" → "211382", "211382101000" → "211382101"). Returns null for anything else.
 * (NBS township and village sequence numbers are never 000, so the padding is unambiguous.)
 */
export function normalizeCode(code: string): string | null {
  const c = code.trim();
  if (!/^\d+$/.test(c)) return null;
  if (c.length === 12) {
    if (c.endsWith('000000')) return c.slice(0, 6);
    if (c.endsWith('000')) return c.slice(0, 9);
    return c;
  }
  return c.length === 6 || c.length === 9 ? c : null;
}

/** The code one level up (prefix), or null for a county code or a malformed code. */
export function parentCodeOf(code: string): string | null {
  const level = levelOfCode(code);
  if (level === 'village') return code.slice(0, 9);
  if (level === 'township') return code.slice(0, 6);
  return null;
}

/**
 * Whether `code` lies within `ancestorCode` in the code hierarchy (pure prefix logic, no dates).
 * Inclusive: a code is within itself. Padded 12-digit forms are accepted. Malformed codes → false.
 */
export function isWithin(code: string, ancestorCode: string): boolean {
  const c = normalizeCode(code);
  const a = normalizeCode(ancestorCode);
  if (c === null || a === null) return false;
  return c.startsWith(a);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Whether `s` is a real calendar date written `YYYY-MM-DD` (no Date object involved). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= max;
}

export function assertIsoDate(s: string, what = 'date'): void {
  if (!isIsoDate(s)) throw new RangeError(`${what} must be a YYYY-MM-DD date, got ${JSON.stringify(s)}`);
}

/** Half-open interval test: validFrom <= asOf < validTo (validTo null = open). */
export function isActiveOn(d: Pick<Division, 'validFrom' | 'validTo'>, asOf: string): boolean {
  return d.validFrom <= asOf && (d.validTo === null || asOf < d.validTo);
}

/** Sort order used everywhere: by code, then validFrom. */
export function compareDivisions(a: Division, b: Division): number {
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  if (a.validFrom !== b.validFrom) return a.validFrom < b.validFrom ? -1 : 1;
  return 0;
}

function fail(i: number, msg: string): never {
  throw new Error(`divisions[${i}]: ${msg}`);
}

function str(v: unknown, i: number, field: string): string {
  if (typeof v !== 'string' || v.length === 0) fail(i, `${field} must be a non-empty string`);
  return v;
}

function bool(v: unknown, i: number, field: string): boolean {
  if (typeof v !== 'boolean') fail(i, `${field} must be a boolean`);
  return v;
}

function strArray(v: unknown, i: number, field: string): readonly string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.length > 0)) {
    fail(i, `${field} must be an array of non-empty strings`);
  }
  return Object.freeze([...(v as string[])]);
}

/** Validate one raw record (e.g. from JSON) and return a frozen Division. */
export function parseDivision(raw: unknown, i: number): Division {
  if (typeof raw !== 'object' || raw === null) fail(i, 'must be an object');
  const r = raw as Record<string, unknown>;
  const code = str(r.code, i, 'code');
  const level = levelOfCode(code);
  if (level === null) fail(i, `code ${code} is not a 6/9/12-digit code`);
  if (r.level !== level) fail(i, `level ${String(r.level)} does not match code ${code} (${level})`);
  const kind = str(r.kind, i, 'kind') as DivisionKind;
  if (!KINDS_BY_LEVEL[level].includes(kind)) fail(i, `kind ${kind} is not valid for level ${level}`);
  const parent = r.parent === null ? null : str(r.parent, i, 'parent');
  if (level === 'county') {
    if (parent !== null && !/^\d{6}$/.test(parent)) fail(i, `county parent must be a 6-digit code or null`);
  } else if (parent !== parentCodeOf(code)) {
    fail(i, `parent ${String(parent)} is not the code prefix of ${code}`);
  }
  const validFrom = str(r.validFrom, i, 'validFrom');
  if (!isIsoDate(validFrom)) fail(i, `validFrom ${validFrom} is not YYYY-MM-DD`);
  const validTo = r.validTo === null ? null : str(r.validTo, i, 'validTo');
  if (validTo !== null) {
    if (!isIsoDate(validTo)) fail(i, `validTo ${validTo} is not YYYY-MM-DD`);
    if (!(validFrom < validTo)) fail(i, `validFrom ${validFrom} must be before validTo ${validTo}`);
  }
  const name = str(r.name, i, 'name');
  if (name.trim() !== name) fail(i, 'name has surrounding whitespace');
  return Object.freeze({
    code,
    name,
    shortName: str(r.shortName, i, 'shortName'),
    level,
    kind,
    parent,
    validFrom,
    validTo,
    validFromKnown: bool(r.validFromKnown, i, 'validFromKnown'),
    validToKnown: bool(r.validToKnown, i, 'validToKnown'),
    source: str(r.source, i, 'source'),
    attestedIn: strArray(r.attestedIn, i, 'attestedIn'),
    predecessors: strArray(r.predecessors, i, 'predecessors'),
    successors: strArray(r.successors, i, 'successors'),
  });
}

/**
 * Validate a whole record set: each record well-formed, (code, validFrom) unique, no two records of
 * one code overlapping in time. Returns the records frozen and sorted by (code, validFrom).
 */
export function parseDivisions(raw: readonly unknown[]): readonly Division[] {
  const list = raw.map((r, i) => parseDivision(r, i)).sort(compareDivisions);
  for (let i = 1; i < list.length; i++) {
    const prev = list[i - 1];
    const cur = list[i];
    if (prev === undefined || cur === undefined || prev.code !== cur.code) continue;
    if (prev.validFrom === cur.validFrom) throw new Error(`duplicate record ${cur.code}@${cur.validFrom}`);
    if (prev.validTo === null || prev.validTo > cur.validFrom) {
      throw new Error(
        `records of ${cur.code} overlap: ${prev.validFrom}..${prev.validTo} and ${cur.validFrom}`,
      );
    }
  }
  return Object.freeze(list);
}

/** Validate the top-level JSON document ({ source, divisions }). */
export function parseDivisionData(raw: unknown): DivisionData {
  if (typeof raw !== 'object' || raw === null) throw new Error('division data must be an object');
  const r = raw as Record<string, unknown>;
  const source = r.source as Record<string, unknown> | undefined;
  if (typeof source !== 'object' || source === null || !Array.isArray(source.snapshots)) {
    throw new Error('division data: source.snapshots missing');
  }
  const snapshots = (source.snapshots as unknown[]).map((s, i): SnapshotInfo => {
    const o = s as Record<string, unknown>;
    if (
      typeof o.id !== 'string' ||
      typeof o.year !== 'number' ||
      typeof o.cutoff !== 'string' ||
      !isIsoDate(o.cutoff) ||
      typeof o.published !== 'string' ||
      !isIsoDate(o.published)
    ) {
      throw new Error(`source.snapshots[${i}] is malformed`);
    }
    return Object.freeze({ ...o, id: o.id, year: o.year, cutoff: o.cutoff, published: o.published });
  });
  if (!Array.isArray(r.divisions)) throw new Error('division data: divisions must be an array');
  const divisions = parseDivisions(r.divisions);
  const ids = new Set(snapshots.map((s) => s.id));
  divisions.forEach((d, i) => {
    for (const s of [d.source, ...d.attestedIn]) {
      if (!ids.has(s)) fail(i, `unknown snapshot ${s}`);
    }
  });
  return Object.freeze({
    source: Object.freeze({ ...source, snapshots: Object.freeze(snapshots) }),
    divisions,
  });
}
