/** The services module: 失业登记, and referrals to civil affairs (转介民政); later 就业困难人员认定. */
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
export {
  AnswerReferralSchema,
  CreateReferralSchema,
  ReferralKindSchema,
  ReferralQuerySchema,
  ReferralStatusSchema,
  ReferralViewSchema,
  SupplyInformationSchema,
  type AnswerReferral,
  type CreateReferral,
  type ReferralQuery,
  type ReferralView,
  type SupplyInformation,
} from './domain/referral.js';
export { DEFAULT_REFERRAL_ANSWER_DAYS, referralAnswerDays } from './domain/referral-settings.js';
export {
  answerReferral,
  createReferral,
  getReferral,
  listReferrals,
  referToCivilAffairs,
  supplyReferralInformation,
  type ReferralOptions,
  type ReferToCivilAffairs,
} from './use-cases/referrals.js';
export { countOpenRegistrationsByDivision } from './use-cases/aggregates.js';
export { listPersonRegistrations } from './use-cases/person-registrations.js';
export {
  referralsForExport,
  registrationsOpenOn,
  type OpenRegistration,
  type ReferralExportFilter,
} from './use-cases/exports.js';
export {
  ContractTypeSchema,
  EmploymentViewSchema,
  listPersonEmployments,
  registerEmployment,
  RegisterEmploymentSchema,
  type EmploymentView,
  type RegisterEmployment,
} from './use-cases/employment-registration.js';
