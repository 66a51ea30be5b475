import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { created, ErrorBodySchema, IdParamsSchema, ok } from '../../../platform/http/schemas.js';
import { requireActor } from '../../../platform/http/session.js';
import { ReferralViewSchema } from '../../services/index.js';
import {
  addMaterial,
  ApplicationViewSchema,
  createApplication,
  CreateApplicationSchema,
  DecisionViewSchema,
  declaredOf,
  getApplication,
  listApplications,
  ListApplicationsSchema,
  listMaterials,
  listObjections,
  MaterialViewSchema,
  ObjectionViewSchema,
  previewApplication,
  publicNotices,
  PublicNoticeQuerySchema,
  PublicNoticeSchema,
  PreviewApplicationSchema,
  raiseObjection,
  RaiseObjectionSchema,
  readMaterial,
  resolveObjection,
  ResolveObjectionSchema,
  ReviewActionSchema,
  referApplicant,
  ReferApplicantSchema,
  reviewApplication,
  submitApplication,
  timeline,
  TimelineEntrySchema,
  updateApplication,
  UpdateApplicationSchema,
  withdrawApplication,
  WithdrawApplicationSchema,
  worklist,
  WorklistQuerySchema,
  WorkItemViewSchema,
} from '../index.js';

const DIFFICULTY = 'employment-difficulty-identification';
const UPLOAD_TYPES = ['application/octet-stream', 'application/pdf', 'image/jpeg', 'image/png'];

