import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
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

/**
 * Run `fn` in a transaction whose audit records are collected as it goes and written as its last
 * statement (decision 0007): the county's chain head is locked only for that moment before commit.
 */
export async function auditedTransaction<T>(
  db: AnyDb,
  actor: Actor,
  fn: (trx: AnyTrx, audit: (entry: AuditEntry) => void) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const entries: AuditEntry[] = [];
    const result = await fn(trx, (e) => entries.push(e));
    await recordAudit(trx, actor, entries);
    return result;
  });
}
