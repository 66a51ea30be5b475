import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { clearSessionCookies, requireActor, setSessionCookies } from '../../../platform/http/session.js';
import { created, errorResponses, ok } from '../../../platform/http/schemas.js';
import {
  AccountViewSchema,
  AuditRecordViewSchema,
  createAccount,
  CreateAccountSchema,
  listAccounts,
  login,
  logout,
  permissionsOf,
  roleNames,
} from '../index.js';
import { listAuditRecords } from '../use-cases/list-audit-records.js';
import { verifyAuditTrail } from '../use-cases/verify-audit-trail.js';

export function accessRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['access'],
          summary: '登录 Log in',
          body: z.strictObject({ username: z.string().max(40), password: z.string().max(200) }),
          response: {
            ...ok(z.object({ account: AccountViewSchema, csrfToken: z.string(), expiresAt: z.string() })),
            423: errorResponses[400],
            429: errorResponses[400],
          },
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const r = await login(ctx.db, req.body, { channel: 'api', ip: req.ip });
        setSessionCookies(reply, r.token, r.csrfToken, r.expiresAt, ctx.config.secureCookies);
        return { account: r.account, csrfToken: r.csrfToken, expiresAt: r.expiresAt.toISOString() };
      },
    );

    app.post(
      '/auth/logout',
      { schema: { tags: ['access'], summary: '退出登录 Log out' } },
      async (req, reply) => {
        const actor = requireActor(req);
        await logout(ctx.db, req.sessionToken!, actor);
        clearSessionCookies(reply);
        return { ok: true };
      },
    );

    app.get('/auth/me', { schema: { tags: ['access'], summary: '当前用户 Who am I' } }, async (req) => {
      const actor = requireActor(req);
      return {
        username: actor.username,
        displayName: req.displayName ?? actor.username,
        role: actor.role,
        roleName: actor.role === 'system' ? null : roleNames[actor.role],
        division: actor.division,
        person: actor.person ?? null,
        enterprise: actor.enterprise ?? null,
        permissions: permissionsOf(actor.role),
      };
    });

    app.get(
      '/users',
      { schema: { tags: ['access'], summary: '用户列表 Users', response: ok(z.array(AccountViewSchema)) } },
      async (req) => listAccounts(ctx.db, requireActor(req)),
    );

    app.post(
      '/users',
      {
        schema: {
          tags: ['access'],
          summary: '新建用户 Create a user',
          body: CreateAccountSchema,
          response: created(AccountViewSchema),
        },
      },
      async (req, reply) => {
        const account = await createAccount(ctx.db, requireActor(req), req.body);
        return reply.status(201).send(account);
      },
    );

    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: '审计记录 Audit trail',
          querystring: z.strictObject({
            entityType: z.string().max(40).optional(),
            entityId: z.string().max(40).optional(),
            action: z.string().max(60).optional(),
            actor: z.string().max(40).optional(),
            before: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(500).optional(),
          }),
          response: ok(z.array(AuditRecordViewSchema)),
        },
      },
      async (req) =>
        listAuditRecords(ctx.db, requireActor(req), { ...req.query, actorUsername: req.query.actor }),
    );

    app.post(
      '/audit/verify',
      { schema: { tags: ['audit'], summary: '校验审计链 Verify the audit chain' } },
      async (req) => verifyAuditTrail(ctx.db, requireActor(req)),
    );
  };
}
