/**
 * The applications module: intake with the engine's decision frozen (pack version, facts and their
 * sources), the review chain as the pack's data (village → township → city, 公示 where needed) with
 * working-day deadlines, limits across applications backed by constraints, materials, the timeline.
 */
export type { ApplicationsContext } from './applications-context.js';
export type { ApplicationsTables } from './infra/tables.js';
export {
  ApplicationViewSchema,
  DecisionViewSchema,
  WorkItemViewSchema,
  type ApplicationView,
  type WorkItemView,
} from './domain/view.js';
export type { FrozenDecision } from './domain/decision.js';
export {
  ApplicantSchema,
  CreateApplicationSchema,
  previewApplication,
  PreviewApplicationSchema,
  submitApplication,
  updateApplication,
  UpdateApplicationSchema,
  withdrawApplication,
  WithdrawApplicationSchema,
} from './use-cases/apply.js';
export { createApplication } from './use-cases/intake.js';
export { reviewApplication, ReviewActionSchema, type ReviewAction } from './use-cases/review.js';
export {
  listObjections,
  ObjectionViewSchema,
  publicNotices,
  PublicNoticeQuerySchema,
  PublicNoticeSchema,
  raiseObjection,
  RaiseObjectionSchema,
  resolveObjection,
  ResolveObjectionSchema,
} from './use-cases/notice.js';
export {
  declaredOf,
  getApplication,
  listApplications,
  ListApplicationsSchema,
  timeline,
  TimelineEntrySchema,
  worklist,
  WorklistQuerySchema,
} from './use-cases/queries.js';
export { addMaterial, listMaterials, MaterialViewSchema, readMaterial } from './use-cases/materials.js';
export { seedSyntheticApplications } from './seed/synthetic-applications.js';
export { referApplicant, ReferApplicantSchema } from './use-cases/refer.js';
export { countApplicationsByDivision, type ApplicationCount } from './use-cases/aggregates.js';
export { listPersonApplications } from './use-cases/person-applications.js';
export { applicationsForCrossCheck, type ApplicationForCrossCheck } from './use-cases/cross-check.js';
