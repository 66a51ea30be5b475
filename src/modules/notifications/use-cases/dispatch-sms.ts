import { systemActor } from '../../access/index.js';
import { revealPerson, type RegistryContext } from '../../registry/index.js';
import { isAppError } from '../../../platform/errors/index.js';
import { personOfKey } from '../domain/recipient.js';
import type { SmsGateway } from '../domain/sms-gateway.js';
import { smsOutboxRepository } from '../infra/sms-outbox.repository.js';

export interface DispatchOptions {
  /** Messages per round. */
  limit?: number;
  /** How long a taken message is hidden from other dispatchers. */
  leaseMs?: number;
  /** Attempts before a message is given up as failed. */
  maxAttempts?: number;
  /** Where to report failures (ids and error names only). */
  log?: { warn(obj: Record<string, unknown>, msg: string): void };
}

export interface DispatchResult {
  sent: number;
  skipped: number;
  failed: number;
  retrying: number;
}

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * Send the SMS that are due. Each phone number is read from the registry's public door when it is
 * sent, as the `sms` system actor, with a reason, so each look-up is in the audit trail and no phone
 * number is stored in the outbox or written to a log. A person without a mobile number is skipped; a
 * gateway error is tried again later (backing off), and given up after `maxAttempts`.
 */
export async function dispatchSms(
  ctx: RegistryContext,
  gateway: SmsGateway,
  opts: DispatchOptions = {},
): Promise<DispatchResult> {
  const maxAttempts = opts.maxAttempts ?? 5;
  const result: DispatchResult = { sent: 0, skipped: 0, failed: 0, retrying: 0 };
  const rows = await smsOutboxRepository.claim(ctx.db, opts.limit ?? 50, opts.leaseMs ?? 5 * 60_000);
  const actor = systemActor('job', 'sms');
  for (const row of rows) {
    const person = personOfKey(row.recipient_key);
    if (!person) {
      await smsOutboxRepository.finish(ctx.db, row.id, 'skipped', 'not a person');
      result.skipped++;
      continue;
    }
    let phone: string | null;
    try {
      const p = await revealPerson(ctx, actor, person.id, {
        fields: ['phone'],
        reason: `发送短信通知（消息 ${row.notification_id}）`,
      });
      phone = p.county === person.county ? p.phone : null;
    } catch (e) {
      if (!isAppError(e) || e.code !== 'PERSON_NOT_FOUND') throw e;
      phone = null;
    }
    if (!phone || !MOBILE.test(phone)) {
      await smsOutboxRepository.finish(ctx.db, row.id, 'skipped', 'no mobile number');
      result.skipped++;
      continue;
    }
    try {
      await gateway.send(phone, row.text_zh);
      await smsOutboxRepository.finish(ctx.db, row.id, 'sent', null);
      result.sent++;
    } catch (e) {
      const why = `${gateway.name ?? 'gateway'}: ${e instanceof Error ? e.name : 'error'}`;
      opts.log?.warn({ smsOutboxId: row.id, attempt: row.attempts, error: why }, 'SMS not sent');
      if (row.attempts >= maxAttempts) {
        await smsOutboxRepository.finish(ctx.db, row.id, 'failed', why);
        result.failed++;
      } else {
        await smsOutboxRepository.retryLater(ctx.db, row.id, 30_000 * 2 ** (row.attempts - 1), why);
        result.retrying++;
      }
    }
  }
  return result;
}

/** Run `dispatchSms` every `intervalMs` until stopped (one round at a time). */
export function startSmsDispatcher(
  ctx: RegistryContext,
  gateway: SmsGateway,
  intervalMs: number,
  opts: DispatchOptions = {},
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (stopped || running) return;
    running = dispatchSms(ctx, gateway, opts)
      .catch((e: unknown) =>
        opts.log?.warn({ error: e instanceof Error ? e.name : 'error' }, 'SMS dispatch round failed'),
      )
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
