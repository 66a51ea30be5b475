/**
 * The exchange module: other departments' lists (低保, 特困, 建档立卡, 残疾人, 参保缴费, 死亡, 市场主体)
 * loaded, matched against the registry honestly, and their candidates reviewed (docs/decisions/0020).
 */
export type { ExchangeContext } from './exchange-context.js';
export { LIST_KINDS, ListKindSchema, type ListKind } from './domain/list-kinds.js';
export type { MatchStatus, Reason } from './domain/person-matcher.js';
export { importList, type ImportListInput, type ImportSummary } from './use-cases/import-list.js';
export {
  getImport,
  listMatches,
  matchesCsv,
  type ImportRecord,
  type MatchLine,
} from './use-cases/matches.js';
export {
  reviewCandidate,
  ReviewCandidateSchema,
  type ReviewCandidate,
  type ReviewResult,
} from './use-cases/review-candidate.js';
export {
  listImportRows,
  listImports,
  ListImportsQuerySchema,
  ListRowsQuerySchema,
  type CandidateView,
  type RowsPage,
  type RowView,
} from './use-cases/browse.js';
export {
  exportList,
  EXPORT_KINDS,
  ExportKindSchema,
  ExportQuerySchema,
  type ExportFile,
  type ExportKind,
  type ExportQuery,
} from './use-cases/exports.js';
export {
  applyImportFacts,
  type ImportFactsContext,
  type ImportFactsResult,
  type Refresh,
} from './use-cases/import-facts.js';
export { LIST_FACTS } from './domain/list-facts.js';
export {
  decideFlag,
  FLAG_KINDS,
  FlagDecisionSchema,
  FlagQuerySchema,
  FlagViewSchema,
  getFlag,
  listFlags,
  runCrossChecks,
  type CrossCheckResult,
  type FlagDecision,
  type FlagKind,
  type FlagQuery,
  type FlagView,
} from './use-cases/flags.js';
