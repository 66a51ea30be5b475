import type { PersonalDataCipher } from '../../../platform/crypto/index.js';
import type { AnyDb } from '../../../platform/db/database.js';
import { maskIdNumber } from '../../../shared/identity/index.js';
import { can, covers, type Actor } from '../../access/index.js';
import { personRepository } from '../infra/person.repository.js';

/**
 * The ID numbers of these persons masked (first 6 and last 4), for a list that names them to staff who
 * may read the registry but not reveal it; persons outside the jurisdiction, and everyone for an actor
 * who may not read the registry, are left out.
 */
export async function maskedIdNumbersOf(
  ctx: { db: AnyDb; cipher: PersonalDataCipher },
  actor: Actor,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!can(actor, 'registry.read')) return out;
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 1000) {
    for (const row of await personRepository.findByIds(ctx.db, unique.slice(i, i + 1000))) {
      if (!covers(actor, row.residence_division)) continue;
      out.set(Number(row.id), maskIdNumber(ctx.cipher.decrypt(row.id_number_enc)));
    }
  }
  return out;
}
