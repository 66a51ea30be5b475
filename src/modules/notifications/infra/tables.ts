import type { Generated } from 'kysely';

export interface NotificationsTable {
  id: Generated<number>;
  topic: string;
  subject_type: string;
  subject_id: number;
  text_zh: string;
  text_en: string;
  created_at: Generated<Date>;
}

export interface NotificationRecipientsTable {
  recipient_key: string;
  notification_id: number;
}

export interface NotificationReadsTable {
  account_id: number;
  notification_id: number;
  read_at: Generated<Date>;
}

export interface SmsOutboxTable {
  id: Generated<number>;
  notification_id: number;
  recipient_key: string;
  status: Generated<'pending' | 'sent' | 'failed' | 'skipped'>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  created_at: Generated<Date>;
  done_at: Date | null;
}

export interface NotificationsTables {
  notifications: NotificationsTable;
  notification_recipients: NotificationRecipientsTable;
  notification_reads: NotificationReadsTable;
  sms_outbox: SmsOutboxTable;
}
