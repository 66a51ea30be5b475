import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { requireActor } from '../../../platform/http/session.js';
import { IdParamsSchema, ok } from '../../../platform/http/schemas.js';
import {
  AccountStatusViewSchema,
  AuditPageSchema,
  AuditSearchSchema,
  changeAccountStatus,
  listAccountStatus,
  listRoles,
  resetAccountPassword,
  ResetPasswordSchema,
  RoleViewSchema,
  searchAuditRecords,
} from '../index.js';

const Done = z.object({ ok: z.literal(true) });

/** The system administrator's and auditor's pages: roles, account status and actions, the audit search. */
export function accessAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/roles',
      {
        schema: {
          tags: ['access'],
          summary: '角色与权限 The roles and what each may do',
          response: ok(z.array(RoleViewSchema)),
        },
      },
      async (req) => listRoles(requireActor(req)),
    );
    app.get(
      '/users/overview',
      {
        schema: {
          tags: ['access'],
          summary: '用户状态 Accounts in the jurisdiction: disabled, locked, last login',
          response: ok(z.array(AccountStatusViewSchema)),
        },
      },
      async (req) => listAccountStatus(ctx.db, requireActor(req)),
    );
    for (const action of ['disable', 'enable', 'unlock'] as const) {
      app.post(
        `/users/:id/${action}`,
        {
          schema: {
            tags: ['access'],
            summary: {
              disable: '停用账号 Disable an account (ends its sessions)',
              enable: '启用账号 Enable an account again',
              unlock: '解除锁定 Lift the lockout after wrong passwords',
            }[action],
            params: IdParamsSchema,
            response: ok(Done),
          },
        },
        async (req) => {
          await changeAccountStatus(ctx.db, requireActor(req), req.params.id, action);
          return { ok: true as const };
        },
      );
    }
    app.post(
      '/users/:id/password',
      {
        schema: {
          tags: ['access'],
          summary: '重置密码 Set a new password (ends the account’s sessions)',
          params: IdParamsSchema,
          body: ResetPasswordSchema,
          response: ok(Done),
        },
      },
      async (req) => {
        await resetAccountPassword(ctx.db, requireActor(req), req.params.id, req.body.password);
        return { ok: true as const };
      },
    );
    app.get(
      '/audit/records',
      {
        schema: {
          tags: ['audit'],
          summary:
            '审计记录查询 The audit trail by actor, action, subject and days, newest first, a page at a time',
          querystring: AuditSearchSchema,
          response: ok(AuditPageSchema),
        },
      },
      async (req) => searchAuditRecords(ctx.db, requireActor(req), req.query),
    );
  };
}
