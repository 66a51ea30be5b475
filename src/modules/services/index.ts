/** The services module: 失业登记 (and, later, 就业困难人员认定 and referrals). */
export type { ServicesContext } from './services-context.js';
export type { ServicesTables } from './infra/tables.js';
export {
  endUnemployment,
  EndUnemploymentSchema,
  listOpenRegistrations,
  registerUnemployment,
  RegisterUnemploymentSchema,
  RegistrationViewSchema,
  type RegistrationView,
} from './use-cases/unemployment-registration.js';
