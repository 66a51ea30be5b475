import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { AnyDb } from '../../../platform/db/database.js';
import { HOME_COUNTY } from '../../../platform/config/config.js';
import { CalendarDateSchema } from '../../../shared/dates/calendar-date.js';
import { auditChainOf, requirePermission, type Actor } from '../domain/actor.js';
import type { AccessTables } from '../infra/tables.js';
import { AuditRecordViewSchema, mapAuditRecord, type AuditRecordView } from './list-audit-records.js';

export const AuditSearchSchema = z.strictObject({
  actor: z.string().max(40).optional(),
  action: z.string().max(60).optional(),
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  /** Calendar days in China time (UTC+8), both included. */
  from: CalendarDateSchema.optional(),
  to: CalendarDateSchema.optional(),
  /** The page after this sequence number (the last one of the page before). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type AuditSearch = z.infer<typeof AuditSearchSchema>;

export const AuditPageSchema = z.object({
  records: z.array(AuditRecordViewSchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: z.number().nullable(),
});

/** Midnight of a calendar day in China (UTC+8). */
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * The audit trail for the viewer: the actor's county chain, newest first, filtered by actor, action,
 * subject and a range of days, a page at a time (keyset on the sequence number, so pages stay stable
 * while records are added).
 */
export async function searchAuditRecords(
  anyDb: AnyDb,
  actor: Actor,
  q: AuditSearch,
): Promise<{ records: AuditRecordView[]; next: number | null }> {
  requirePermission(actor, 'audit.read');
  const db = anyDb as unknown as Kysely<AccessTables>;
  const limit = q.limit ?? 50;
  let query = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc');
  // One county's chain: its sequence follows time, so newest first is highest sequence first.
  query = query.where('chain', '=', auditChainOf(actor, HOME_COUNTY));
  if (q.actor) query = query.where('actor_username', '=', q.actor);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.entityType) query = query.where('entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.from) query = query.where('at', '>=', chinaMidnight(q.from));
  if (q.to) query = query.where('at', '<', new Date(chinaMidnight(q.to).getTime() + 86_400_000));
  if (q.before) query = query.where('seq', '<', q.before);
  const rows = await query.limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return {
    records: page.map(mapAuditRecord),
    next: rows.length > limit ? page[page.length - 1]!.seq : null,
  };
}
