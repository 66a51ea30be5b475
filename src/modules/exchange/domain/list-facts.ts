import type { ListKind } from './list-kinds.js';

/**
 * The yes/no fact each department list sets (issue 6, item 4): being on the list on its date means the
 * fact holds from then on; dropping off the next list closes it. The first four feed programmes
 * (政策找人 is judged again for those whose facts changed); the last three only feed the cross-checks.
 */
export const LIST_FACTS: Record<ListKind, { fact: string; feedsProgrammes: boolean }> = {
  'low-income': { fact: 'lowIncomeFamily', feedsProgrammes: true },
  'extreme-poverty': { fact: 'extremePoverty', feedsProgrammes: true },
  'registered-poor': { fact: 'registeredPoor', feedsProgrammes: true },
  disabled: { fact: 'disabled', feedsProgrammes: true },
  insured: { fact: 'insuredEmployee', feedsProgrammes: false },
  deceased: { fact: 'deceased', feedsProgrammes: false },
  'enterprise-register': { fact: 'marketEntityRegistered', feedsProgrammes: false },
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
  const onList = new Set(now);
  const waiting = new Set(pending);
  const limit = only ? new Set(only) : null;
  const present = [...onList].filter((id) => !limit || limit.has(id));
  const absent = [...new Set(previous)].filter(
    (id) => !onList.has(id) && !waiting.has(id) && (!limit || limit.has(id)),
  );
  return { present, absent };
}
