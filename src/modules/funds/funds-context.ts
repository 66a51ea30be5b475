import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import type { AnyDb } from '../../platform/db/database.js';

/** What the funds module's use cases need: the database and the personal-data cipher. */
export interface FundsContext {
  db: AnyDb;
  cipher: PersonalDataCipher;
}
