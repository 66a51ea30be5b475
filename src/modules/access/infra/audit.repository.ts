import { sql, type Kysely } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import { auditHash, GENESIS_HASH } from '../domain/audit-hash.js';
import type { AccessTables } from './tables.js';

export interface NewAuditRecord {
  actorId: number | null;
  actorUsername: string;
  actorRole: string;
  channel: string;
  ip: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  details: Record<string, unknown>;
}

/**
 * Append records to one county's chain, inside the caller's transaction: the chain head row is locked
 * until that transaction ends, so sequence numbers are gapless and the chain has one order.
 * Call it last in a transaction, to hold the lock for the shortest time.
 */
export async function appendAuditRecords(
  trx: AnyTrx,
  chain: string,
  records: NewAuditRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const db = trx as unknown as Kysely<AccessTables>;
  const lockHead = () =>
    db
      .selectFrom('audit_chain_heads')
      .select(['seq', 'hash'])
      .where('chain', '=', chain)
      .forUpdate()
      .executeTakeFirst();
  let head = await lockHead();
  if (!head) {
    // The chain's first record: create its head (once, whoever comes first), then lock it.
    await db
      .insertInto('audit_chain_heads')
      .values({ chain, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('chain').doNothing())
      .execute();
    head = (await lockHead())!;
  }
  let { seq, hash } = head;
  const at = new Date();
  const rows = records.map((r) => {
    seq += 1;
    const content = { chain, seq, at, ...r };
    const prev = hash;
    hash = auditHash(prev, content);
    return {
      chain,
      seq,
      at,
      actor_id: r.actorId,
      actor_username: r.actorUsername,
      actor_role: r.actorRole,
      channel: r.channel,
      ip: r.ip,
      action: r.action,
      entity_type: r.entityType,
      entity_id: r.entityId,
      details: JSON.stringify(r.details),
      prev_hash: prev,
      hash,
    };
  });
  // The records and the new head in one statement (the head is locked above).
  await db
    .with('appended', (qb) => qb.insertInto('audit_log').values(rows))
    .updateTable('audit_chain_heads')
    .set({ seq, hash })
    .where('chain', '=', chain)
    .execute();
}

export interface AuditProblem {
  chain: string;
  seq: number;
  problem: 'changed' | 'missing' | 'brokenLink' | 'headMismatch';
  messageZh: string;
  messageEn: string;
}

/**
 * Walk every chain in order and recompute each hash. A changed row fails its own hash; a deleted row
 * leaves a gap in the sequence (and the next row's link no longer matches); deleting the tail leaves
 * the head ahead of the last row.
 */
export async function verifyAuditChains(
  anyDb: AnyDb,
  onProgress?: (checked: number) => void,
): Promise<{ records: number; chains: number; problems: AuditProblem[] }> {
  const db = anyDb as unknown as Kysely<AccessTables>;
  const heads = await db.selectFrom('audit_chain_heads').selectAll().orderBy('chain').execute();
  const problems: AuditProblem[] = [];
  let records = 0;
  const PAGE = 5000;
  for (const head of heads) {
    let expectedSeq = 1;
    let prevHash: Buffer = GENESIS_HASH;
    let lastSeq = 0;
    for (;;) {
      const page = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('chain', '=', head.chain)
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const row of page) {
        records += 1;
        if (row.seq !== expectedSeq) {
          problems.push({
            chain: row.chain,
            seq: expectedSeq,
            problem: 'missing',
            messageZh: `审计链 ${row.chain} 缺少第 ${expectedSeq}${row.seq - 1 > expectedSeq ? `–${row.seq - 1}` : ''} 条记录（已被删除）`,
            messageEn: `chain ${row.chain}: record(s) ${expectedSeq}${row.seq - 1 > expectedSeq ? `-${row.seq - 1}` : ''} missing (deleted)`,
          });
        } else if (!row.prev_hash.equals(prevHash)) {
          problems.push({
            chain: row.chain,
            seq: row.seq,
            problem: 'brokenLink',
            messageZh: `审计链 ${row.chain} 第 ${row.seq} 条记录与前一条的链接不符`,
            messageEn: `chain ${row.chain}: record ${row.seq} does not link to the previous record`,
          });
        }
        const recomputed = auditHash(row.prev_hash, {
          chain: row.chain,
          seq: row.seq,
          at: row.at,
          actorId: row.actor_id,
          actorUsername: row.actor_username,
          actorRole: row.actor_role,
          channel: row.channel,
          ip: row.ip,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          details: row.details,
        });
        if (!recomputed.equals(row.hash)) {
          problems.push({
            chain: row.chain,
            seq: row.seq,
            problem: 'changed',
            messageZh: `审计链 ${row.chain} 第 ${row.seq} 条记录（${row.action}）的内容已被改动`,
            messageEn: `chain ${row.chain}: record ${row.seq} (${row.action}) was changed`,
          });
        }
        prevHash = row.hash;
        lastSeq = row.seq;
        expectedSeq = row.seq + 1;
      }
      onProgress?.(records);
      if (page.length < PAGE) break;
    }
    if (lastSeq !== head.seq || !prevHash.equals(head.hash)) {
      problems.push({
        chain: head.chain,
        seq: lastSeq + 1,
        problem: lastSeq < head.seq ? 'missing' : 'headMismatch',
        messageZh:
          lastSeq < head.seq
            ? `审计链 ${head.chain} 末尾第 ${lastSeq + 1}–${head.seq} 条记录缺失（已被删除）`
            : `审计链 ${head.chain} 的链头与最后一条记录不符`,
        messageEn:
          lastSeq < head.seq
            ? `chain ${head.chain}: records ${lastSeq + 1}-${head.seq} at the end are missing (deleted)`
            : `chain ${head.chain}: head does not match the last record`,
      });
    }
  }
  return { records, chains: heads.length, problems };
}

export async function auditCount(anyDb: AnyDb): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(anyDb);
  return r.rows[0]?.n ?? 0;
}
