import type { RegistryContext } from '../registry/index.js';
import type { RulesService } from '../rules/index.js';

/** What the services' use cases need: the registry's context and the rules in force. */
export interface ServicesContext extends RegistryContext {
  rules: RulesService;
}
