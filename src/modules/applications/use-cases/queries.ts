import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { requirePermission, type Actor } from '../../access/index.js';
import type { ApplicationsContext } from '../applications-context.js';
import { mapWorkItem, type ApplicationView, type WorkItemView } from '../domain/view.js';
import { applicationRepository, type ApplicationRow } from '../infra/application.repository.js';
import { viewOf } from './apply.js';
import { today, openDeclared } from './judge.js';

/** An application the actor may read: their own, or one within their jurisdiction. */
export async function loadReadable(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
): Promise<ApplicationRow> {
  let row: ApplicationRow | undefined;
  if (actor.role === 'citizen' || actor.role === 'enterprise') {
    const own = actor.role === 'citizen' ? actor.person : actor.enterprise;
    const type = actor.role === 'citizen' ? 'person' : 'enterprise';
    row = own
      ? await applicationRepository.find(ctx.db, id, { subject: { type, county: own.county, id: own.id } })
      : undefined;
  } else {
    requirePermission(actor, 'applications.read');
    row = await applicationRepository.find(ctx.db, id, { division: actor.division });
  }
  if (!row) throw new AppError('APPLICATION_NOT_FOUND');
  return row;
}

export async function getApplication(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
): Promise<ApplicationView> {
  return viewOf(ctx, await loadReadable(ctx, actor, id));
}

/** What the applicant declared, for them and for the staff reviewing it (identity numbers in it stay masked in the decision). */
export async function declaredOf(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
): Promise<Record<string, unknown>> {
  const row = await loadReadable(ctx, actor, id);
  return openDeclared(ctx, row);
}

export const ListApplicationsSchema = z.strictObject({
  status: z.enum(['draft', 'inReview', 'returned', 'rejected', 'withdrawn', 'approved']).optional(),
  programmeId: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  beforeId: z.coerce.number().int().positive().optional(),
});

/** The applicant's own applications, or those within a staff member's jurisdiction, newest first. */
export async function listApplications(
  ctx: ApplicationsContext,
  actor: Actor,
  q: z.infer<typeof ListApplicationsSchema>,
): Promise<ApplicationView[]> {
  let subject;
  if (actor.role === 'citizen' || actor.role === 'enterprise') {
    const own = actor.role === 'citizen' ? actor.person : actor.enterprise;
    if (!own) return [];
    subject = { type: actor.role === 'citizen' ? 'person' : 'enterprise', county: own.county, id: own.id };
  } else {
    requirePermission(actor, 'applications.read');
  }
  const rows = await applicationRepository.list(ctx.db, {
    ...(subject ? { subject } : { division: actor.division }),
    ...(q.status ? { status: q.status } : {}),
    ...(q.programmeId ? { programmeId: q.programmeId } : {}),
    ...(q.beforeId ? { beforeId: q.beforeId } : {}),
    limit: q.limit,
  });
  return rows.map((r) => viewOf(ctx, r));
}

export const WorklistQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Page on from the last row seen: its due date and id. */
  afterDue: z.string().optional(),
  afterId: z.coerce.number().int().positive().optional(),
  /** Only the cases of one programme. */
  programmeId: z.string().max(60).optional(),
});

/** The cases waiting at the actor's own steps (their role, their division), the nearest deadline first. */
export async function worklist(
  ctx: ApplicationsContext,
  actor: Actor,
  q: z.infer<typeof WorklistQuerySchema>,
): Promise<WorkItemView[]> {
  requirePermission(actor, 'applications.review');
  const rows = await applicationRepository.worklist(
    ctx.db,
    actor.division,
    actor.role,
    q.limit,
    q.afterDue && q.afterId ? { due: q.afterDue, id: q.afterId } : undefined,
    q.programmeId,
  );
  const on = today(ctx);
  return rows.map((r) => {
    const process = ctx.rules.engineFor(r.applied_on).processOf(r.programme_id);
    const p = process?.programme;
    return mapWorkItem(
      r,
      { id: r.programme_id, name: p?.name ?? r.programme_id, nameEn: p?.nameEn ?? r.programme_id },
      process?.steps ?? [],
      on,
    );
  });
}

export const TimelineEntrySchema = z.object({
  at: z.string(),
  onDay: z.string(),
  who: z.string(),
  role: z.string(),
  action: z.string(),
  stepId: z.string().nullable(),
  comment: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

/** Who did what, when. */
export async function timeline(ctx: ApplicationsContext, actor: Actor, id: number) {
  const row = await loadReadable(ctx, actor, id);
  return (await applicationRepository.events(ctx.db, row.county, row.id)).map((e) => ({
    at: e.at.toISOString(),
    onDay: e.on_day,
    who: e.username,
    role: e.role,
    action: e.action,
    stepId: e.step_id,
    comment: e.comment,
    details: (e.details ?? {}) as Record<string, unknown>,
  }));
}
