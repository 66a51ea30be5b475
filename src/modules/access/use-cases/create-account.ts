import { z } from 'zod';
import type { AnyDb } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import { divisionLevelOfCode, isActiveDivision } from '../../divisions/index.js';
import { covers, requirePermission, type Actor } from '../domain/actor.js';
import { checkPasswordStrength, hashPassword } from '../domain/password.js';
import { RoleSchema, roleLevel } from '../domain/roles.js';
import { accountRepository } from '../infra/account.repository.js';
import { recordAudit } from './record-audit.js';

export const CreateAccountSchema = z.strictObject({
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '用户名须为 3–40 位小写字母、数字或 . _ -'),
  displayName: z.string().min(1).max(50),
  password: z.string().max(200),
  role: RoleSchema,
  division: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/),
  person: z.strictObject({ county: z.string().length(6), id: z.number().int().positive() }).optional(),
  enterprise: z.strictObject({ county: z.string().length(6), id: z.number().int().positive() }).optional(),
});
export type CreateAccount = z.infer<typeof CreateAccountSchema>;

export const AccountViewSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  division: z.string(),
  disabled: z.boolean(),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

/** Create a user account (system administrator, or the local `jiuye users add`). */
export async function createAccount(db: AnyDb, actor: Actor, input: CreateAccount): Promise<AccountView> {
  requirePermission(actor, 'accounts.manage');
  const level = roleLevel[input.role];
  if (!isActiveDivision(input.division)) throw new AppError('UNKNOWN_DIVISION', { path: 'division' });
  if (!covers(actor, input.division)) throw new AppError('DIVISION_OUT_OF_SCOPE', { path: 'division' });
  if (level !== 'any' && divisionLevelOfCode(input.division) !== level) {
    throw new AppError('ROLE_DIVISION_MISMATCH', { path: 'division' });
  }
  checkPasswordStrength(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const row = await accountRepository.insert(trx, {
      username: input.username,
      display_name: input.displayName,
      password_hash: passwordHash,
      role: input.role,
      division_code: input.division,
      person_county: input.person?.county ?? null,
      person_id: input.person?.id ?? null,
      enterprise_county: input.enterprise?.county ?? null,
      enterprise_id: input.enterprise?.id ?? null,
    });
    if (!row) throw new AppError('USERNAME_TAKEN', { path: 'username' });
    await recordAudit(trx, actor, {
      action: 'account.create',
      entityType: 'account',
      entityId: row.id,
      details: { username: row.username, role: row.role, division: row.division_code },
    });
    return mapAccount(row);
  });
}

export function mapAccount(row: {
  id: number;
  username: string;
  display_name: string;
  role: string;
  division_code: string;
  disabled: boolean;
}): AccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    division: row.division_code,
    disabled: row.disabled,
  };
}

/** Accounts within the actor's jurisdiction. */
export async function listAccounts(db: AnyDb, actor: Actor): Promise<AccountView[]> {
  requirePermission(actor, 'accounts.manage');
  return (await accountRepository.list(db, actor.division, 1000)).map(mapAccount);
}
