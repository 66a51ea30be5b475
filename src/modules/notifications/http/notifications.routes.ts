import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { IdParamsSchema, ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import {
  listNotifications,
  markNotificationRead,
  NotificationQuerySchema,
  NotificationViewSchema,
  setSmsEnabled,
  smsGatewayFor,
  startSmsDispatcher,
} from '../index.js';

/**
 * `GET /notifications`, `POST /notifications/:id/read`. When the configuration names an SMS gateway,
 * the SMS dispatcher runs in this server from when it is ready until it closes.
 */
export function notificationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];
    const gateway = smsGatewayFor(ctx.config, app.log);
    setSmsEnabled(gateway !== undefined);
    if (gateway) {
      let dispatcher: { stop(): Promise<void> } | undefined;
      app.addHook('onReady', async () => {
        dispatcher = startSmsDispatcher(ctx, gateway, ctx.config.smsIntervalMs, { log: app.log });
      });
      app.addHook('onClose', async () => dispatcher?.stop());
    }
    app.get(
      '/notifications',
      {
        schema: {
          tags,
          summary: '站内消息 My notifications, newest first',
          querystring: NotificationQuerySchema,
          response: ok(z.array(NotificationViewSchema)),
        },
      },
      async (req) => listNotifications(ctx, requireActor(req), req.query),
    );
    app.post(
      '/notifications/:id/read',
      {
        schema: {
          tags,
          summary: '标为已读 Mark a notification read',
          params: IdParamsSchema,
          response: { 204: z.null(), ...ok(z.null()) },
        },
      },
      async (req, reply) => {
        await markNotificationRead(ctx, requireActor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
