import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import type { AnyDb, Database } from '../../platform/db/database.js';

/** What the exchange module's use cases need from the outside. */
export interface ExchangeContext {
  db: AnyDb;
  database: Database;
  cipher: PersonalDataCipher;
  today?: (() => string) | undefined;
}