/** Applications (and 就业困难人员认定, an application of that service on the same chain). */
export function applicationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['applications'];
    // Materials arrive as the raw file (the type is judged from the content, not from this header).
    app.addContentTypeParser(
      UPLOAD_TYPES,
      { parseAs: 'buffer', bodyLimit: ctx.materials.maxBytes + 1 },
      (_req, body, done) => done(null, body),
    );
    app.post(
      '/applications/preview',
      {
        schema: {
          tags,
          summary: '申请预审 What the engine would decide, with reasons, before anything is kept',
          body: PreviewApplicationSchema,
          response: ok(DecisionViewSchema),
        },
      },
      async (req) => previewApplication(ctx, requireActor(req), req.body),
    );
    app.post(
      '/applications',
      {
        schema: {
          tags,
          summary: '提交申请 Start an application (facts prefilled), and submit it if asked',
          body: CreateApplicationSchema,
          response: { ...created(ApplicationViewSchema), 422: ErrorBodySchema },
        },
        // The busiest route: its answer is our own typed view, written without checking it again.
        serializerCompiler: () => (data) => JSON.stringify(data),
      },
      async (req, reply) => reply.status(201).send(await createApplication(ctx, requireActor(req), req.body)),
    );
    app.get(
      '/applications',
      {
        schema: {
          tags,
          summary: '申请列表 Your applications, or those within your jurisdiction',
          querystring: ListApplicationsSchema,
          response: ok(z.array(ApplicationViewSchema)),
        },
      },
      async (req) => listApplications(ctx, requireActor(req), req.query),
    );
    app.get(
      '/applications/worklist',
      {
        schema: {
          tags,
          summary: '待办 Cases waiting at your steps, nearest deadline first (overdue flagged)',
          querystring: WorklistQuerySchema,
          response: ok(z.array(WorkItemViewSchema)),
        },
      },
      async (req) => worklist(ctx, requireActor(req), req.query),
    );
    app.get(
      '/applications/:id',
      {
        schema: {
          tags,
          summary: '申请详情 One application',
          params: IdParamsSchema,
          response: ok(ApplicationViewSchema),
        },
      },
      async (req) => getApplication(ctx, requireActor(req), req.params.id),
    );
    app.get(
      '/applications/:id/declared',
      {
        schema: {
          tags,
          summary: '申报信息 What the applicant declared',
          params: IdParamsSchema,
          response: ok(z.record(z.string(), z.unknown())),
        },
      },
      async (req) => declaredOf(ctx, requireActor(req), req.params.id),
    );
    app.patch(
      '/applications/:id',
      {
        schema: {
          tags,
          summary: '修改申报 Change what is declared (a draft, or a case returned for correction)',
          params: IdParamsSchema,
          body: UpdateApplicationSchema,
          response: ok(ApplicationViewSchema),
        },
      },
      async (req) => updateApplication(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/applications/:id/submit',
      {
        schema: {
          tags,
          summary: '提交/重新提交 Submit, or resubmit after correction',
          params: IdParamsSchema,
          response: { ...ok(ApplicationViewSchema), 422: ErrorBodySchema },
        },
      },
      async (req) => submitApplication(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/applications/:id/withdraw',
      {
        schema: {
          tags,
          summary: '撤回申请 Withdraw an application not yet decided',
          params: IdParamsSchema,
          body: WithdrawApplicationSchema,
          response: ok(ApplicationViewSchema),
        },
      },
      async (req) => withdrawApplication(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/applications/:id/review',
      {
        schema: {
          tags,
          summary: '审核 Approve, return for correction, or reject at your step',
          params: IdParamsSchema,
          body: ReviewActionSchema,
          response: { ...ok(ApplicationViewSchema.loose()), 422: ErrorBodySchema },
        },
      },
      async (req) => reviewApplication(ctx, requireActor(req), req.params.id, req.body),
    );
    app.get(
      '/applications/:id/timeline',
      {
        schema: {
          tags,
          summary: '办理过程 Who did what, when',
          params: IdParamsSchema,
          response: ok(z.array(TimelineEntrySchema)),
        },
      },
      async (req) => timeline(ctx, requireActor(req), req.params.id),
    );
    app.get(
      '/applications/:id/objections',
      {
        schema: {
          tags,
          summary: '公示异议 Objections',
          params: IdParamsSchema,
          response: ok(z.array(ObjectionViewSchema)),
        },
      },
      async (req) => listObjections(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/applications/:id/objections',
      {
        schema: {
          tags,
          summary: '登记公示异议 Record an objection raised during the notice',
          params: IdParamsSchema,
          body: RaiseObjectionSchema,
          response: created(ObjectionViewSchema),
        },
      },
      async (req, reply) =>
        reply.status(201).send(await raiseObjection(ctx, requireActor(req), req.params.id, req.body)),
    );
    app.post(
      '/applications/:id/objections/:objectionId/resolve',
      {
        schema: {
          tags,
          summary: '处理公示异议 Resolve an objection (upheld or not)',
          params: z.strictObject({
            id: z.coerce.number().int().positive(),
            objectionId: z.coerce.number().int().positive(),
          }),
          body: ResolveObjectionSchema,
          response: ok(ObjectionViewSchema),
        },
      },
      async (req) =>
        resolveObjection(ctx, requireActor(req), req.params.id, req.params.objectionId, req.body),
    );
    app.get(
      '/applications/:id/materials',
      {
        schema: {
          tags,
          summary: '申请材料 Materials',
          params: IdParamsSchema,
          response: ok(z.array(MaterialViewSchema)),
        },
      },
      async (req) => listMaterials(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/applications/:id/materials',
      {
        schema: {
          tags,
          summary: '上传材料 Upload a material (the file as the body: PDF, JPEG or PNG)',
          params: IdParamsSchema,
          querystring: z.strictObject({
            kind: z.string().min(1).max(100),
            filename: z.string().min(1).max(200),
          }),
          response: created(MaterialViewSchema),
        },
      },
      async (req, reply) =>
        reply.status(201).send(
          await addMaterial(ctx, requireActor(req), req.params.id, {
            kind: req.query.kind,
            filename: req.query.filename,
            data: req.body as Buffer,
          }),
        ),
    );
    app.get(
      '/applications/:id/materials/:materialId',
      {
        schema: {
          tags,
          summary: '下载材料 Download a material (checksum verified)',
          params: z.strictObject({
            id: z.coerce.number().int().positive(),
            materialId: z.coerce.number().int().positive(),
          }),
        },
      },
      async (req, reply) => {
        const { material, data } = await readMaterial(
          ctx,
          requireActor(req),
          req.params.id,
          req.params.materialId,
        );
        return reply
          .header('content-type', material.mime)
          .header(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent(material.filename)}`,
          )
          .send(data);
      },
    );

    app.post(
      '/applications/:id/referrals',
      {
        schema: {
          tags,
          summary: '转介民政 Refer the applicant of a 临时生活补助 case to civil affairs (低保, 临时救助)',
          params: IdParamsSchema,
          body: ReferApplicantSchema,
          response: created(ReferralViewSchema),
        },
      },
      async (req, reply) =>
        reply.status(201).send(await referApplicant(ctx, requireActor(req), req.params.id, req.body)),
    );

    app.get(
      '/public-notices',
      {
        schema: {
          tags: ['public'],
          summary: '公示 Cases under public notice today in a place (no login; names masked)',
          querystring: PublicNoticeQuerySchema,
          response: ok(z.array(PublicNoticeSchema)),
        },
      },
      async (req) => publicNotices(ctx, req.query),
    );

    // 就业困难人员认定: an application of that service, going through its chain (公示 included).
    const dtags = ['difficulty-identifications'];
    app.post(
      '/difficulty-identifications',
      {
        schema: {
          tags: dtags,
          summary: '就业困难人员认定申请 Apply for identification (village intake → 公示 → township → city)',
          body: CreateApplicationSchema.omit({ programmeId: true }),
          response: { ...created(ApplicationViewSchema), 422: ErrorBodySchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await createApplication(ctx, requireActor(req), { ...req.body, programmeId: DIFFICULTY })),
    );
    app.get(
      '/difficulty-identifications',
      {
        schema: {
          tags: dtags,
          summary: '就业困难人员认定列表 Identifications (yours, or within your jurisdiction)',
          querystring: ListApplicationsSchema.omit({ programmeId: true }),
          response: ok(z.array(ApplicationViewSchema)),
        },
      },
      async (req) => listApplications(ctx, requireActor(req), { ...req.query, programmeId: DIFFICULTY }),
    );
  };
}
