import { z } from 'zod';
import type { AnyDb } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import type { Actor } from '../../access/index.js';
import { recipientKeysOf } from '../domain/recipient.js';
import { notificationRepository, type NotificationRow } from '../infra/notification.repository.js';

/** What the notifications' use cases need. */
export interface NotificationsContext {
  db: AnyDb;
}

export const NotificationQuerySchema = z.strictObject({
  unreadOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  /** Older than this id (the next page). */
  before: z.coerce.number().int().positive().optional(),
});

export interface NotificationQuery {
  unreadOnly?: boolean | undefined;
  limit?: number | undefined;
  before?: number | undefined;
}

export const NotificationViewSchema = z.object({
  id: z.number(),
  topic: z.string(),
  subject: z.object({ type: z.string(), id: z.number() }),
  message: z.string().describe('中文'),
  messageEn: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationViewSchema>;

const view = (r: NotificationRow): NotificationView => ({
  id: r.id,
  topic: r.topic,
  subject: { type: r.subject_type, id: r.subject_id },
  message: r.text_zh,
  messageEn: r.text_en,
  createdAt: r.created_at.toISOString(),
  read: r.read_at !== null,
  readAt: r.read_at?.toISOString() ?? null,
});

/** The actor's messages, newest first: to their account, their person or enterprise, their team. */
export async function listNotifications(
  ctx: NotificationsContext,
  actor: Actor,
  q: NotificationQuery = {},
): Promise<NotificationView[]> {
  const keys = recipientKeysOf(actor);
  if (keys.length === 0) return [];
  const rows = await notificationRepository.list(ctx.db, keys, actor.accountId, {
    unreadOnly: q.unreadOnly ?? false,
    limit: Math.min(q.limit ?? 50, 200),
    beforeId: q.before,
  });
  return rows.map(view);
}

/**
 * Mark one of the actor's messages read (for their account; a team message stays unread for the
 * others). Someone else's message is "not found".
 */
export async function markNotificationRead(
  ctx: NotificationsContext,
  actor: Actor,
  id: number,
): Promise<void> {
  const keys = recipientKeysOf(actor);
  if (
    actor.accountId === null ||
    keys.length === 0 ||
    !(await notificationRepository.addressedTo(ctx.db, id, keys))
  )
    throw new AppError('NOTIFICATION_NOT_FOUND');
  await notificationRepository.markRead(ctx.db, actor.accountId, id);
}
