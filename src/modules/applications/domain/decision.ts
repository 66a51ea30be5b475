import { canonicalJson } from '../../../shared/json/canonical-json.js';
import type { ProgrammeResult } from '../../rules/index.js';

/** A fact's origin, as the application keeps it beside the decision. */
export interface FactOrigin {
  kind: string;
  ref: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

/**
 * The engine's decision frozen into an application: the pack version, the day judged, the facts used
 * (identity numbers masked) with where each came from, and the result with its reasons.
 */
export interface FrozenDecision {
  pack: string;
  date: string;
  eligible: boolean | null;
  amount: number;
  components: ProgrammeResult['components'];
  reasons: ProgrammeResult['reasons'];
  missing: string[];
  legalBasis: string;
  fund: string | null;
  /** The amount rests on a placeholder (*to be set*): shown as 暂定, never approved for payment. */
  provisional?: boolean;
  /** 不计入低保家庭收入 (一(三), 一(五)): kept with the decision for the lists sent to civil affairs. */
  excludedFromMeansTest?: boolean;
  facts: Record<string, unknown>;
  sources: Record<string, FactOrigin>;
  /** Declared facts the registry holds otherwise: the registry's value was used. */
  conflicts: Array<{ fact: string; declared: unknown; registry: unknown }>;
}

/** Mask every identity number inside a fact tree (an intern's, a labourer's) before it is kept. */
export function maskIdentity(value: unknown, mask: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => maskIdentity(v, mask));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === 'idNumber' && typeof v === 'string' ? mask(v) : maskIdentity(v, mask),
    ]),
  );
}

/** What changed between the decision submitted and the one at final approval, in words for the approver. */
export function decisionDifferences(
  before: FrozenDecision,
  after: FrozenDecision,
): Array<{ what: string; before: unknown; after: unknown }> {
  const out: Array<{ what: string; before: unknown; after: unknown }> = [];
  if (before.eligible !== after.eligible)
    out.push({ what: 'eligible', before: before.eligible, after: after.eligible });
  if (before.amount !== after.amount)
    out.push({ what: 'amount', before: before.amount, after: after.amount });
  if (before.pack !== after.pack) out.push({ what: 'pack', before: before.pack, after: after.pack });
  const comps = new Set([...before.components, ...after.components].map((c) => c.id));
  for (const id of comps) {
    const a = before.components.find((c) => c.id === id)?.amount ?? null;
    const b = after.components.find((c) => c.id === id)?.amount ?? null;
    if (a !== b) out.push({ what: `component:${id}`, before: a, after: b });
  }
  for (const name of new Set([...Object.keys(before.facts), ...Object.keys(after.facts)])) {
    if (name === 'history') continue;
    if (canonicalJson(before.facts[name] ?? null) !== canonicalJson(after.facts[name] ?? null))
      out.push({
        what: `fact:${name}`,
        before: before.facts[name] ?? null,
        after: after.facts[name] ?? null,
      });
  }
  return out;
}

/** Yuan (as the engine gives them) to fen, exactly. */
export function toFen(yuan: number): number {
  return Math.round(yuan * 100);
}
