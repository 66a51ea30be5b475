import type { MaterialStore } from '../../platform/storage/index.js';
import type { RegistryContext } from '../registry/index.js';
import type { RulesService } from '../rules/index.js';

/** What the applications' use cases need. */
export interface ApplicationsContext extends RegistryContext {
  rules: RulesService;
  /** Where uploaded materials are kept, and how large one may be. */
  materials: MaterialStore & { maxBytes: number };
  /** Which database: on a server several batches of submissions are taken in at once. */
  database?: { kind: 'pglite' | 'postgres' } | undefined;
  /** Today in China (tests set a day; the default is the clock). */
  today?: (() => string) | undefined;
}
