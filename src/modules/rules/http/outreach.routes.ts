import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import {
  latestScan,
  LatestScanSchema,
  listOutreach,
  NotifyFindingsSchema,
  notifyFindings,
  NotifyResultSchema,
  OutreachItemSchema,
  OutreachQuerySchema,
} from '../index.js';

/** 政策找人 worked as a list: the latest scan, the list with names and notices, notifying people. */
export function outreachRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['rules'];
    app.get(
      '/rules/scans/latest',
      {
        schema: {
          tags,
          summary: '最近一次扫描 The latest 政策找人 scan within your jurisdiction (null when none)',
          response: ok(LatestScanSchema.nullable()),
        },
      },
      async (req) => latestScan(ctx, requireActor(req)),
    );
    app.get(
      '/rules/outreach',
      {
        schema: {
          tags,
          summary: '政策找人名单（含姓名与通知情况）The list with names, places and who was notified when',
          querystring: OutreachQuerySchema,
          response: ok(z.array(OutreachItemSchema)),
        },
      },
      async (req) => listOutreach(ctx, requireActor(req), req.query),
    );
    app.post(
      '/rules/outreach/notify',
      {
        schema: {
          tags,
          summary: '通知 Tell people on the list they may qualify (audited; a finding is notified once)',
          body: NotifyFindingsSchema,
          response: ok(NotifyResultSchema),
        },
      },
      async (req) => notifyFindings(ctx, requireActor(req), req.body),
    );
  };
}
