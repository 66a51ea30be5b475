import { covers, requirePermission, type Actor } from '../../access/index.js';
import { mapPerson, type PersonView } from '../domain/views.js';
import { decryptPerson, personRepository } from '../infra/person.repository.js';
import type { RegistryContext } from '../registry-context.js';

/**
 * Many persons at once, masked, for a list that names them (政策找人): only those within the actor's
 * jurisdiction are returned; the others are left out as if they did not exist.
 */
export async function personsByIds(
  ctx: RegistryContext,
  actor: Actor,
  ids: readonly number[],
): Promise<Map<number, PersonView>> {
  requirePermission(actor, 'registry.read');
  const out = new Map<number, PersonView>();
  const unique = [...new Set(ids)].slice(0, 1000);
  for (const row of await personRepository.findByIds(ctx.db, unique)) {
    if (!covers(actor, row.residence_division)) continue;
    out.set(Number(row.id), mapPerson(decryptPerson(ctx.cipher, row)));
  }
  return out;
}
