import { z } from 'zod';
import type { AnyTrx } from '../../../platform/db/database.js';
import { loadSmsSettings } from '../../../platform/config/config.js';
import { personOfKey, recipientKey, type Recipient } from '../domain/recipient.js';
import { notificationRepository } from '../infra/notification.repository.js';

export interface NotificationInput {
  recipients: Recipient[];
  /** What kind of event, `module.event`: `referral.created`, `application.returned` … */
  topic: string;
  /** What it is about (the screen to open). */
  subject: { type: string; id: number };
  /** The message, Chinese first. Keep ID numbers, phones and bank accounts out of it. */
  zh: string;
  en: string;
}

const InputSchema = z.object({
  topic: z.string().min(1).max(100),
  subject: z.object({ type: z.string().min(1).max(50), id: z.number().int().nonnegative() }),
  zh: z.string().min(1).max(1000),
  en: z.string().min(1).max(1000),
});

let smsOverride: boolean | undefined;
let smsFromEnv: boolean | undefined;

/**
 * Whether `notify` queues SMS. By default it follows `JIUYE_SMS_GATEWAY` (set = on), read once per
 * process; the server sets it from its configuration, tests set it directly. `undefined` goes back to
 * the environment.
 */
export function setSmsEnabled(on: boolean | undefined): void {
  smsOverride = on;
}

export function smsEnabled(): boolean {
  if (smsOverride !== undefined) return smsOverride;
  smsFromEnv ??= loadSmsSettings().smsGateway !== undefined;
  return smsFromEnv;
}

/**
 * Notify recipients, inside the caller's transaction (so a message exists exactly when the act it tells
 * of was committed). One statement: the message, its recipient keys and, when SMS is on, an outbox row
 * for each person recipient (a dispatcher sends it later, looking up the phone then).
 */
export async function notify(trx: AnyTrx, n: NotificationInput): Promise<void> {
  InputSchema.parse(n);
  const keys = [...new Set(n.recipients.map(recipientKey))];
  if (keys.length === 0) return;
  const smsKeys = smsEnabled() ? keys.filter((k) => personOfKey(k) !== undefined) : [];
  await notificationRepository.insert(
    trx,
    { topic: n.topic, subjectType: n.subject.type, subjectId: n.subject.id, zh: n.zh, en: n.en },
    keys,
    smsKeys,
  );
}

/** Many notifications inside the caller's transaction, in two statements (a batch of submissions). */
export async function notifyMany(trx: AnyTrx, list: readonly NotificationInput[]): Promise<void> {
  const sms = smsEnabled();
  const rows = list.flatMap((n) => {
    InputSchema.parse(n);
    const keys = [...new Set(n.recipients.map(recipientKey))];
    if (keys.length === 0) return [];
    return [
      {
        n: { topic: n.topic, subjectType: n.subject.type, subjectId: n.subject.id, zh: n.zh, en: n.en },
        keys,
        smsKeys: sms ? keys.filter((k) => personOfKey(k) !== undefined) : [],
      },
    ];
  });
  await notificationRepository.insertMany(trx, rows);
}
