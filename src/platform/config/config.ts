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
  };
}

/** The county this installation serves: 凌源市. Audit chains and new records default to it. */
export const HOME_COUNTY = '211382';
