import type { ListKind } from './list-kinds.js';

/**
 * The yes/no fact each department list sets (issue 6, item 4): being on the list on its date means the
 * fact holds from then on; dropping off the next list closes it. The first four feed programmes and
 * the list of deaths takes people out of 政策找人: for those, 政策找人 is judged again for the people whose
 * facts changed; the insured list and the market-entity register only feed the cross-checks.
 */
export const LIST_FACTS: Record<ListKind, { fact: string; refreshesOutreach: boolean }> = {
  'low-income': { fact: 'lowIncomeFamily', refreshesOutreach: true },
  'extreme-poverty': { fact: 'extremePoverty', refreshesOutreach: true },
  'registered-poor': { fact: 'registeredPoor', refreshesOutreach: true },
  disabled: { fact: 'disabled', refreshesOutreach: true },
  insured: { fact: 'insuredEmployee', refreshesOutreach: false },
  deceased: { fact: 'deceased', refreshesOutreach: true },
  'enterprise-register': { fact: 'marketEntityRegistered', refreshesOutreach: false },
};

/**
 * Who the facts change for, from this list's certain matches, the previous list's, and the persons
 * still waiting as candidates on this list (not closed while a reviewer may yet confirm them). With
 * `only`, just those subjects (after a review).
 */
export function planListFacts(
  now: Iterable<number>,
  previous: Iterable<number>,
  pending: Iterable<number>,
  only?: Iterable<number>,
): { present: number[]; absent: number[] } {
  // With `only` (a review: one subject), the lists are narrowed first, not made into sets of a million.
  const limit = only ? new Set(only) : null;
  const narrow = (ids: Iterable<number>): Iterable<number> => {
    if (!limit) return ids;
    const out: number[] = [];
    for (const id of ids) if (limit.has(id)) out.push(id);
    return out;
  };
  const onList = new Set(narrow(now));
  const waiting = new Set(narrow(pending));
  const present = [...onList];
  const absent = [...new Set(narrow(previous))].filter((id) => !onList.has(id) && !waiting.has(id));
  return { present, absent };
}
