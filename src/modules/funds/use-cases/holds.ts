import { sql } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import { recordAudit, type Actor } from '../../access/index.js';

/**
 * Payment holds (issue 6): while a hold on an application is in force, its payment items are not put
 * into a payment batch, and an item already in a batch is not paid from it (its line fails with the
 * hold's reason and the item is unpaid again, for a later batch). Another module asks for a hold in its
 * own transaction and releases it when a person has decided; nothing is cancelled or recovered here.
 */
export async function placeHold(
  trx: AnyTrx,
  actor: Actor,
  hold: { county: string; applicationId: number; ref: string; reason: string },
): Promise<boolean> {
  const r = await sql`
    INSERT INTO fund_holds (county, application_id, ref, reason, placed_by)
    VALUES (${hold.county}, ${hold.applicationId}, ${hold.ref}, ${hold.reason.slice(0, 200)}, ${actor.username})
    ON CONFLICT (county, ref) DO NOTHING`.execute(trx);
  const placed = Number(r.numAffectedRows ?? 0) > 0;
  if (placed)
    await recordAudit(trx, actor, {
      action: 'payment.hold',
      entityType: 'application',
      entityId: hold.applicationId,
      details: { ref: hold.ref, reason: hold.reason },
    });
  return placed;
}

/** Release a hold (by the reference it was placed under); true when one was in force. */
export async function releaseHold(
  trx: AnyTrx,
  actor: Actor,
  hold: { county: string; ref: string },
): Promise<boolean> {
  const r = await sql<{ application_id: number }>`
    UPDATE fund_holds SET released_at = now(), released_by = ${actor.username}
     WHERE county = ${hold.county} AND ref = ${hold.ref} AND released_at IS NULL
    RETURNING application_id`.execute(trx);
  const row = r.rows[0];
  if (row)
    await recordAudit(trx, actor, {
      action: 'payment.hold.release',
      entityType: 'application',
      entityId: Number(row.application_id),
      details: { ref: hold.ref },
    });
  return !!row;
}

/** Of these applications, those with money still to pay (an item pending, unpaid or in a batch). */
export async function applicationsWithMoneyToPay(
  db: AnyDb | AnyTrx,
  county: string,
  applicationIds: readonly number[],
): Promise<Set<number>> {
  const out = new Set<number>();
  const ids = [...new Set(applicationIds)];
  for (let i = 0; i < ids.length; i += 10_000) {
    const r = await sql<{ application_id: number }>`
      SELECT DISTINCT application_id FROM fund_commitments
       WHERE county = ${county} AND application_id = ANY(${ids.slice(i, i + 10_000)}::bigint[])
         AND status IN ('pending', 'unpaid', 'batched', 'sent')`.execute(db);
    for (const x of r.rows) out.add(Number(x.application_id));
  }
  return out;
}

/** The holds in force on these applications (application id → reasons). */
export async function holdsOn(
  db: AnyDb | AnyTrx,
  county: string,
  applicationIds: readonly number[],
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  const ids = [...new Set(applicationIds)];
  if (!ids.length) return out;
  const r = await sql<{ application_id: number; reason: string }>`
    SELECT application_id, reason FROM fund_holds
     WHERE county = ${county} AND application_id = ANY(${ids}::bigint[]) AND released_at IS NULL
     ORDER BY id`.execute(db);
  for (const x of r.rows) {
    const id = Number(x.application_id);
    out.set(id, [...(out.get(id) ?? []), x.reason]);
  }
  return out;
}
