/**
 * Matching a department's person list against the registry, in memory (docs/decisions/0020).
 *
 * The registry's match index (keyed hash of the ID number, name, birth date, sex, township of every
 * person in scope) is held here once per import, with three look-ups: the ID hash; the birth date (a
 * block of a few dozen persons among a million, compared by name); the name key (for rows that carry
 * neither a usable ID nor a birth date). Decisions are pure: same inputs, same answer.
 */
import type { IdCell } from './id-cell.js';
import { compareNamesFast as compareNames, nameKeyFast } from './fast-names.js';

export type MatchStatus = 'matched' | 'candidate' | 'unmatched' | 'invalid';

/** Why a row was decided as it was, or why a candidate is one (codes; the README and the web app name them). */
export type Reason =
  | 'id' // the normalised ID number is a registry person's
  | 'id-converted-15' // … after converting an old 15-digit number
  | 'id-missing'
  | 'id-invalid'
  | 'id-not-found'
  | 'name-same'
  | 'name-close'
  | 'name-differs'
  | 'name-missing'
  | 'birth-same'
  | 'birth-from-damaged-id'
  | 'birth-differs'
  | 'township-same'
  | 'township-differs'
  | 'sex-same'
  | 'sex-differs'
  | 'confirmed-earlier'
  | 'dismissed-earlier'
  | 'too-many-namesakes';

export interface ListPersonRow {
  nameKey: string;
  id: IdCell;
  /** Keyed hash (hex) of the normalised ID number when `id` is valid. */
  idHashHex: string | null;
  /** The first 64 bits of that hash as two numbers (big-endian), if the caller has them (saves parsing the hex). */
  idHashHi?: number;
  idHashLo?: number;
  /** 出生日期 column, YYYY-MM-DD, if given and a real date. */
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  /** 乡镇（街道） column resolved to its 9-digit code, if given and known. */
  township: string | null;
}

export interface CandidateScore {
  /** The registry person's id. */
  personId: number;
  county: string;
  score: number;
  reasons: Reason[];
}

export interface MatchDecision {
  status: MatchStatus;
  /** The person matched (status matched), or the best candidate. */
  personId: number | null;
  county: string | null;
  score: number;
  reasons: Reason[];
  /** Every candidate (best first, at most MAX_CANDIDATES), for review. */
  candidates: CandidateScore[];
}

/** Earlier reviewers' word on pairs of (list subject, registry person). */
export interface PairDecisions {
  confirmed: number | null;
  dismissed: ReadonlySet<number>;
}

export const MAX_CANDIDATES = 10;

const DAY0 = Date.UTC(1900, 0, 1);
/** Days since 1900-01-01 of a YYYY-MM-DD date. */
export function dayOf(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return Math.round((Date.UTC(y, m - 1, d) - DAY0) / 86_400_000);
}

/** A name key's first UTF-16 unit; -1 for none, -2 when it is a surrogate (a character outside the BMP). */
function firstUnit(key: string): number {
  if (!key.length) return -1;
  const c = key.charCodeAt(0);
  return c >= 0xd800 && c <= 0xdfff ? -2 : c;
}

/** The columns of a page of registry persons (the registry's `personMatchIndex` pages). */
export interface PersonColumns {
  size: number;
  ids: ArrayLike<number>;
  names: readonly string[];
  hashHi: ArrayLike<number>;
  hashLo: ArrayLike<number>;
  birthDays: ArrayLike<number>;
  male: ArrayLike<number>;
  counties: readonly string[];
  countyOf: ArrayLike<number>;
  townships: readonly string[];
  townshipOf: ArrayLike<number>;
}

/**
 * The registry side packed for matching (about 60 bytes a person), typed arrays a worker thread can take
 * over without copying: person i is `ids[i]`, with name key `nameKeys[i]` (whose first two UTF-16 units are
 * `name0[i]`/`name1[i]`, see firstUnit), born on day `birthDays[i]`, male when `male[i]` is 1, living in
 * `townships[townshipOf[i]]` of `counties[countyOf[i]]`. With two look-ups: `slots`, an open-addressing
 * table on the first 64 bits of the ID hash (`hashHi`/`hashLo`; a collision among a million persons is
 * ~3·10⁻⁸ likely, and a hit still needs the name), and `byDay`, the persons sorted by birth day (those born
 * on day `dayFirst + k` are `byDay[dayStart[k] .. dayStart[k + 1]]`).
 */
