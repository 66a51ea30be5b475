import { loadOrCreateDataKey, PersonalDataCipher } from '../platform/crypto/index.js';
import type { Config } from '../platform/config/config.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';
import { syncDivisions } from '../modules/divisions/index.js';
import type { RegistryContext } from '../modules/registry/index.js';
import { RulesService } from '../modules/rules/index.js';
import { materialStoreFor, type MaterialStore } from '../platform/storage/index.js';

/** Everything a running Jiuye process shares: configuration, the open database, the data cipher. */
export interface AppContext extends RegistryContext {
  config: Config;
  database: Database;
  rules: RulesService;
  /** Uploaded materials, outside the database (under the data folder by default). */
  materials: MaterialStore & { maxBytes: number };
  /** Today in China; the clock unless a test sets a day. */
  today?: (() => string) | undefined;
  close(): Promise<void>;
}

/**
 * Open the database (PGlite in the data folder, or the server at DATABASE_URL), apply pending
 * migrations and sync the division tree. Any command that needs the database starts here, so a new
 * data folder is created and migrated by itself.
 */
export async function openAppContext(config: Config, command: string): Promise<AppContext> {
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, command });
  try {
    await migrate(database.db);
    await syncDivisions(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  const cipher = new PersonalDataCipher(loadOrCreateDataKey(config.dataDir, config.dataKey));
  const rules = new RulesService(database.db);
  try {
    await rules.reload();
    if (database.kind === 'pglite') await rules.closeInterruptedScans();
  } catch (e) {
    await database.close();
    throw e;
  }
  return {
    config,
    database,
    db: database.db,
    cipher,
    rules,
    materials: materialStoreFor(config),
    close: () => database.close(),
  };
}
