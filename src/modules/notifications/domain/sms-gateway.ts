/** Sends one text message. Implementations never log the phone number or the text. */
export interface SmsGateway {
  send(phone: string, text: string): Promise<void>;
  /** For the outbox's record of a failure (`log`, a provider's name). */
  readonly name?: string;
}

/** What the log gateway writes to. */
export interface SmsLog {
  info(obj: Record<string, unknown>, msg: string): void;
}

/**
 * The development gateway: sends nothing, writes one log line per message with only its length and a
 * running number — no phone number, no text (the text may name a person or a case).
 */
export class LogSmsGateway implements SmsGateway {
  readonly name = 'log';
  private count = 0;
  constructor(private readonly log: SmsLog) {}

  async send(_phone: string, text: string): Promise<void> {
    this.count += 1;
    this.log.info({ sms: this.count, characters: [...text].length }, 'SMS (log gateway): not sent');
  }
}
