import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import type { AnyTrx } from '../../../platform/db/database.js';
import { auditedTransaction, requirePermission, type Actor, type AuditEntry } from '../../access/index.js';
import { HOME_COUNTY } from '../../../platform/config/config.js';
import { divisionName } from '../../divisions/index.js';
import { publicNamesOf } from '../../registry/index.js';
import type { ApplicationsContext } from '../applications-context.js';
import {
  applicationRepository,
  type ApplicationRow,
  type ObjectionRow,
} from '../infra/application.repository.js';
import { recordEvent } from './apply.js';
import { today } from './judge.js';

export const RaiseObjectionSchema = z.strictObject({
  /** Who objects (a name, or 匿名); recorded as they give it. */
  raisedBy: z.string().trim().min(1).max(100),
  content: z.string().trim().min(1).max(2000),
});
export const ResolveObjectionSchema = z.strictObject({
  upheld: z.boolean(),
  resolution: z.string().trim().min(1).max(2000),
});

export const ObjectionViewSchema = z.object({
  id: z.number(),
  raisedOn: z.string(),
  raisedBy: z.string(),
  content: z.string(),
  resolvedOn: z.string().nullable(),
  upheld: z.boolean().nullable(),
  resolution: z.string().nullable(),
});
export type ObjectionView = z.infer<typeof ObjectionViewSchema>;

const view = (o: ObjectionRow): ObjectionView => ({
  id: o.id,
  raisedOn: o.raised_on,
  raisedBy: o.raised_by,
  content: o.content,
  resolvedOn: o.resolved_on,
  upheld: o.upheld,
  resolution: o.resolution,
});

/** Act on a case within the reviewer's area, locked, in an audited transaction. */
function inCase<T>(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
  fn: (trx: AnyTrx, audit: (e: AuditEntry) => void, row: ApplicationRow, on: string) => Promise<T>,
): Promise<T> {
  requirePermission(actor, 'applications.review');
  const on = today(ctx);
  return auditedTransaction(ctx.db, actor, async (trx, audit) => {
    const row = await applicationRepository.find(trx, id, { division: actor.division }, true);
    if (!row) throw new AppError('APPLICATION_NOT_FOUND');
    return fn(trx, audit, row, on);
  });
}

/**
 * Record an objection to a case under 公示, on a day within the notice: staff of the area take it in
 * (from a visit, a call or a letter) and it must be resolved before the notice can close.
 */
export async function raiseObjection(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof RaiseObjectionSchema>,
): Promise<ObjectionView> {
  return inCase(ctx, actor, id, async (trx, audit, row, on) => {
    if (
      row.status !== 'inReview' ||
      !row.notice_from ||
      !row.notice_to ||
      on < row.notice_from ||
      on > row.notice_to
    )
      throw new AppError('NOT_IN_NOTICE');
    const o = await applicationRepository.addObjection(trx, {
      county: row.county,
      application_id: row.id,
      raised_on: on,
      raised_by: input.raisedBy,
      content: input.content,
      recorded_by: actor.accountId,
      resolved_on: null,
      resolved_by: null,
      upheld: null,
      resolution: null,
    });
    await recordEvent(trx, audit, actor, row, on, {
      action: 'objectionRaised',
      stepId: row.step_id,
      details: { objection: o.id },
    });
    return view(o);
  });
}

/** Resolve an objection (upheld or not, with the finding) — by the staff of the notice's step. */
export async function resolveObjection(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
  objectionId: number,
  input: z.infer<typeof ResolveObjectionSchema>,
): Promise<ObjectionView> {
  return inCase(ctx, actor, id, async (trx, audit, row, on) => {
    if (row.status !== 'inReview' || row.step_role !== actor.role || row.step_division !== actor.division)
      throw new AppError('NOT_YOUR_STEP');
    const o = await applicationRepository.resolveObjection(trx, row.county, row.id, objectionId, {
      resolved_on: on,
      resolved_by: actor.accountId,
      upheld: input.upheld,
      resolution: input.resolution,
    });
    if (!o) throw new AppError('OBJECTION_NOT_FOUND');
    await recordEvent(trx, audit, actor, row, on, {
      action: 'objectionResolved',
      stepId: row.step_id,
      comment: input.resolution,
      details: { objection: o.id, upheld: input.upheld },
    });
    return view(o);
  });
}

export async function listObjections(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
): Promise<ObjectionView[]> {
  requirePermission(actor, 'applications.read');
  const row = await applicationRepository.find(ctx.db, id, { division: actor.division });
  if (!row) throw new AppError('APPLICATION_NOT_FOUND');
  return (await applicationRepository.objections(ctx.db, row.county, row.id)).map(view);
}

export const PublicNoticeQuerySchema = z.strictObject({
  /** A village, township or the county (default: the whole county). */
  division: z
    .string()
    .regex(/^\d{6}(\d{3}(\d{3})?)?$/, '应为 6、9 或 12 位行政区划代码')
    .default(HOME_COUNTY),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const PublicNoticeSchema = z.object({
  applicationId: z.number().describe('公示编号（异议时请注明）'),
  programme: z.string(),
  applicant: z.string().describe('姓名（个人只显示姓）或企业名称'),
  division: z.object({ code: z.string(), name: z.string().nullable() }),
  amount: z.number().nullable().describe('拟核定金额（元）'),
  from: z.string(),
  to: z.string(),
});

/**
 * What a 公示 shows the public, without login: the cases under notice today in a place — the
 * programme, the applicant (a person's surname only), the village, the amount and the days — so that
 * anyone may raise an objection at the office within the period.
 */
export async function publicNotices(ctx: ApplicationsContext, q: z.infer<typeof PublicNoticeQuerySchema>) {
  const on = today(ctx);
  const rows = await applicationRepository.underNotice(ctx.db, q.division, on, q.limit);
  const names = await publicNamesOf(
    ctx.db,
    rows.map((r) => ({ type: r.subject_type, county: r.county, id: r.subject_id })),
  );
  return rows.map((r) => ({
    applicationId: r.id,
    programme: ctx.rules.engineFor(r.applied_on).processOf(r.programme_id)?.programme.name ?? r.programme_id,
    applicant: names.get(`${r.subject_type}:${r.county}:${r.subject_id}`) ?? '',
    division: { code: r.division, name: divisionName(r.division) },
    amount: r.amount_fen === null ? null : r.amount_fen / 100,
    from: r.notice_from!,
    to: r.notice_to!,
  }));
}
