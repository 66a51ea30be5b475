import { sql, type Kysely, type Selectable } from 'kysely';
import type { AnyDb } from '../../../platform/db/database.js';
import type { NotificationsTables, SmsOutboxTable } from './tables.js';

const t = (db: AnyDb) => db as unknown as Kysely<NotificationsTables>;
export type OutboxRow = Selectable<SmsOutboxTable> & { text_zh: string };

export const smsOutboxRepository = {
  /**
   * Take up to `limit` due messages: each gets one more attempt and is hidden for `leaseMs`, so another
   * dispatcher (another process on a server database) does not take it meanwhile; one that is neither
   * sent nor given up within the lease is taken again (so a message may be sent twice after a crash,
   * never lost).
   */
  async claim(db: AnyDb, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    const r = await sql<OutboxRow>`
      WITH due AS (
        SELECT id FROM sms_outbox
        WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE sms_outbox o
      SET attempts = o.attempts + 1,
          next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
      FROM due, notifications n
      WHERE o.id = due.id AND n.id = o.notification_id
      RETURNING o.*, n.text_zh`.execute(db);
    return r.rows;
  },

  async finish(db: AnyDb, id: number, status: 'sent' | 'failed' | 'skipped', why: string | null) {
    await t(db)
      .updateTable('sms_outbox')
      .set({ status, last_error: why, done_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  async retryLater(db: AnyDb, id: number, afterMs: number, why: string) {
    await sql`UPDATE sms_outbox
      SET next_attempt_at = now() + make_interval(secs => ${afterMs / 1000}), last_error = ${why}
      WHERE id = ${id}`.execute(db);
  },

  counts(db: AnyDb) {
    return t(db)
      .selectFrom('sms_outbox')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('status')
      .execute();
  },
};
