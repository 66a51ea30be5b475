import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import { can, type Actor } from '../../access/index.js';
import { enterpriseRepository } from '../infra/enterprise.repository.js';
import type { SubjectRef } from '../infra/fact.repository.js';
import { householdRepository } from '../infra/household.repository.js';
import { loadVisiblePerson } from './get-person.js';

/** Resolve a subject the actor may see (and lock it, for a change); "not found" otherwise. */
export async function loadVisibleSubject(
  db: AnyDb | AnyTrx,
  actor: Actor,
  type: SubjectRef['type'],
  id: number,
  forUpdate = false,
): Promise<SubjectRef & { division: string }> {
  if (type === 'person') {
    const p = await loadVisiblePerson(db, actor, id, forUpdate);
    return { type, county: p.county, id: p.id, division: p.residence_division };
  }
  if (type === 'enterprise') {
    const e = await loadVisibleEnterprise(db, actor, id, forUpdate);
    return { type, county: e.county, id: e.id, division: e.division };
  }
  const h = await loadVisibleHousehold(db, actor, id, forUpdate);
  return { type, county: h.county, id: h.id, division: h.residence_division };
}

/** Households are staff business: a citizen sees their own through their person record. */
export async function loadVisibleHousehold(db: AnyDb | AnyTrx, actor: Actor, id: number, forUpdate = false) {
  if (!can(actor, 'registry.read')) throw new AppError('FORBIDDEN');
  const h = await householdRepository.findById(db, id, actor.division, forUpdate);
  if (!h) throw new AppError('HOUSEHOLD_NOT_FOUND');
  return h;
}

export async function loadVisibleEnterprise(db: AnyDb | AnyTrx, actor: Actor, id: number, forUpdate = false) {
  let row;
  if (actor.role === 'enterprise') {
    row =
      actor.enterprise?.id === id
        ? await enterpriseRepository.findById(db, id, actor.enterprise.county, forUpdate)
        : undefined;
  } else if (can(actor, 'registry.read')) {
    row = await enterpriseRepository.findById(db, id, actor.division, forUpdate);
  } else {
    throw new AppError('FORBIDDEN');
  }
  if (!row) throw new AppError('ENTERPRISE_NOT_FOUND');
  return row;
}
