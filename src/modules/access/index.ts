/** The access module: accounts, roles, jurisdiction scope, sessions and the audit trail. */
export { can, covers, requirePermission, systemActor, type Actor, type Channel } from './domain/actor.js';
export {
  isStaff,
  permissions,
  permissionsOf,
  RoleSchema,
  roleLevel,
  roleNames,
  type Permission,
  type Role,
} from './domain/roles.js';
export { canonicalJson } from './domain/audit-hash.js';
export type { AccessTables } from './infra/tables.js';
export { auditedTransaction, recordAudit, type AuditEntry } from './use-cases/record-audit.js';
export { verifyAuditTrail } from './use-cases/verify-audit-trail.js';
export {
  listAuditRecords,
  AuditRecordViewSchema,
  type AuditQuery,
  type AuditRecordView,
} from './use-cases/list-audit-records.js';
export {
  createAccount,
  CreateAccountSchema,
  AccountViewSchema,
  listAccounts,
  type AccountView,
  type CreateAccount,
} from './use-cases/create-account.js';
export {
  login,
  logout,
  resolveSession,
  LOCKOUT_MS,
  MAX_FAILED_LOGINS,
  type LoginResult,
  type ResolvedSession,
} from './use-cases/login.js';
export { listRoles, RoleViewSchema, type RoleView } from './use-cases/list-roles.js';
export {
  AccountStatusViewSchema,
  changeAccountStatus,
  listAccountStatus,
  resetAccountPassword,
  ResetPasswordSchema,
  type AccountAction,
  type AccountStatusView,
} from './use-cases/manage-accounts.js';
export {
  AuditPageSchema,
  AuditSearchSchema,
  searchAuditRecords,
  type AuditSearch,
} from './use-cases/search-audit-records.js';
