import crypto from 'node:crypto';

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

/** JSON with object keys sorted, so that jsonb's reordering of keys does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const obj = value as Record<string, unknown>;
  return (
    '{' +
    Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => JSON.stringify(k) + ':' + canonicalJson(obj[k]))
      .join(',') +
    '}'
  );
}

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
