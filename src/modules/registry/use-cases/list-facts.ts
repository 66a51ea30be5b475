import { todayInChina } from '../../../shared/dates/calendar-date.js';
import type { Actor } from '../../access/index.js';
import { mapFact, type FactView } from '../domain/fact-view.js';
import { factRepository, type SubjectRef } from '../infra/fact.repository.js';
import { householdRepository } from '../infra/household.repository.js';
import type { RegistryContext } from '../registry-context.js';
import { loadVisibleSubject } from './load-subject.js';

/**
 * What we knew about a subject: the facts in force on `asOf` (default today), each with its source
 * and period; for a person, the facts of the household they belonged to on that day are included and
 * marked `via`. With `history`, every current row of every period instead.
 */
export async function listFacts(
  ctx: RegistryContext,
  actor: Actor,
  subject: { type: SubjectRef['type']; id: number },
  opts: { asOf?: string | undefined; history?: boolean | undefined } = {},
): Promise<FactView[]> {
  const s = await loadVisibleSubject(ctx.db, actor, subject.type, subject.id);
  const asOf = opts.history ? null : (opts.asOf ?? todayInChina());
  const own = (await factRepository.forSubjects(ctx.db, s.type, s.county, [s.id], asOf)).map((r) =>
    mapFact(r),
  );
  if (s.type !== 'person' || asOf === null) return own;
  const membership = await householdRepository.membershipOf(ctx.db, s.county, s.id, asOf);
  if (!membership) return own;
  const inherited = await factRepository.forSubjects(
    ctx.db,
    'household',
    s.county,
    [membership.household_id],
    asOf,
  );
  const ownNames = new Set(own.map((f) => f.name));
  return [
    ...own,
    ...inherited
      .filter((r) => !ownNames.has(r.name))
      .map((r) => mapFact(r, { household: membership.household_id })),
  ];
}
