import type { Parameter, ProgrammeSource } from './pack-schema.js';
import { splitId } from './parameters.js';

/**
 * The parameters a programme uses: those its expressions read as `params.<ns>.<name>` (in any
 * version's `let`, conditions, components or cap) and those its limits name as their maximum.
 */
export function parametersUsedBy(programme: ProgrammeSource, parameters: readonly Parameter[]): string[] {
  const text = JSON.stringify(programme.versions);
  const limitIds = new Set(
    (programme.process?.limits ?? []).map((l) => l.max).filter((m): m is string => typeof m === 'string'),
  );
  return parameters
    .filter((p) => {
      if (limitIds.has(p.id)) return true;
      const [ns, name] = splitId(p.id);
      return new RegExp(`\\bparams\\.${ns}\\.${name}(?![A-Za-z0-9_])`).test(text);
    })
    .map((p) => p.id);
}

export interface DatedValue<V, R> {
  from: string;
  /** The day the next value takes over (exclusive), or null while it is the latest. */
  to: string | null;
  value: V;
  reference: R;
}

/** A parameter's values as periods: each runs from its date until the next value's. */
export function valuePeriods<V, R>(
  values: readonly { from: string; value: V; reference: R }[],
): DatedValue<V, R>[] {
  const sorted = [...values].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return sorted.map((v, i) => ({
    from: v.from,
    to: sorted[i + 1]?.from ?? null,
    value: v.value,
    reference: v.reference,
  }));
}
