/** The funds module: funds, yearly budgets, commitments, the double-entry ledger, payment batches, 抽查. */
export type { FundsContext } from './funds-context.js';
export type { FundsTables } from './infra/tables.js';
export { fenToYuan, parseYuan } from './domain/money.js';
export { ACCOUNT_KINDS, JOURNAL_KINDS, type AccountKind, type JournalKind } from './domain/ledger.js';
export { parseBankResults, type BankResult } from './domain/bank-results.js';
// The door the applications module calls at final approval, inside its transaction.
export {
  cancelCommitment,
  commitForApproval,
  commitMany,
  CommitmentRequestSchema,
  paymentsForApplications,
  PaymentItemViewSchema,
  releasePart,
  type CommitmentRequest,
  type FundWarning,
  type PaymentItemView,
} from './use-cases/commitments.js';
export {
  BudgetViewSchema,
  fundLedger,
  FundViewSchema,
  LedgerViewSchema,
  listBudgets,
  listFunds,
  setBudget,
  SetBudgetSchema,
  type BudgetView,
  type FundView,
  type LedgerView,
  type SetBudget,
} from './use-cases/budgets.js';
export {
  BatchItemViewSchema,
  BatchViewSchema,
  createBatch,
  CreateBatchSchema,
  getBatch,
  listBatches,
  listBatchItems,
  recordResults,
  ResultsSchema,
  resumeBatches,
  runBatch,
  type BatchItemView,
  type BatchProgress,
  type BatchView,
  type CreateBatch,
  type Results,
} from './use-cases/payment-batches.js';
export {
  prepareRoster,
  RosterQuerySchema,
  type PreparedRoster,
  type RosterQuery,
} from './use-cases/roster.js';
export {
  drawSpotChecks,
  DrawSpotChecksSchema,
  DrawViewSchema,
  getSpotCheck,
  listSpotCheckRates,
  listSpotChecks,
  claimRecovery,
  ClaimRecoverySchema,
  recordRecovery,
  recordSpotCheckResult,
  RecoverySchema,
  SetSpotCheckRateSchema,
  setSpotCheckRate,
  SpotCheckRateViewSchema,
  SpotCheckResultSchema,
  SpotCheckViewSchema,
  type DrawView,
  type SpotCheckView,
} from './use-cases/spot-checks.js';
export {
  ledgerBalance,
  verifyLedger,
  type LedgerBalance,
  type LedgerProblem,
} from './use-cases/verify-ledger.js';
export { fundTotals, moneyByDivision, type FundTotal, type MoneyByDivision } from './use-cases/aggregates.js';
export {
  HeldItemViewSchema,
  HOLD_REASONS,
  listHeldItems,
  type HeldItemView,
} from './use-cases/held-items.js';
// Payment holds while a cross-check flag is under review (the exchange module's door into payments).
export { applicationsWithMoneyToPay, holdsOn, placeHold, releaseHold } from './use-cases/holds.js';
