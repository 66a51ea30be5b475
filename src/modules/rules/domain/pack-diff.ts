import { canonicalJson } from '../../../shared/json/canonical-json.js';
import type { PackSources } from './compile-pack.js';

export interface PackDiff {
  from: string;
  to: string;
  parameters: { id: string; change: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown }[];
  programmes: { id: string; change: 'added' | 'removed' | 'changed'; parts?: string[] }[];
  cases: { before: number; after: number };
}

const label = (s: PackSources) => `${s.meta.id}@${s.meta.version}`;

/** What a new pack version changes against another: parameter values, programme rules and texts, cases. */
export function diffPacks(before: PackSources, after: PackSources): PackDiff {
  const params = (s: PackSources) => new Map(s.parameters.map((p) => [p.id, p]));
  const pb = params(before);
  const pa = params(after);
  const parameters: PackDiff['parameters'] = [];
  for (const [id, p] of pa) {
    const old = pb.get(id);
    if (!old) parameters.push({ id, change: 'added', after: p.values });
    else if (canonicalJson(old) !== canonicalJson(p))
      parameters.push({ id, change: 'changed', before: old.values, after: p.values });
  }
  for (const [id, p] of pb) if (!pa.has(id)) parameters.push({ id, change: 'removed', before: p.values });
  const progs = (s: PackSources) => new Map(s.programmes.map((p) => [p.id, p]));
  const gb = progs(before);
  const ga = progs(after);
  const programmes: PackDiff['programmes'] = [];
  for (const [id, p] of ga) {
    const old = gb.get(id);
    if (!old) {
      programmes.push({ id, change: 'added' });
      continue;
    }
    const parts = (Object.keys({ ...old, ...p }) as (keyof typeof p)[]).filter(
      (k) => canonicalJson(old[k]) !== canonicalJson(p[k]),
    );
    if (parts.length) programmes.push({ id, change: 'changed', parts });
  }
  for (const id of gb.keys()) if (!ga.has(id)) programmes.push({ id, change: 'removed' });
  const count = (s: PackSources) => s.cases.reduce((n, c) => n + c.cases.length, 0);
  return {
    from: label(before),
    to: label(after),
    parameters,
    programmes,
    cases: { before: count(before), after: count(after) },
  };
}