export interface PackedPersons {
  size: number;
  ids: Float64Array;
  nameKeys: string[];
  name0: Int32Array;
  name1: Int32Array;
  hashHi: Uint32Array;
  hashLo: Uint32Array;
  birthDays: Int32Array;
  male: Uint8Array;
  counties: string[];
  countyOf: Uint32Array;
  townships: string[];
  townshipOf: Uint32Array;
  slots: Int32Array;
  dayFirst: number;
  dayStart: Int32Array;
  byDay: Int32Array;
}

/**
 * Pack the registry's pages (in the order given) for a PersonIndex: the name keys and both look-ups are
 * made here, so that the thread reading the registry can do it while the matching thread prepares rows.
 */
export function packPersons(pages: readonly PersonColumns[]): PackedPersons {
  let n = 0;
  for (const c of pages) n += c.size;
  const ids = new Float64Array(n);
  const nameKeys = new Array<string>(n);
  const name0 = new Int32Array(n);
  const name1 = new Int32Array(n);
  const hashHi = new Uint32Array(n);
  const hashLo = new Uint32Array(n);
  const birthDays = new Int32Array(n);
  const male = new Uint8Array(n);
  const countyOf = new Uint32Array(n);
  const townshipOf = new Uint32Array(n);
  const counties = new Map<string, number>();
  const townships = new Map<string, number>();
  const code = (map: Map<string, number>, s: string) => {
    let k = map.get(s);
    if (k === undefined) map.set(s, (k = map.size));
    return k;
  };
  let i = 0;
  for (const c of pages) {
    const cOf = Array.from(c.counties, (s) => code(counties, s));
    const tOf = Array.from(c.townships, (s) => code(townships, s));
    for (let j = 0; j < c.size; j++, i++) {
      ids[i] = c.ids[j]!;
      const key = nameKeyFast(c.names[j]!);
      nameKeys[i] = key;
      name0[i] = firstUnit(key);
      name1[i] = key.length > 1 ? key.charCodeAt(1) : -1;
      hashHi[i] = c.hashHi[j]! >>> 0;
      hashLo[i] = c.hashLo[j]! >>> 0;
      birthDays[i] = c.birthDays[j]!;
      male[i] = c.male[j] ? 1 : 0;
      countyOf[i] = cOf[c.countyOf[j]!]!;
      townshipOf[i] = tOf[c.townshipOf[j]!]!;
    }
  }
  // The hash table.
  let cap = 16;
  while (cap < n * 2) cap *= 2;
  const slots = new Int32Array(cap);
  const mask = cap - 1;
  for (let k = 0; k < n; k++) {
    let s = hashLo[k]! & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = k + 1;
  }
  // The persons by birth day (a counting sort, stable).
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < n; k++) {
    const d = birthDays[k]!;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  if (!n) lo = hi = 0;
  const dayStart = new Int32Array(hi - lo + 2);
  for (let k = 0; k < n; k++) dayStart[birthDays[k]! - lo + 1]!++;
  for (let k = 1; k < dayStart.length; k++) dayStart[k]! += dayStart[k - 1]!;
  const at = dayStart.slice(0, -1);
  const byDay = new Int32Array(n);
  for (let k = 0; k < n; k++) byDay[at[birthDays[k]! - lo]!++] = k;
  return {
    size: n,
    ids,
    nameKeys,
    name0,
    name1,
    hashHi,
    hashLo,
    birthDays,
    male,
    counties: [...counties.keys()],
    countyOf,
    townships: [...townships.keys()],
    townshipOf,
    slots,
    dayFirst: lo,
    dayStart,
    byDay,
  };
}

