import { z } from 'zod';
import type { Kysely, Selectable } from 'kysely';
import type { AnyDb } from '../../../platform/db/database.js';
import { requirePermission, type Actor } from '../domain/actor.js';
import type { AccessTables } from '../infra/tables.js';

export interface AuditQuery {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  actorUsername?: string | undefined;
  before?: number | undefined;
  limit?: number | undefined;
}

export const AuditRecordViewSchema = z.object({
  chain: z.string(),
  seq: z.number(),
  at: z.string(),
  actor: z.object({ id: z.number().nullable(), username: z.string(), role: z.string() }),
  channel: z.string(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  details: z.unknown(),
});
export type AuditRecordView = z.infer<typeof AuditRecordViewSchema>;

/** An audit record as the API shows it. */
export function mapAuditRecord(r: Selectable<AccessTables['audit_log']>): AuditRecordView {
  return {
    chain: r.chain,
    seq: r.seq,
    at: r.at.toISOString(),
    actor: { id: r.actor_id, username: r.actor_username, role: r.actor_role },
    channel: r.channel,
    ip: r.ip,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    details: r.details,
  };
}

/** The audit trail, newest first, for the auditor's viewer. Within the actor's county chain. */
export async function listAuditRecords(
  anyDb: AnyDb,
  actor: Actor,
  q: AuditQuery,
): Promise<AuditRecordView[]> {
  requirePermission(actor, 'audit.read');
  const db = anyDb as unknown as Kysely<AccessTables>;
  let query = db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('seq', 'desc');
  if (actor.division) query = query.where('chain', '=', actor.division.slice(0, 6));
  if (q.entityType) query = query.where('entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.actorUsername) query = query.where('actor_username', '=', q.actorUsername);
  if (q.before) query = query.where('seq', '<', q.before);
  const rows = await query.limit(Math.min(q.limit ?? 50, 500)).execute();
  return rows.map(mapAuditRecord);
}
