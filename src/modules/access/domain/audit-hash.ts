import crypto from 'node:crypto';
import { canonicalJson } from '../../../shared/json/canonical-json.js';

export { canonicalJson };

/** The fields of an audit record that its hash covers, in a fixed order. */
export interface AuditRecordContent {
  chain: string;
  seq: number;
  at: Date;
  actorId: number | null;
  actorUsername: string;
  actorRole: string;
  channel: string;
  ip: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  details: unknown;
}

export const GENESIS_HASH = Buffer.alloc(32);

/** hash = SHA-256(previous hash ‖ canonical content). */
export function auditHash(prev: Buffer, r: AuditRecordContent): Buffer {
  const content = canonicalJson([
    r.chain,
    r.seq,
    r.at.toISOString(),
    r.actorId,
    r.actorUsername,
    r.actorRole,
    r.channel,
    r.ip,
    r.action,
    r.entityType,
    r.entityId,
    r.details,
  ]);
  return crypto.createHash('sha256').update(prev).update(content).digest();
}
