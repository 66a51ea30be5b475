import { requirePermission, type Actor } from '../../access/index.js';
import { getPerson } from '../../registry/index.js';
import { registrationsOfPerson } from '../infra/person-registrations.repository.js';
import type { ServicesContext } from '../services-context.js';
import type { RegistrationView } from './unemployment-registration.js';

/** A person's 失业登记, open and ended, newest first (a person outside the jurisdiction is "not found"). */
export async function listPersonRegistrations(
  ctx: ServicesContext,
  actor: Actor,
  personId: number,
): Promise<RegistrationView[]> {
  requirePermission(actor, 'registry.read');
  const person = await getPerson(ctx, actor, personId);
  return (await registrationsOfPerson(ctx.db, person.county, person.id)).map((r) => ({
    id: Number(r.id),
    personId: Number(r.person_id),
    certificateNumber: r.certificate_number,
    division: r.division,
    registeredOn: r.registered_on,
    channel: r.channel,
    endedOn: r.ended_on,
    endReason: r.end_reason,
  }));
}
