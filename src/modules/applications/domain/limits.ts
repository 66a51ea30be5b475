import type { ApplicationProcess } from '../../rules/index.js';

/** A fact of the case by its path in the pack (`person.training.catalogItem`). */
export function factAt(facts: Record<string, unknown>, path: string): unknown {
  let cur: unknown = facts;
  for (const part of path.split('.').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export interface LimitClaim {
  limitId: string;
  text: string;
  /** The key in plain (hashed before it is stored: it may hold an ID number). */
  rawKey: string;
  amount: number;
  max: number;
}

/**
 * What an application claims of each limit of its programme: the key (programme or group, limit,
 * subject, year, facts) and the amount (1 application, or a measure such as months).
 */
export function limitClaims(
  process: ApplicationProcess,
  subject: { type: string; county: string; id: number },
  year: number,
  facts: Record<string, unknown>,
  params: Record<string, Record<string, unknown>>,
): LimitClaim[] {
  return process.limits.map((l) => {
    const parts = l.scope.map((s) =>
      s === 'subject'
        ? `${subject.type}:${subject.county}:${subject.id}`
        : s === 'year'
          ? `year:${year}`
          : `${s}=${JSON.stringify(factAt(facts, s) ?? null)}`,
    );
    const max = typeof l.max === 'number' ? l.max : Number(factAt(params, `params.${l.max}`));
    const measured = l.measure === undefined ? 1 : Number(factAt(facts, l.measure));
    return {
      limitId: l.id,
      text: l.text,
      rawKey: [l.group ?? process.programme.id, l.id, ...parts].join('|'),
      amount: Number.isFinite(measured) && measured > 0 ? Math.ceil(measured) : 1,
      max: Number.isFinite(max) && max > 0 ? Math.floor(max) : 1,
    };
  });
}
