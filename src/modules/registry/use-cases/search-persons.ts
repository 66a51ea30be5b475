import { AppError } from '../../../platform/errors/index.js';
import { normalizeIdNumber, convert15To18 } from '../../../shared/identity/index.js';
import { covers, requirePermission, type Actor } from '../../access/index.js';
import type { PersonSearch } from '../domain/schemas.js';
import { mapPerson, type PersonView } from '../domain/views.js';
import { householdRepository } from '../infra/household.repository.js';
import { decryptPerson, personRepository } from '../infra/person.repository.js';
import type { RegistryContext } from '../registry-context.js';

/**
 * Find people within the actor's jurisdiction: by ID number (exact, through its keyed hash), by name
 * prefix within a division, or by household. Results are masked.
 */
export async function searchPersons(
  ctx: RegistryContext,
  actor: Actor,
  q: PersonSearch,
): Promise<PersonView[]> {
  requirePermission(actor, 'registry.read');
  const limit = q.limit ?? 50;
  const scope = q.division ?? actor.division;
  if (!covers(actor, scope)) return [];
  let rows;
  if (q.idNumber) {
    let normalized = normalizeIdNumber(q.idNumber);
    if (/^\d{15}$/.test(normalized)) normalized = convert15To18(normalized);
    const row = await personRepository.findByIdNumberHash(
      ctx.db,
      ctx.cipher.hash('idNumber', normalized),
      scope,
    );
    rows = row ? [row] : [];
  } else if (q.householdId) {
    rows = await householdRepository.currentMembers(ctx.db, q.householdId, scope);
  } else if (q.name && scope.length >= 6) {
    rows = await personRepository.searchByName(ctx.db, q.name, scope, limit);
  } else {
    throw new AppError('SEARCH_CRITERIA_REQUIRED');
  }
  return rows.slice(0, limit).map((r) => mapPerson(decryptPerson(ctx.cipher, r)));
}
