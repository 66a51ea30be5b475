import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import type { AnyDb } from '../../platform/db/database.js';

/** What the registry's use cases need from the outside. */
export interface RegistryContext {
  db: AnyDb;
  cipher: PersonalDataCipher;
}
