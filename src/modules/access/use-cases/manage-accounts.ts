import { z } from 'zod';
import { sql, type Kysely } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import { covers, requirePermission, type Actor } from '../domain/actor.js';
import { checkPasswordStrength, hashPassword } from '../domain/password.js';
import type { AccessTables } from '../infra/tables.js';
import { auditedTransaction } from './record-audit.js';

const t = (db: AnyDb | AnyTrx) => db as unknown as Kysely<AccessTables>;

export const AccountStatusViewSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  division: z.string(),
  disabled: z.boolean(),
  /** Locked after too many wrong passwords, until this time (null: not locked). */
  lockedUntil: z.string().nullable(),
  /** The last successful login recorded in the audit trail (null: never, or not in this chain). */
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AccountStatusView = z.infer<typeof AccountStatusViewSchema>;

/**
 * The accounts within the administrator's jurisdiction, with whether each is disabled or locked and
 * when it last logged in (from the audit trail's `login` records).
 */
export async function listAccountStatus(db: AnyDb, actor: Actor): Promise<AccountStatusView[]> {
  requirePermission(actor, 'accounts.manage');
  const rows = await t(db)
    .selectFrom('accounts')
    .select([
      'id',
      'username',
      'display_name',
      'role',
      'division_code',
      'disabled',
      'locked_until',
      'created_at',
    ])
    .where('division_code', 'like', actor.division + '%')
    .orderBy('id')
    .limit(1000)
    .execute();
  const ids = rows.map((r) => String(r.id));
  const logins = ids.length
    ? await t(db)
        .selectFrom('audit_log')
        .select(['entity_id', sql<Date>`max(at)`.as('last')])
        .where('action', '=', 'login')
        .where('entity_type', '=', 'account')
        .where('entity_id', 'in', ids)
        .groupBy('entity_id')
        .execute()
    : [];
  const last = new Map(logins.map((l) => [l.entity_id, new Date(l.last)]));
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    division: r.division_code,
    disabled: r.disabled,
    lockedUntil: r.locked_until && r.locked_until.getTime() > now ? r.locked_until.toISOString() : null,
    lastLoginAt: last.get(String(r.id))?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }));
}

/** An account within the administrator's jurisdiction; one outside it is not found. */
async function accountInScope(trx: AnyDb | AnyTrx, actor: Actor, id: number) {
  const row = await t(trx)
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row || !covers(actor, row.division_code)) {
    throw new AppError('NOT_FOUND', { path: 'id', zh: '找不到该账号', en: 'Account not found' });
  }
  return row;
}

function endSessions(trx: AnyTrx, accountId: number) {
  return t(trx).deleteFrom('sessions').where('account_id', '=', accountId).execute();
}

export type AccountAction = 'disable' | 'enable' | 'unlock';

/**
 * Disable or enable an account, or lift a lockout after wrong passwords. Disabling ends its sessions
 * (other processes notice within the session cache's few seconds). One cannot disable oneself.
 */
export async function changeAccountStatus(
  db: AnyDb,
  actor: Actor,
  id: number,
  action: AccountAction,
): Promise<void> {
  requirePermission(actor, 'accounts.manage');
  await auditedTransaction(db, actor, async (trx, audit) => {
    const row = await accountInScope(trx, actor, id);
    if (action === 'disable' && row.id === actor.accountId) {
      throw new AppError('VALIDATION_FAILED', {
        path: 'id',
        zh: '不能停用自己正在使用的账号',
        en: 'You cannot disable your own account',
      });
    }
    const set =
      action === 'unlock'
        ? { failed_logins: 0, locked_until: null }
        : { disabled: action === 'disable', updated_at: new Date() };
    await t(trx).updateTable('accounts').set(set).where('id', '=', id).execute();
    if (action === 'disable') await endSessions(trx, id);
    audit({
      action: `account.${action}`,
      entityType: 'account',
      entityId: id,
      details: { username: row.username },
    });
  });
}

export const ResetPasswordSchema = z.strictObject({ password: z.string().max(200) });

/** Set a new password for an account (the holder is told it in person); its sessions end, lockout lifted. */
export async function resetAccountPassword(
  db: AnyDb,
  actor: Actor,
  id: number,
  password: string,
): Promise<void> {
  requirePermission(actor, 'accounts.manage');
  checkPasswordStrength(password);
  const hash = await hashPassword(password);
  await auditedTransaction(db, actor, async (trx, audit) => {
    const row = await accountInScope(trx, actor, id);
    await t(trx)
      .updateTable('accounts')
      .set({ password_hash: hash, failed_logins: 0, locked_until: null, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await endSessions(trx, id);
    audit({
      action: 'account.resetPassword',
      entityType: 'account',
      entityId: id,
      details: { username: row.username },
    });
  });
}
