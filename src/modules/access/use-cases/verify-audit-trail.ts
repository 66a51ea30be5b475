import type { AnyDb } from '../../../platform/db/database.js';
import { requirePermission, type Actor } from '../domain/actor.js';
import { verifyAuditChains } from '../infra/audit.repository.js';

/** Recompute the hash chain of the whole audit trail; report every changed or missing record. */
export async function verifyAuditTrail(db: AnyDb, actor: Actor, onProgress?: (checked: number) => void) {
  requirePermission(actor, 'audit.read');
  return verifyAuditChains(db, onProgress);
}