/**
 * The registry side, in memory, packed (PackedPersons): given packed by `load`, or gathered with `add` /
 * `addColumns` and packed on the first decision. The name-key look-up is built only if a row needs it.
 */
export class PersonIndex {
  #p: PackedPersons | null = null;
  /** Every page added (packed again on the next decision after an addition). */
  #pages: PersonColumns[] = [];
  #dirty = false;
  #byName: Map<string, number | number[]> | null = null;
  #byPersonId: Map<number, number> | null = null;

  get size(): number {
    if (!this.#dirty) return this.#p?.size ?? 0;
    let n = 0;
    for (const c of this.#pages) n += c.size;
    return n;
  }

  /** Take a packed registry (replacing any persons held). */
  load(packed: PackedPersons): void {
    this.#p = packed;
    this.#pages = [];
    this.#dirty = false;
    this.#byName = null;
    this.#byPersonId = null;
  }

  add(p: {
    id: number;
    county: string;
    name: string;
    idHashHex: string;
    birthDate: string;
    sex: 'male' | 'female';
    township: string;
  }): void {
    this.addColumns({
      size: 1,
      ids: [p.id],
      names: [p.name],
      hashHi: [parseInt(p.idHashHex.slice(0, 8), 16)],
      hashLo: [parseInt(p.idHashHex.slice(8, 16), 16)],
      birthDays: [dayOf(p.birthDate)],
      male: [p.sex === 'male' ? 1 : 0],
      counties: [p.county],
      countyOf: [0],
      townships: [p.township],
      townshipOf: [0],
    });
  }

  /** Every person of a page (see PersonColumns). */
  addColumns(c: PersonColumns): void {
    if (this.#p && !this.#dirty && !this.#pages.length) throw new Error('persons added to a loaded index');
    this.#pages.push(c);
    this.#dirty = true;
    this.#byName = null;
    this.#byPersonId = null;
  }

  #packed(): PackedPersons {
    if (this.#dirty || !this.#p) {
      this.#p = packPersons(this.#pages);
      this.#dirty = false;
    }
    return this.#p;
  }

  #names(): Map<string, number | number[]> {
    const map = new Map<string, number | number[]>();
    this.#packed().nameKeys.forEach((key, i) => {
      const b = map.get(key);
      if (b === undefined) map.set(key, i);
      else if (typeof b === 'number') map.set(key, [b, i]);
      else b.push(i);
    });
    return (this.#byName = map);
  }

  indexOfPerson(personId: number): number {
    if (!this.#byPersonId) this.#byPersonId = new Map(Array.from(this.#packed().ids, (id, i) => [id, i]));
    return this.#byPersonId.get(personId) ?? -1;
  }

  /** Persons whose ID hash begins with these 64 bits. */
  byHash(hi: number, lo: number): number[] {
    const { slots, hashHi, hashLo } = this.#packed();
    const mask = slots.length - 1;
    const out: number[] = [];
    for (let s = lo & mask; slots[s] !== 0; s = (s + 1) & mask) {
      const i = slots[s]! - 1;
      if (hashLo[i] === lo >>> 0 && hashHi[i] === hi >>> 0) out.push(i);
    }
    return out;
  }

  byIdHash(hex: string): number[] {
    return this.byHash(parseInt(hex.slice(0, 8), 16), parseInt(hex.slice(8, 16), 16));
  }

  #lastBirth = '';
  #lastDay = 0;
  #day(iso: string): number {
    if (iso !== this.#lastBirth) {
      this.#lastBirth = iso;
      this.#lastDay = dayOf(iso);
    }
    return this.#lastDay;
  }

