import type { AnyTrx } from '../../../platform/db/database.js';
import { HOME_COUNTY } from '../../../platform/config/config.js';
import { auditChainOf, type Actor } from '../domain/actor.js';
import { appendAuditRecords } from '../infra/audit.repository.js';

export interface AuditEntry {
  /** What was done, `entity.verb`: `person.create`, `person.reveal`, `login.failed` … */
  action: string;
  entityType?: string;
  entityId?: string | number;
  /** What changed or why; never personal data in plain (no ID numbers, phones or bank accounts). */
  details?: Record<string, unknown>;
}

/** Write audit records for the actor's acts inside the transaction that does them. */
export async function recordAudit(
  trx: AnyTrx,
  actor: Actor,
  entries: AuditEntry | AuditEntry[],
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  await appendAuditRecords(
    trx,
    auditChainOf(actor, HOME_COUNTY),
    list.map((e) => ({
      actorId: actor.accountId,
      actorUsername: actor.username,
      actorRole: actor.role,
      channel: actor.channel,
      ip: actor.ip ?? null,
      action: e.action,
      entityType: e.entityType ?? null,
      entityId: e.entityId === undefined ? null : String(e.entityId),
      details: e.details ?? {},
    })),
  );
}
