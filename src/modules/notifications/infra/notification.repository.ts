import { sql, type Kysely } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import type { NotificationsTables } from './tables.js';

type Db = AnyDb | AnyTrx;
const t = (db: Db) => db as unknown as Kysely<NotificationsTables>;
const values = (keys: readonly string[]) =>
  sql.join(
    keys.map((k) => sql`(${k})`),
    sql`, `,
  );

export interface NotificationRow {
  id: number;
  topic: string;
  subject_type: string;
  subject_id: number;
  text_zh: string;
  text_en: string;
  created_at: Date;
  read_at: Date | null;
}

export const notificationRepository = {
  /**
   * The message, its recipients and (when SMS is on) its outbox rows, in one statement.
   * `keys` and `smsKeys` must be distinct and non-empty / possibly empty.
   */
  async insert(
    trx: AnyTrx,
    n: { topic: string; subjectType: string; subjectId: number; zh: string; en: string },
    keys: readonly string[],
    smsKeys: readonly string[],
  ): Promise<number> {
    const outbox = smsKeys.length
      ? sql`, o AS (INSERT INTO sms_outbox (notification_id, recipient_key)
              SELECT n.id, k.key FROM n, (VALUES ${values(smsKeys)}) AS k(key))`
      : sql``;
    const r = await sql<{ id: number }>`
      WITH n AS (
        INSERT INTO notifications (topic, subject_type, subject_id, text_zh, text_en)
        VALUES (${n.topic}, ${n.subjectType}, ${n.subjectId}, ${n.zh}, ${n.en})
        RETURNING id
      ), r AS (
        INSERT INTO notification_recipients (recipient_key, notification_id)
        SELECT k.key, n.id FROM n, (VALUES ${values(keys)}) AS k(key)
      )${outbox}
      SELECT id FROM n`.execute(trx);
    return r.rows[0]!.id;
  },

  /** Many messages in two statements: their ids drawn first, then messages, recipients and outbox at once. */
  async insertMany(
    trx: AnyTrx,
    list: ReadonlyArray<{
      n: { topic: string; subjectType: string; subjectId: number; zh: string; en: string };
      keys: readonly string[];
      smsKeys: readonly string[];
    }>,
  ): Promise<void> {
    if (!list.length) return;
    const ids = (
      await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('notifications', 'id')) AS id
        FROM generate_series(1, ${list.length})`.execute(trx)
    ).rows.map((r) => Number(r.id));
    const messages = sql.join(
      list.map(
        ({ n }, i) =>
          sql`(${ids[i]!}::bigint, ${n.topic}, ${n.subjectType}, ${n.subjectId}::bigint, ${n.zh}, ${n.en})`,
      ),
    );
    const pairs = (k: 'keys' | 'smsKeys') =>
      list.flatMap((x, i) => x[k].map((key) => sql`(${key}, ${ids[i]!}::bigint)`));
    const recipients = pairs('keys');
    const outbox = pairs('smsKeys');
    await sql`
      WITH n AS (
        INSERT INTO notifications (id, topic, subject_type, subject_id, text_zh, text_en) VALUES ${messages}
      ), r AS (
        INSERT INTO notification_recipients (recipient_key, notification_id) VALUES ${sql.join(recipients)}
      )${outbox.length ? sql`, o AS (INSERT INTO sms_outbox (recipient_key, notification_id) VALUES ${sql.join(outbox)})` : sql``}
      SELECT 1`.execute(trx);
  },

  /** Newest first: the messages to any of `keys`, with the account's read mark. */
  list(
    db: Db,
    keys: readonly string[],
    accountId: number | null,
    q: { unreadOnly: boolean; limit: number; beforeId?: number | undefined },
  ): Promise<NotificationRow[]> {
    let query = t(db)
      .selectFrom('notifications as n')
      .leftJoin('notification_reads as r', (j) =>
        j.onRef('r.notification_id', '=', 'n.id').on('r.account_id', '=', accountId ?? -1),
      )
      .select([
        'n.id',
        'n.topic',
        'n.subject_type',
        'n.subject_id',
        'n.text_zh',
        'n.text_en',
        'n.created_at',
        'r.read_at',
      ])
      .where('n.id', 'in', (s) =>
        s.selectFrom('notification_recipients').select('notification_id').where('recipient_key', 'in', keys),
      );
    if (q.unreadOnly) query = query.where('r.notification_id', 'is', null);
    if (q.beforeId !== undefined) query = query.where('n.id', '<', q.beforeId);
    return query.orderBy('n.id', 'desc').limit(q.limit).execute();
  },

  /** Is the message addressed to any of `keys`? */
  async addressedTo(db: Db, id: number, keys: readonly string[]): Promise<boolean> {
    const row = await t(db)
      .selectFrom('notification_recipients')
      .select('notification_id')
      .where('notification_id', '=', id)
      .where('recipient_key', 'in', keys)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  async markRead(db: Db, accountId: number, id: number): Promise<void> {
    await t(db)
      .insertInto('notification_reads')
      .values({ account_id: accountId, notification_id: id })
      .onConflict((oc) => oc.columns(['account_id', 'notification_id']).doNothing())
      .execute();
  },
};
