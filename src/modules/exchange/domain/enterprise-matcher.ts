/** Matching the market-entity register (市场主体) against the registry's enterprises, by credit code and name. */
import { parseUscc, normalizeUscc } from '../../../shared/identity/index.js';
import { enterpriseNameKey } from './names.js';
import {
  MAX_CANDIDATES,
  type CandidateScore,
  type MatchDecision,
  type PairDecisions,
  type Reason,
} from './person-matcher.js';

export type UsccCell = { kind: 'missing' } | { kind: 'valid'; normalized: string } | { kind: 'invalid' };

export function readUsccCell(raw: string | null | undefined): UsccCell {
  const n = normalizeUscc((raw ?? '').trim());
  if (!n) return { kind: 'missing' };
  const r = parseUscc(n, { checkOrgCode: false });
  return r.ok ? { kind: 'valid', normalized: r.value.normalized } : { kind: 'invalid' };
}

export class EnterpriseIndex {
  readonly ids: number[] = [];
  readonly counties: string[] = [];
  readonly names: string[] = [];
  readonly #byUscc = new Map<string, number>();
  readonly #byName = new Map<string, number[]>();

  add(e: { id: number; county: string; name: string; uscc: string }): void {
    const i = this.ids.length;
    const key = enterpriseNameKey(e.name);
    this.ids.push(e.id);
    this.counties.push(e.county);
    this.names.push(key);
    this.#byUscc.set(e.uscc, i);
    const b = this.#byName.get(key);
    if (b) b.push(i);
    else this.#byName.set(key, [i]);
  }

  decide(row: { nameKey: string; uscc: UsccCell }, pairs?: PairDecisions): MatchDecision {
    const dismissed = pairs?.dismissed;
    if (pairs?.confirmed != null) {
      const i = this.ids.indexOf(pairs.confirmed);
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
    const base: Reason[] = [];
    if (row.uscc.kind === 'missing') base.push('id-missing');
    if (row.uscc.kind === 'invalid') base.push('id-invalid');
    const found = new Map<number, CandidateScore>();
    if (row.uscc.kind === 'valid') {
      const i = this.#byUscc.get(row.uscc.normalized);
      if (i === undefined) base.push('id-not-found');
      else if (dismissed?.has(this.ids[i]!)) base.push('dismissed-earlier');
      else {
        const same = !!row.nameKey && row.nameKey === this.names[i];
        const c = {
          personId: this.ids[i]!,
          county: this.counties[i]!,
          score: same ? 100 : 50,
          reasons: ['id', same ? 'name-same' : row.nameKey ? 'name-differs' : 'name-missing'] as Reason[],
        };
        if (same)
          return {
            status: 'matched',
            personId: c.personId,
            county: c.county,
            score: 100,
            reasons: c.reasons,
            candidates: [],
          };
        found.set(i, c);
      }
    }
    for (const i of this.#byName.get(row.nameKey) ?? []) {
      if (found.has(i) || dismissed?.has(this.ids[i]!)) continue;
      found.set(i, { personId: this.ids[i]!, county: this.counties[i]!, score: 40, reasons: ['name-same'] });
    }
    const all = [...found.values()].sort((a, b) => b.score - a.score || a.personId - b.personId);
    if (!row.nameKey && row.uscc.kind !== 'valid')
      return {
        status: 'invalid',
        personId: null,
        county: null,
        score: 0,
        reasons: [...base, 'name-missing'],
        candidates: [],
      };
    if (!all.length || all.length > MAX_CANDIDATES)
      return {
        status: row.uscc.kind === 'invalid' ? 'invalid' : 'unmatched',
        personId: null,
        county: null,
        score: 0,
        reasons: base,
        candidates: [],
      };
    const best = all[0]!;
    return {
      status: 'candidate',
      personId: best.personId,
      county: best.county,
      score: best.score,
      reasons: [...base, ...best.reasons],
      candidates: all,
    };
  }
}
