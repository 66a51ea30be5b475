/**
 * Matching a department's person list against the registry, in memory (docs/decisions/0020).
 *
 * The registry's match index (keyed hash of the ID number, name, birth date, sex, township of every
 * person in scope) is held here once per import, with three look-ups: the ID hash; the birth date (a
 * block of a few dozen persons among a million, compared by name); the name key (for rows that carry
 * neither a usable ID nor a birth date). Decisions are pure: same inputs, same answer.
 */
import type { IdCell } from './id-cell.js';
import { compareNames, nameKey } from './names.js';

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
function dayOf(iso: string): number {
  return Math.round((Date.parse(iso + 'T00:00:00Z') - DAY0) / 86_400_000);
}

type Block = number | number[];
function addTo(map: Map<number | string, Block>, key: number | string, i: number): void {
  const b = map.get(key);
  if (b === undefined) map.set(key, i);
  else if (typeof b === 'number') map.set(key, [b, i]);
  else b.push(i);
}
function each(b: Block | undefined, fn: (i: number) => void): void {
  if (b === undefined) return;
  if (typeof b === 'number') fn(b);
  else for (const i of b) fn(i);
}
function size(b: Block | undefined): number {
  return b === undefined ? 0 : typeof b === 'number' ? 1 : b.length;
}

/** The registry side, in memory: about 100 bytes a person. */
export class PersonIndex {
  readonly ids: number[] = [];
  readonly counties: string[] = [];
  readonly names: string[] = [];
  readonly birthDays: number[] = [];
  readonly birthDates: string[] = [];
  readonly sexes: ('male' | 'female')[] = [];
  readonly townships: string[] = [];
  /** First 16 hex digits (64 bits) of the ID hash → person; a collision among a million is ~3·10⁻⁸ likely. */
  readonly #byId = new Map<string, Block>();
  readonly #byBirth = new Map<number, Block>();
  readonly #byName = new Map<string, Block>();

  get size(): number {
    return this.ids.length;
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
    const i = this.ids.length;
    const key = nameKey(p.name);
    this.ids.push(p.id);
    this.counties.push(p.county);
    this.names.push(key);
    const day = dayOf(p.birthDate);
    this.birthDays.push(day);
    this.birthDates.push(p.birthDate);
    this.sexes.push(p.sex);
    this.townships.push(p.township);
    addTo(this.#byId, p.idHashHex.slice(0, 16), i);
    addTo(this.#byBirth, day, i);
    addTo(this.#byName, key, i);
  }

  #byPersonId: Map<number, number> | null = null;
  indexOfPerson(personId: number): number {
    if (!this.#byPersonId) this.#byPersonId = new Map(this.ids.map((id, i) => [id, i]));
    return this.#byPersonId.get(personId) ?? -1;
  }

  byIdHash(hex: string): number[] {
    const out: number[] = [];
    each(this.#byId.get(hex.slice(0, 16)), (i) => out.push(i));
    return out;
  }

  /** Score one registry person (by index) against a row; null when not plausible without an ID hit. */
  score(i: number, row: ListPersonRow, birth: string | null, birthFromDamagedId: boolean, idHit: boolean) {
    const reasons: Reason[] = [];
    let score = 0;
    if (idHit) {
      score += 50;
      reasons.push(row.id.kind === 'valid' && row.id.convertedFrom15 ? 'id-converted-15' : 'id');
    }
    const names = compareNames(row.nameKey, this.names[i]!);
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
      birthAgrees = birth === this.birthDates[i];
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
      townshipAgrees = row.township === this.townships[i];
      score += townshipAgrees ? 10 : -10;
      reasons.push(townshipAgrees ? 'township-same' : 'township-differs');
    }
    const sex = row.sex ?? (row.id.kind === 'valid' ? row.id.sex : null);
    if (sex) {
      const same = sex === this.sexes[i];
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
    if (row.id.kind === 'valid' && row.idHashHex) hits = this.byIdHash(row.idHashHex);
    const liveHits = hits.filter((i) => !dismissed?.has(this.ids[i]!));
    if (pairs?.confirmed != null) {
      const i = this.indexOfPerson(pairs.confirmed);
      if (i >= 0)
        return {
          status: 'matched',
          personId: this.ids[i]!,
          county: this.counties[i]!,
          score: 100,
          reasons: ['confirmed-earlier'],
          candidates: [],
        };
    }
    const found = new Map<number, CandidateScore & { strong: boolean }>();
    for (const i of liveHits) {
      const s = this.score(i, row, birthCol ?? birthFromId, false, true)!;
      // Certain: the number is theirs, the name is the same, and a birth date column does not disagree.
      const certain =
        s.names === 'same' &&
        !(birthCol !== null && birthFromId !== null && birthCol !== birthFromId) &&
        s.birthAgrees !== false;
      found.set(i, {
        personId: this.ids[i]!,
        county: this.counties[i]!,
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
    const consider = (i: number) => {
      if (found.has(i) || dismissed?.has(this.ids[i]!)) return;
      const s = this.score(i, row, birth, birthFromDamagedId, false);
      if (s)
        found.set(i, {
          personId: this.ids[i]!,
          county: this.counties[i]!,
          score: s.score,
          reasons: s.reasons,
          strong: false,
        });
    };
    if (row.nameKey) {
      if (birth) each(this.#byBirth.get(dayOf(birth)), consider);
      else {
        const block = this.#byName.get(row.nameKey);
        if (row.township) each(block, (i) => this.townships[i] === row.township && consider(i));
        else if (size(block) <= MAX_CANDIDATES) each(block, consider);
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