  /** Score one registry person (by index) against a row; null when not plausible without an ID hit. */
  score(i: number, row: ListPersonRow, birth: string | null, birthFromDamagedId: boolean, idHit: boolean) {
    const p = this.#packed();
    const reasons: Reason[] = [];
    let score = 0;
    if (idHit) {
      score += 50;
      reasons.push(row.id.kind === 'valid' && row.id.convertedFrom15 ? 'id-converted-15' : 'id');
    }
    const names = compareNames(row.nameKey, p.nameKeys[i]!);
    if (!row.nameKey) reasons.push('name-missing');
    else if (names === 'same') {
      score += 40;
      reasons.push('name-same');
    } else if (names === 'close') {
      score += 20;
      reasons.push('name-close');
    } else reasons.push('name-differs');
    let birthAgrees: boolean | null = null;
    if (birth) {
      birthAgrees = this.#day(birth) === p.birthDays[i];
      if (birthAgrees) {
        score += birthFromDamagedId ? 20 : 30;
        reasons.push(birthFromDamagedId ? 'birth-from-damaged-id' : 'birth-same');
      } else {
        score -= 30;
        reasons.push('birth-differs');
      }
    }
    let townshipAgrees: boolean | null = null;
    if (row.township) {
      townshipAgrees = row.township === p.townships[p.townshipOf[i]!];
      score += townshipAgrees ? 10 : -10;
      reasons.push(townshipAgrees ? 'township-same' : 'township-differs');
    }
    const sex = row.sex ?? (row.id.kind === 'valid' ? row.id.sex : null);
    if (sex) {
      const same = sex === (p.male[i] ? 'male' : 'female');
      score += same ? 5 : -10;
      reasons.push(same ? 'sex-same' : 'sex-differs');
    }
    if (!idHit) {
      // Without the ID number: the same name with nothing against it and something for it, or a
      // close name born on the same day.
      const plausible =
        (names === 'same' &&
          birthAgrees !== false &&
          (birthAgrees === true || townshipAgrees === true || (birth === null && row.township === null))) ||
        (names === 'close' && birthAgrees === true);
      if (!plausible) return null;
    }
    return { score: Math.max(0, Math.min(100, score)), reasons, names, birthAgrees };
  }

