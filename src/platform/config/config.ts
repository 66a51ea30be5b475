import path from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  /** Folder for the embedded database, keys and uploaded files. */
  dataDir: string;
  /** A PostgreSQL server instead of the embedded PGlite, when set. */
  databaseUrl: string | undefined;
  port: number;
  host: string;
  /** Base64 or hex 32-byte master key for personal-data encryption; generated into dataDir when absent. */
  dataKey: string | undefined;
  /** Seed the demo data set on first start of an empty database. */
  demo: boolean;
  /** Mark session cookies Secure (behind HTTPS). */
  secureCookies: boolean;
  logLevel: string;
  /** SMS for notifications (`JIUYE_SMS_GATEWAY`): off when unset; `log` writes to the log (development). */
  smsGateway: SmsGatewayKind | undefined;
  /** How often the SMS dispatcher looks for messages to send (`JIUYE_SMS_INTERVAL_MS`, default 5000). */
  smsIntervalMs: number;
}

/** The SMS gateways Jiuye has: `log` (development: writes to the log, without phone numbers or text). */
export const SMS_GATEWAYS = ['log'] as const;
export type SmsGatewayKind = (typeof SMS_GATEWAYS)[number];

/** The SMS settings alone (read by `loadConfig` too). */
export function loadSmsSettings(
  env: NodeJS.ProcessEnv = process.env,
): Pick<Config, 'smsGateway' | 'smsIntervalMs'> {
  const gateway = env.JIUYE_SMS_GATEWAY || undefined;
  if (gateway !== undefined && !(SMS_GATEWAYS as readonly string[]).includes(gateway)) {
    throw new Error(
      `JIUYE_SMS_GATEWAY must be unset (no SMS) or one of ${SMS_GATEWAYS.join(', ')}, got "${gateway}"`,
    );
  }
  const interval = Number(env.JIUYE_SMS_INTERVAL_MS || 5000);
  if (!Number.isInteger(interval) || interval < 100) {
    throw new Error(
      `JIUYE_SMS_INTERVAL_MS must be an integer of at least 100, got "${env.JIUYE_SMS_INTERVAL_MS}"`,
    );
  }
  return { smsGateway: gateway as SmsGatewayKind | undefined, smsIntervalMs: interval };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  return {
    dataDir: path.resolve(env.JIUYE_DATA ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    port,
    host: env.HOST ?? '0.0.0.0',
    dataKey: env.JIUYE_DATA_KEY || undefined,
    demo: env.JIUYE_DEMO !== '0',
    secureCookies: env.JIUYE_SECURE_COOKIES === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    ...loadSmsSettings(env),
  };
}

/** The county this installation serves: 凌源市. Audit chains and new records default to it. */
export const HOME_COUNTY = '211382';
