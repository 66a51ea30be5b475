import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { created, IdParamsSchema, ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import {
  AnswerReferralSchema,
  answerReferral,
  CreateReferralSchema,
  createReferral,
  getReferral,
  listReferrals,
  ReferralQuerySchema,
  ReferralViewSchema,
  SupplyInformationSchema,
  supplyReferralInformation,
} from '../index.js';

/** 转介民政: referrals to civil affairs (低保, 临时救助), tracked to an answer. */
export function referralsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['services'];
    app.post(
      '/referrals',
      {
        schema: {
          tags,
          summary: '转介民政 Refer a person to civil affairs for 低保 or 临时救助',
          body: CreateReferralSchema,
          response: created(ReferralViewSchema),
        },
      },
      async (req, reply) => reply.status(201).send(await createReferral(ctx, requireActor(req), req.body)),
    );
    app.get(
      '/referrals',
      {
        schema: {
          tags,
          summary: '转介列表 Referrals within your jurisdiction, overdue ones flagged',
          querystring: ReferralQuerySchema,
          response: ok(z.array(ReferralViewSchema)),
        },
      },
      async (req) => listReferrals(ctx, requireActor(req), req.query),
    );
    app.get(
      '/referrals/:id',
      {
        schema: {
          tags,
          summary: '转介详情 One referral with its answers',
          params: IdParamsSchema,
          response: ok(ReferralViewSchema),
        },
      },
      async (req) => getReferral(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/referrals/:id/answer',
      {
        schema: {
          tags,
          summary: '民政答复 Answer a referral: accepted, declined, or needs more information (with a note)',
          params: IdParamsSchema,
          body: AnswerReferralSchema,
          response: ok(ReferralViewSchema),
        },
      },
      async (req) => answerReferral(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/referrals/:id/information',
      {
        schema: {
          tags,
          summary: '补充材料 Supply the information civil affairs asked for',
          params: IdParamsSchema,
          body: SupplyInformationSchema,
          response: ok(ReferralViewSchema),
        },
      },
      async (req) => supplyReferralInformation(ctx, requireActor(req), req.params.id, req.body),
    );
  };
}