  /**
   * Decide one row. `pairs` are earlier reviewers' decisions for this row's subject (its ID hash, or
   * its name/birth/township key when it has no valid number).
   */
  decide(row: ListPersonRow, pairs?: PairDecisions): MatchDecision {
    const p = this.#packed();
    const dismissed = pairs?.dismissed;
    const birthCol = row.birthDate;
    const birthFromId = row.id.kind === 'valid' ? row.id.birthDate : null;
    const hint = row.id.kind === 'invalid' ? row.id.birthDateHint : null;
    const birth = birthFromId ?? birthCol ?? hint;
    const birthFromDamagedId = birthFromId === null && birthCol === null && hint !== null;
    const base: Reason[] = [];
    if (row.id.kind === 'missing') base.push('id-missing');
    if (row.id.kind === 'invalid') base.push('id-invalid');

    // 1. The ID number.
    let hits: number[] = [];
    if (row.id.kind === 'valid') {
      if (row.idHashHi !== undefined && row.idHashLo !== undefined)
        hits = this.byHash(row.idHashHi, row.idHashLo);
      else if (row.idHashHex) hits = this.byIdHash(row.idHashHex);
    }
    const liveHits = dismissed?.size ? hits.filter((i) => !dismissed.has(p.ids[i]!)) : hits;
    if (pairs?.confirmed != null) {
      const i = this.indexOfPerson(pairs.confirmed);
      if (i >= 0)
        return {
          status: 'matched',
          personId: p.ids[i]!,
          county: p.counties[p.countyOf[i]!]!,
          score: 100,
          reasons: ['confirmed-earlier'],
          candidates: [],
        };
    }
    // Certain: the number is theirs, the name is the same, and a birth date column does not disagree.
    const columnAgrees = !(birthCol !== null && birthFromId !== null && birthCol !== birthFromId);
    if (liveHits.length === 1) {
      // The common case, without the general path's collections: one person has the number and is certain.
      const i = liveHits[0]!;
      const s = this.score(i, row, birthCol ?? birthFromId, false, true)!;
      if (s.names === 'same' && columnAgrees && s.birthAgrees !== false)
        return {
          status: 'matched',
          personId: p.ids[i]!,
          county: p.counties[p.countyOf[i]!]!,
          score: 100,
          reasons: s.reasons,
          candidates: [],
        };
    }
    const found = new Map<number, CandidateScore & { strong: boolean }>();
    for (const i of liveHits) {
      const s = this.score(i, row, birthCol ?? birthFromId, false, true)!;
      const certain = s.names === 'same' && columnAgrees && s.birthAgrees !== false;
      found.set(i, {
        personId: p.ids[i]!,
        county: p.counties[p.countyOf[i]!]!,
        score: s.score,
        reasons: s.reasons,
        strong: certain,
      });
    }
    if (hits.length && !liveHits.length) base.push('dismissed-earlier');
    if (row.id.kind === 'valid' && !hits.length) base.push('id-not-found');
    const strong = [...found.values()].filter((c) => c.strong);
    if (strong.length === 1 && found.size === 1) {
      const c = strong[0]!;
      return {
        status: 'matched',
        personId: c.personId,
        county: c.county,
        score: 100,
        reasons: c.reasons,
        candidates: [],
      };
    }

    // 2. Candidates by name, birth date and township.
    let tooMany = false;
    const r0 = firstUnit(row.nameKey);
    const r1 = row.nameKey.length > 1 ? row.nameKey.charCodeAt(1) : -1;
    const consider = (i: number) => {
      if (found.has(i) || dismissed?.has(p.ids[i]!)) return;
      // Without an ID hit only the same or a close name can be plausible (see score): cheap tests first.
      // Names one edit apart share their first or second character, in place or shifted by one.
      const b0 = p.name0[i]!;
      const b1 = p.name1[i]!;
      // (Not when either name begins with a character outside the BMP: its two units are one character.)
      if (b0 !== r0 && b1 !== r1 && b1 !== r0 && b0 !== r1 && b0 !== -2 && r0 !== -2) return;
      if (compareNames(row.nameKey, p.nameKeys[i]!) === 'different') return;
      const s = this.score(i, row, birth, birthFromDamagedId, false);
      if (s)
        found.set(i, {
          personId: p.ids[i]!,
          county: p.counties[p.countyOf[i]!]!,
          score: s.score,
          reasons: s.reasons,
          strong: false,
        });
    };
    if (row.nameKey) {
      if (birth) {
        const start = p.dayStart;
        const k = dayOf(birth) - p.dayFirst;
        if (k >= 0 && k < start.length - 1) {
          const order = p.byDay;
          for (let j = start[k]!; j < start[k + 1]!; j++) consider(order[j]!);
        }
      } else {
        const block = (this.#byName ?? this.#names()).get(row.nameKey);
        const each = (fn: (i: number) => void) => {
          if (typeof block === 'number') fn(block);
          else if (block) for (const i of block) fn(i);
        };
        const size = block === undefined ? 0 : typeof block === 'number' ? 1 : block.length;
        if (row.township) each((i) => p.townships[p.townshipOf[i]!] === row.township && consider(i));
        else if (size <= MAX_CANDIDATES) each(consider);
        else tooMany = true;
      }
    }
    const all = [...found.values()].sort((a, b) => b.score - a.score || a.personId - b.personId);
    const noMatchStatus: MatchStatus =
      row.id.kind === 'invalid' || (!row.nameKey && row.id.kind !== 'valid') ? 'invalid' : 'unmatched';
    if (!row.nameKey && row.id.kind !== 'valid')
      return {
        status: 'invalid',
        personId: null,
        county: null,
        score: 0,
        reasons: [...base, 'name-missing'],
        candidates: [],
      };
    if (all.length === 0 || all.length > MAX_CANDIDATES) {
      if (all.length > MAX_CANDIDATES || tooMany) base.push('too-many-namesakes');
      return { status: noMatchStatus, personId: null, county: null, score: 0, reasons: base, candidates: [] };
    }
    const candidates = all.map(({ personId, county, score, reasons }) => ({
      personId,
      county,
      score,
      reasons,
    }));
    const best = candidates[0]!;
    return {
      status: 'candidate',
      personId: best.personId,
      county: best.county,
      score: best.score,
      reasons: [...base, ...best.reasons],
      candidates,
    };
  }
}
