/** The rules module: policy packs → evaluate one case, scan everyone (政策找人), simulate a change. */
export { RulesService, type PackVersionView } from './rules-service.js';
export { RulesEngine, type ApplicationProcess, type CaseResult } from './domain/engine.js';
export type { Limit, ProgrammeSource, ReviewStep } from './domain/pack-schema.js';
export { contractResult, type ProgrammeResult, type DetailedResult, type Reason } from './domain/evaluate.js';
export { compilePack, PackInvalidError, type PackSources } from './domain/compile-pack.js';
export { diffPacks, type PackDiff } from './domain/pack-diff.js';
export { loadBundledPack, loadPackFromDir } from './infra/load-pack.js';
export { readPackSources, POLICY_DIR } from './infra/pack-files.js';
export { evaluateRegisteredPerson } from './use-cases/evaluate-registered-person.js';
export { refreshScan, runScan, startScan, type ScanSummary } from './use-cases/run-scan.js';
export { simulate, type SimulationResult } from './use-cases/simulate.js';
export { getScanRun, listScanFindings, scanFindingCounts } from './use-cases/findings.js';
export type { RulesTables } from './infra/tables.js';
export {
  programmeFacts,
  ProgrammeFactsSchema,
  type FactField,
  type ProgrammeFacts,
} from './use-cases/programme-facts.js';
export { packOverview, PackOverviewSchema, type PackOverview } from './use-cases/pack-overview.js';
export { parametersUsedBy, valuePeriods } from './domain/parameter-usage.js';
export {
  latestScan,
  LatestScanSchema,
  listOutreach,
  notifyFindings,
  NotifyFindingsSchema,
  NotifyResultSchema,
  OutreachItemSchema,
  OutreachQuerySchema,
  type NotifyFindings,
  type OutreachItem,
  type OutreachQuery,
} from './use-cases/outreach.js';
