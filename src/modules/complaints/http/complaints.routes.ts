import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { created, IdParamsSchema, ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import { systemActor } from '../../access/index.js';
import {
  AnswerComplaintSchema,
  answerComplaint,
  ComplaintFollowViewSchema,
  ComplaintQuerySchema,
  ComplaintReceiptSchema,
  ComplaintViewSchema,
  FollowParamsSchema,
  FollowQuerySchema,
  followComplaint,
  listComplaints,
  SendComplaintSchema,
  sendComplaint,
} from '../index.js';

/** 投诉建议: sent without login, followed with a reference and follow code, answered by staff. */
export function complaintsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['complaints'];
    app.post(
      '/complaints',
      {
        schema: {
          tags,
          summary: '投诉建议 Send a complaint or suggestion (no login; at most 10 a minute from one address)',
          body: SendComplaintSchema,
          response: created(ComplaintReceiptSchema),
        },
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await sendComplaint(ctx, req.actor ?? { ...systemActor('api', 'public'), ip: req.ip }, req.body),
          ),
    );
    app.get(
      '/complaints/:reference',
      {
        schema: {
          tags,
          summary: '查询办理结果 Follow a complaint with its reference and follow code (no login)',
          params: FollowParamsSchema,
          querystring: FollowQuerySchema,
          response: ok(ComplaintFollowViewSchema),
        },
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (req) => followComplaint(ctx, req.params.reference, req.query.code),
    );
    app.get(
      '/complaints',
      {
        schema: {
          tags,
          summary: '投诉建议列表 Complaints and suggestions within your jurisdiction, overdue ones flagged',
          querystring: ComplaintQuerySchema,
          response: ok(z.array(ComplaintViewSchema)),
        },
      },
      async (req) => listComplaints(ctx, requireActor(req), req.query),
    );
    app.post(
      '/complaints/:id/answer',
      {
        schema: {
          tags,
          summary: '答复 Answer a complaint or suggestion (once)',
          params: IdParamsSchema,
          body: AnswerComplaintSchema,
          response: ok(ComplaintViewSchema),
        },
      },
      async (req) => answerComplaint(ctx, requireActor(req), req.params.id, req.body),
    );
  };
}
