import { AppError } from '../../../platform/errors/index.js';
import { can, recordAudit, requirePermission, type Actor } from '../../access/index.js';
import type { Reveal } from '../domain/schemas.js';
import { mapPerson, type PersonView, type RevealField } from '../domain/views.js';
import { decryptPerson, personRepository, type PersonRow } from '../infra/person.repository.js';
import type { RegistryContext } from '../registry-context.js';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';

/**
 * Load a person the actor may see: staff within their jurisdiction, a citizen only themself.
 * Anything else is "not found", never "forbidden", so a record's existence does not leak.
 */
export async function loadVisiblePerson(
  db: AnyDb | AnyTrx,
  actor: Actor,
  id: number,
  forUpdate = false,
): Promise<PersonRow> {
  let row: PersonRow | undefined;
  if (actor.role === 'citizen') {
    row =
      actor.person?.id === id
        ? await personRepository.findById(db, id, actor.person.county, forUpdate)
        : undefined;
  } else if (can(actor, 'registry.read')) {
    row = await personRepository.findById(db, id, actor.division, forUpdate);
  } else {
    throw new AppError('FORBIDDEN');
  }
  if (!row) throw new AppError('PERSON_NOT_FOUND');
  return row;
}

/** A person, masked. */
export async function getPerson(ctx: RegistryContext, actor: Actor, id: number): Promise<PersonView> {
  return mapPerson(decryptPerson(ctx.cipher, await loadVisiblePerson(ctx.db, actor, id)));
}

/**
 * A person with some fields unmasked. Staff need the reveal permission and give a reason; a citizen
 * may reveal their own record. Every reveal is written to the audit trail with its reason.
 */
export async function revealPerson(
  ctx: RegistryContext,
  actor: Actor,
  id: number,
  input: Reveal,
): Promise<PersonView> {
  if (actor.role !== 'citizen') requirePermission(actor, 'registry.reveal');
  const row = await loadVisiblePerson(ctx.db, actor, id);
  const fields = [...new Set(input.fields)] as RevealField[];
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'person.reveal',
      entityType: 'person',
      entityId: id,
      details: { fields, reason: input.reason },
    }),
  );
  return mapPerson(decryptPerson(ctx.cipher, row), fields);
}
