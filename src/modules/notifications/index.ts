/**
 * The notifications module: in-app messages (站内消息) to citizens, enterprises, staff teams and
 * accounts, written inside the transaction of the act they tell of; SMS through a pluggable gateway,
 * off unless `JIUYE_SMS_GATEWAY` names one.
 */
import type { Config } from '../../platform/config/config.js';
import { LogSmsGateway, type SmsGateway, type SmsLog } from './domain/sms-gateway.js';

export type { NotificationsTables } from './infra/tables.js';
export { recipientKey, recipientKeysOf, type Recipient } from './domain/recipient.js';
export { LogSmsGateway, type SmsGateway, type SmsLog } from './domain/sms-gateway.js';
export { notify, notifyMany, setSmsEnabled, smsEnabled, type NotificationInput } from './use-cases/notify.js';
export {
  listNotifications,
  markNotificationRead,
  NotificationQuerySchema,
  NotificationViewSchema,
  type NotificationQuery,
  type NotificationView,
  type NotificationsContext,
} from './use-cases/list-notifications.js';
export {
  dispatchSms,
  startSmsDispatcher,
  type DispatchOptions,
  type DispatchResult,
} from './use-cases/dispatch-sms.js';

/** The configured SMS gateway, or undefined when SMS is off (the default). */
export function smsGatewayFor(config: Pick<Config, 'smsGateway'>, log: SmsLog): SmsGateway | undefined {
  switch (config.smsGateway) {
    case undefined:
      return undefined;
    case 'log':
      return new LogSmsGateway(log);
  }
}
