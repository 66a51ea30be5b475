/** The registry module: divisions are referenced, persons, households, enterprises and their dated facts are kept. */
export type { RegistryContext } from './registry-context.js';
export type { RegistryTables } from './infra/tables.js';
export * from './domain/schemas.js';
export { PersonViewSchema, DivisionRefSchema, type PersonView, type DivisionRef } from './domain/views.js';
export { EnterpriseViewSchema, type EnterpriseView } from './domain/enterprise-view.js';
export { FactViewSchema, type FactView, type FactSource } from './domain/fact-view.js';
export { isIndustryCode } from './domain/industry.js';
export { normalizePhone } from './domain/contact.js';
export { registerPerson } from './use-cases/register-person.js';
export { getPerson, revealPerson } from './use-cases/get-person.js';
export { updatePerson } from './use-cases/update-person.js';
export { searchPersons } from './use-cases/search-persons.js';
export { recordDecisionFact, setFact } from './use-cases/set-fact.js';
export { listFacts } from './use-cases/list-facts.js';
export {
  addHouseholdMember,
  createHousehold,
  getHousehold,
  removeHouseholdMember,
  HouseholdViewSchema,
  type HouseholdView,
} from './use-cases/households.js';
export { getEnterprise, registerEnterprise, searchEnterprises } from './use-cases/enterprises.js';
/** Where a person, enterprise or household the actor may see lives ("not found" otherwise), inside any transaction. */
export { loadVisibleSubject } from './use-cases/load-subject.js';
export {
  assemblePersonFacts,
  assemblePersonFactsMany,
  type AssembledFacts,
} from './use-cases/assemble-facts.js';
export { assembleEnterpriseFacts, payeeOf, publicNamesOf, type Payee } from './use-cases/applicant.js';
export { subjectsForScan, type ScanSubject, type ScanQuery } from './use-cases/subjects-for-scan.js';
export { analyzeRegistry, samplePersons } from './infra/statistics.js';
export { personsByIds } from './use-cases/persons-by-ids.js';
export { countPersonsWithFactByDivision } from './use-cases/aggregates.js';
export { getMyProfile, maskName, MyProfileSchema, type MyProfile } from './use-cases/my-profile.js';
export {
  importPersons,
  type ImportPersonsInput,
  type ImportPersonsResult,
} from './use-cases/import-persons.js';
export { IMPORT_COLUMNS, ROW_PROBLEMS, type RowProblem, type RowProblemCode } from './domain/import-rows.js';
/** What a matcher of other departments' lists keeps in memory (exchange module): keyed hashes, no ID numbers. */
export {
  enterpriseMatchIndex,
  idNumbersOf,
  personMatchIndex,
  type EnterpriseMatchRow,
  type PersonMatchRow,
} from './use-cases/match-index.js';
/** Lists exported to other departments (exchange module): persons masked or full, who holds a fact. */
export {
  personFactsOn,
  personsForExport,
  personsWithFact,
  placeName,
  type ExportPerson,
  type PersonWithFact,
} from './use-cases/export-persons.js';
/** Department lists as dated facts, and what the cross-checks read (exchange module, issue 6). */
export { applyListFacts, type ListFactChange, type ListFactResult } from './use-cases/department-facts.js';
export {
  enterpriseNames,
  factsInForce,
  personIdentities,
  subjectDivisions,
  type FactInForce,
  type PersonIdentity,
} from './use-cases/cross-check-reads.js';
export { maskedIdNumbersOf } from './use-cases/masked-id-numbers.js';
