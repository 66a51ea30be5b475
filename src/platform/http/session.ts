import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveSession, type Actor } from '../../modules/access/index.js';
import type { AnyDb } from '../db/database.js';
import { AppError } from '../errors/index.js';

export const SESSION_COOKIE = 'jiuye_session';
export const CSRF_COOKIE = 'jiuye_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
    sessionToken: string | undefined;
    /** The logged-in account's display name (for the pages' header). */
    displayName: string | undefined;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Sessions live in an HttpOnly cookie. A write with a session must carry the session's CSRF token in
 * the `x-csrf-token` header (the token is also readable from the `jiuye_csrf` cookie by our own pages);
 * a cross-site form cannot read it, so it cannot forge the write.
 */
export function installSessions(app: FastifyInstance, db: AnyDb): void {
  app.decorateRequest('actor', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('displayName', undefined);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || req.url === '/api/v1/auth/login') return;
    const s = await resolveSession(db, token, { channel: 'api', ip: req.ip });
    if (!s) return;
    if (UNSAFE.has(req.method) && req.headers[CSRF_HEADER] !== s.csrfToken) {
      throw new AppError('CSRF_FAILED');
    }
    req.actor = s.actor;
    req.sessionToken = token;
    req.displayName = s.displayName;
  });
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export function setSessionCookies(
  reply: FastifyReply,
  token: string,
  csrfToken: string,
  expires: Date,
  secure: boolean,
): void {
  const base = { path: '/', sameSite: 'lax' as const, secure, expires };
  void reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  void reply.setCookie(CSRF_COOKIE, csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  void reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
