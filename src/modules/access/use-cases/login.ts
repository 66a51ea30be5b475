import crypto from 'node:crypto';
import type { AnyDb } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import type { Actor, Channel } from '../domain/actor.js';
import { verifyPassword } from '../domain/password.js';
import type { Role } from '../domain/roles.js';
import { accountRepository, sessionRepository } from '../infra/account.repository.js';
import { mapAccount, type AccountView } from './create-account.js';
import { recordAudit } from './record-audit.js';

export const SESSION_TTL_MS = 12 * 3600_000;
export const SESSION_IDLE_MS = 2 * 3600_000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

/** A scrypt hash of a random password, checked when the username is unknown, so timing says nothing. */
let dummyHash: Promise<string> | undefined;

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  account: AccountView;
}

export function hashToken(token: string): Buffer {
  return crypto.createHash('sha256').update(token).digest();
}

function anonymous(username: string, channel: Channel, ip: string | undefined): Actor {
  return { accountId: null, username, role: 'citizen', division: '', channel, ip };
}

/**
 * Check a password and open a session. Five wrong passwords in a row lock the account for 15 minutes
 * (a per-address rate limit on the route slows guessing across accounts). Every attempt is audited.
 */
export async function login(
  db: AnyDb,
  input: { username: string; password: string },
  from: { channel: Channel; ip?: string | undefined },
): Promise<LoginResult> {
  const account = await accountRepository.findByUsername(db, input.username);
  if (!account) {
    dummyHash ??= import('../domain/password.js').then((m) => m.hashPassword(crypto.randomUUID()));
    await verifyPassword(input.password, await dummyHash);
    await db.transaction().execute((trx) =>
      recordAudit(trx, anonymous(input.username, from.channel, from.ip), {
        action: 'login.failed',
        details: { reason: 'unknownUser' },
      }),
    );
    throw new AppError('INVALID_CREDENTIALS');
  }
  const actor: Actor = {
    accountId: account.id,
    username: account.username,
    role: account.role as Role,
    division: account.division_code,
    channel: from.channel,
    ip: from.ip,
  };
  if (account.disabled) throw new AppError('ACCOUNT_DISABLED');
  if (account.locked_until && account.locked_until > new Date()) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, actor, {
        action: 'login.failed',
        entityType: 'account',
        entityId: account.id,
        details: { reason: 'locked' },
      }),
    );
    throw new AppError('ACCOUNT_LOCKED');
  }
  const ok = await verifyPassword(input.password, account.password_hash);
  if (!ok) {
    const locked = await db.transaction().execute(async (trx) => {
      const nowLocked = await accountRepository.recordFailure(trx, account.id, MAX_FAILED_LOGINS, LOCKOUT_MS);
      await recordAudit(trx, actor, {
        action: nowLocked ? 'login.locked' : 'login.failed',
        entityType: 'account',
        entityId: account.id,
        details: { reason: 'wrongPassword' },
      });
      return nowLocked;
    });
    throw new AppError(locked ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.transaction().execute(async (trx) => {
    await accountRepository.resetFailures(trx, account.id);
    await sessionRepository.insert(trx, {
      token_hash: hashToken(token),
      account_id: account.id,
      csrf_token: csrfToken,
      expires_at: expiresAt,
    });
    await recordAudit(trx, actor, { action: 'login', entityType: 'account', entityId: account.id });
  });
  return { token, csrfToken, expiresAt, account: mapAccount(account) };
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  displayName: string;
}

/**
 * Sessions read in the last few seconds, per process: a busy desk sends many requests a second, and
 * each would otherwise read its session again. A logout in this process takes effect at once; a
 * logout, a disabled account or a changed role elsewhere within SESSION_CACHE_MS (decision 0016).
 */
export const SESSION_CACHE_MS = 5_000;
const sessionCache = new Map<
  string,
  { row: NonNullable<Awaited<ReturnType<typeof sessionRepository.find>>>; at: number }
>();

async function findSession(db: AnyDb, tokenHash: Buffer) {
  const key = tokenHash.toString('base64');
  const now = Date.now();
  const hit = sessionCache.get(key);
  if (hit && now - hit.at < SESSION_CACHE_MS) return hit.row;
  const row = await sessionRepository.find(db, tokenHash);
  if (sessionCache.size > 10_000) sessionCache.clear();
  if (row) sessionCache.set(key, { row, at: now });
  else sessionCache.delete(key);
  return row;
}

const forgetSession = (tokenHash: Buffer) => sessionCache.delete(tokenHash.toString('base64'));

/** The actor behind a session token, or undefined when the session is unknown, expired or idle too long. */
export async function resolveSession(
  db: AnyDb,
  token: string,
  from: { channel: Channel; ip?: string | undefined },
): Promise<ResolvedSession | undefined> {
  const tokenHash = hashToken(token);
  const s = await findSession(db, tokenHash);
  if (!s || s.disabled) return undefined;
  const now = Date.now();
  if (s.expires_at.getTime() <= now || s.last_seen_at.getTime() + SESSION_IDLE_MS <= now) {
    forgetSession(tokenHash);
    await sessionRepository.delete(db, tokenHash);
    return undefined;
  }
  if (now - s.last_seen_at.getTime() > 60_000) {
    s.last_seen_at = new Date(now); // the cached row too, so the next requests do not touch again
    await sessionRepository.touch(db, tokenHash);
  }
  return {
    csrfToken: s.csrf_token,
    displayName: s.display_name,
    actor: {
      accountId: s.account_id,
      username: s.username,
      role: s.role as Role,
      division: s.division_code,
      person: s.person_id && s.person_county ? { county: s.person_county, id: s.person_id } : undefined,
      enterprise:
        s.enterprise_id && s.enterprise_county
          ? { county: s.enterprise_county, id: s.enterprise_id }
          : undefined,
      channel: from.channel,
      ip: from.ip,
    },
  };
}

export async function logout(db: AnyDb, token: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    forgetSession(hashToken(token));
    await sessionRepository.delete(trx, hashToken(token));
    await recordAudit(trx, actor, {
      action: 'logout',
      entityType: 'account',
      entityId: actor.accountId ?? undefined,
    });
  });
}
