import { z } from 'zod';
import type { AnyTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import {
  auditedTransaction,
  covers,
  requirePermission,
  type Actor,
  type AuditEntry,
  type Role,
} from '../../access/index.js';
import { notify, type NotificationInput } from '../../notifications/index.js';
import type { ApplicationProcess } from '../../rules/index.js';
import type { ApplicationsContext } from '../applications-context.js';
import { NO_STEP, placeAt, stepFrom } from '../domain/chain.js';
import { toFen, type FrozenDecision } from '../domain/decision.js';
import { factAt, limitClaims } from '../domain/limits.js';
import { mapApplication, type ApplicationView } from '../domain/view.js';
import { applicationRepository, type ApplicationRow } from '../infra/application.repository.js';
import { judge, processFor, today, openDeclared, sealDeclared } from './judge.js';

export const ApplicantSchema = z.strictObject({
  type: z.enum(['person', 'enterprise']),
  id: z.number().int().positive(),
});

export const PreviewApplicationSchema = z.strictObject({
  programmeId: z.string().min(1).max(60),
  /** Staff at a desk name the applicant; citizens and enterprises apply for themselves. */
  applicant: ApplicantSchema.optional(),
  /** Facts of the case the applicant declares (the rules contract's vocabulary). */
  declared: z.record(z.string(), z.unknown()).default({}),
});
export type PreviewApplication = z.input<typeof PreviewApplicationSchema>;

export const CreateApplicationSchema = PreviewApplicationSchema.extend({
  /** Submit at once (after the applicant has seen the decision in a preview). */
  submit: z.boolean().default(false),
});
export type CreateApplication = z.input<typeof CreateApplicationSchema>;

export const UpdateApplicationSchema = z.strictObject({
  declared: z.record(z.string(), z.unknown()),
  version: z.number().int().positive(),
});

export const WithdrawApplicationSchema = z.strictObject({
  reason: z.string().min(1).max(500),
});

/** Who applies and through which channel (the registry then checks they are within reach). */
export function applicantOf(
  actor: Actor,
  applicant: z.infer<typeof ApplicantSchema> | undefined,
): { ref: { type: 'person' | 'enterprise'; id: number }; channel: 'online' | 'desk' } {
  if (actor.role === 'citizen' || actor.role === 'enterprise') {
    const own = actor.role === 'citizen' ? actor.person : actor.enterprise;
    const type = actor.role === 'citizen' ? 'person' : 'enterprise';
    if (!own || (applicant && (applicant.type !== type || applicant.id !== own.id)))
      throw new AppError('FORBIDDEN', { path: 'applicant' });
    return { ref: { type, id: own.id }, channel: 'online' };
  }
  requirePermission(actor, 'applications.apply');
  if (!applicant) throw new AppError('APPLICANT_REQUIRED', { path: 'applicant' });
  return { ref: applicant, channel: 'desk' };
}

export function requireAudience(process: ApplicationProcess, type: 'person' | 'enterprise') {
  const a = process.programme.audience;
  if (a !== 'both' && a !== type) throw new AppError('AUDIENCE_MISMATCH', { path: 'programmeId' });
}

export function viewOf(ctx: ApplicationsContext, row: ApplicationRow): ApplicationView {
  const engine = ctx.rules.engineFor(row.applied_on);
  const process = engine.processOf(row.programme_id);
  const p = process?.programme;
  return mapApplication(
    row,
    { id: row.programme_id, name: p?.name ?? row.programme_id, nameEn: p?.nameEn ?? row.programme_id },
    process?.steps ?? [],
    today(ctx),
  );
}

/** What the engine would decide, with reasons, before anything is kept. */
export async function previewApplication(ctx: ApplicationsContext, actor: Actor, input: PreviewApplication) {
  const on = today(ctx);
  const { engine, process } = processFor(ctx, input.programmeId, on);
  const { ref } = applicantOf(actor, input.applicant);
  requireAudience(process, ref.type);
  return (await judge(ctx, actor, engine, process, ref, on, input.declared ?? {})).decision;
}

export interface EventInput {
  action: string;
  stepId?: string | null;
  comment?: string | null;
  details?: Record<string, unknown>;
}

/** The case's timeline (`events`) and the audit trail are written by this one function. */
export async function recordEvents(
  trx: AnyTrx,
  audit: (entry: AuditEntry) => void,
  actor: Actor,
  row: Pick<ApplicationRow, 'county' | 'id'>,
  on: string,
  list: EventInput[],
) {
  await applicationRepository.addEvents(
    trx,
    list.map((e) => ({
      county: row.county,
      application_id: row.id,
      on_day: on,
      account_id: actor.accountId,
      username: actor.username,
      role: actor.role,
      action: e.action,
      step_id: e.stepId ?? null,
      comment: e.comment ?? null,
      details: JSON.stringify(e.details ?? {}),
    })),
  );
  for (const e of list)
    audit({
      action: `application.${e.action}`,
      entityType: 'application',
      entityId: row.id,
      details: { stepId: e.stepId ?? null, ...(e.details ?? {}) },
    });
}

export function recordEvent(
  trx: AnyTrx,
  audit: (entry: AuditEntry) => void,
  actor: Actor,
  row: Pick<ApplicationRow, 'county' | 'id'>,
  on: string,
  e: EventInput,
) {
  return recordEvents(trx, audit, actor, row, on, [e]);
}

/** Tell the applicant about their case. */
export function tellApplicant(trx: AnyTrx, row: ApplicationRow, programme: string, zh: string, en: string) {
  return notify(trx, {
    recipients: [{ kind: row.subject_type, county: row.county, id: row.subject_id }],
    topic: 'application',
    subject: { type: 'application', id: row.id },
    zh: `【${programme}】${zh}`,
    en,
  });
}

/** The message to the staff of the step a case now waits at (none when it waits at no step). */
export function worklistNotice(row: ApplicationRow, programme: string): NotificationInput | undefined {
  if (!row.step_division || !row.step_role) return undefined;
  return {
    recipients: [{ kind: 'staff', division: row.step_division, role: row.step_role as Role }],
    topic: 'worklist',
    subject: { type: 'application', id: row.id },
    zh: `【${programme}】申请 ${row.id} 待您办理，办理时限至 ${row.step_due_on}`,
    en: `Application ${row.id} awaits you, due ${row.step_due_on}`,
  };
}

/** Tell the staff of the step the case now waits at. */
export async function tellStep(trx: AnyTrx, row: ApplicationRow, programme: string) {
  const n = worklistNotice(row, programme);
  if (n) await notify(trx, n);
}

/** Load an application the actor may act on as applicant (own, or at a desk within their area). */
export async function loadAsApplicant(ctx: ApplicationsContext, trx: AnyTrx, actor: Actor, id: number) {
  let row: ApplicationRow | undefined;
  if (actor.role === 'citizen' || actor.role === 'enterprise') {
    const own = actor.role === 'citizen' ? actor.person : actor.enterprise;
    row = own
      ? await applicationRepository.find(
          trx,
          id,
          {
            subject: {
              type: actor.role === 'citizen' ? 'person' : 'enterprise',
              county: own.county,
              id: own.id,
            },
          },
          true,
        )
      : undefined;
  } else {
    requirePermission(actor, 'applications.apply');
    row = await applicationRepository.find(trx, id, { division: actor.division }, true);
  }
  if (!row) throw new AppError('APPLICATION_NOT_FOUND');
  return row;
}

/** A draft, or a case returned for correction, with the rules in force today for its programme. */
async function loadEditable(ctx: ApplicationsContext, actor: Actor, id: number) {
  const on = today(ctx);
  const current = await ctx.db.transaction().execute((trx) => loadAsApplicant(ctx, trx, actor, id));
  if (current.status !== 'draft' && current.status !== 'returned')
    throw new AppError('APPLICATION_NOT_EDITABLE');
  const { engine, process } = processFor(ctx, current.programme_id, on);
  const subject = { type: current.subject_type, county: current.county, id: current.subject_id };
  return { on, current, engine, process, subject };
}

/** Change what the applicant declares (a draft, or a case returned for correction): judged again. */
export async function updateApplication(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof UpdateApplicationSchema>,
): Promise<ApplicationView> {
  const { on, current, engine, process, subject } = await loadEditable(ctx, actor, id);
  const judged = await judge(ctx, actor, engine, process, subject, on, input.declared);
  return auditedTransaction(ctx.db, actor, async (trx, audit) => {
    const row = await applicationRepository.update(trx, current.county, current.id, input.version, {
      declared_enc: sealDeclared(ctx, input.declared),
      decision: JSON.stringify(judged.decision),
      amount_fen: toFen(judged.decision.amount),
    });
    if (!row) throw new AppError('CONFLICT', { path: 'version' });
    await recordEvent(trx, audit, actor, row, on, {
      action: 'edited',
      details: { eligible: judged.decision.eligible, facts: Object.keys(input.declared) },
    });
    return viewOf(ctx, row);
  });
}

/** Submit (or resubmit after a return): judged again on today's facts and frozen, limits checked. */
export async function submitApplication(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
): Promise<ApplicationView> {
  const { on, current, engine, process, subject } = await loadEditable(ctx, actor, id);
  const declared = openDeclared(ctx, current);
  const judged = await judge(ctx, actor, engine, process, subject, on, declared);
  return auditedTransaction(ctx.db, actor, async (trx, audit) => {
    const row = await loadAsApplicant(ctx, trx, actor, id);
    if (row.row_version !== current.row_version) throw new AppError('CONFLICT');
    return viewOf(ctx, await submitInTrx(ctx, trx, audit, actor, row, process, judged, on));
  });
}

type SubmissionRow = Pick<
  ApplicationRow,
  'county' | 'subject_type' | 'subject_id' | 'applied_on' | 'division' | 'step_index'
> & { id: number | null; status?: ApplicationRow['status'] };

/**
 * What submitting makes of a case (no database): refused unless judged eligible; its limit claims;
 * the first step (or, after a return, the step that returned it).
 */
export function prepareSubmission(
  ctx: ApplicationsContext,
  process: ApplicationProcess,
  judged: { decision: FrozenDecision; facts: Record<string, unknown> },
  row: SubmissionRow,
  on: string,
) {
  const d = judged.decision;
  if (d.eligible === null)
    throw new AppError('FACTS_REQUIRED', {
      path: 'declared',
      zh: `申请尚缺少以下信息：${d.missing.join('、')}`,
      en: `Missing facts: ${d.missing.join(', ')}`,
    });
  if (!d.eligible) {
    const unmet = d.reasons.filter((r) => r.met === false).map((r) => r.condition);
    throw new AppError('NOT_ELIGIBLE', {
      zh: `不符合申请条件：${unmet.join('；')}`,
      en: 'Does not meet the conditions',
    });
  }
  const claims = limitClaims(
    process,
    { type: row.subject_type, county: row.county, id: row.subject_id },
    Number(row.applied_on.slice(0, 4)),
    judged.facts,
    ctx.rules.engineFor(on).params(on, new Map()),
  ).map((c) => ({ ...c, key: ctx.cipher.hash('limitKey', c.rawKey).toString('base64url') }));
  const resume = row.status === 'returned' && row.step_index !== null ? row.step_index : 0;
  const index = stepFrom(process.steps, row.division, resume);
  if (index === null)
    throw new AppError('INTERNAL', { en: `no step of ${process.programme.id} reaches ${row.division}` });
  const historyKey = process.historyKey ? factAt(judged.facts, process.historyKey) : undefined;
  return {
    claims,
    set: {
      status: 'inReview' as const,
      ...placeAt(process.steps, row.division, index, on),
      decision: JSON.stringify(d),
      amount_fen: toFen(d.amount),
      history_key: historyKey === undefined || historyKey === null ? null : String(historyKey),
      submitted_at: new Date(),
    },
  };
}

export type Claim = ReturnType<typeof prepareSubmission>['claims'][number];

/**
 * What is granted already plus what other open applications claim (`used`), plus this one, must stay
 * within each limit; `pending` carries what earlier cases of the same batch claim, and takes this one's.
 * (At approval the database's counters decide for good.)
 */
export function requireWithinLimits(
  claims: readonly Claim[],
  used: Map<string, number>,
  pending?: Map<string, number>,
) {
  for (const c of claims) {
    const u = (used.get(c.key) ?? 0) + (pending?.get(c.key) ?? 0);
    if (u + c.amount > c.max)
      throw new AppError('LIMIT_REACHED', {
        zh: `${c.text}：已享受或正在办理 ${u}，本次 ${c.amount}，上限 ${c.max}`,
        en: `Limit ${c.limitId}: used ${u}, this ${c.amount}, max ${c.max}`,
      });
  }
  if (pending) for (const c of claims) pending.set(c.key, (pending.get(c.key) ?? 0) + c.amount);
}

export const claimRow = (c: Claim, county: string, applicationId: number) => ({
  county,
  application_id: applicationId,
  limit_id: c.limitId,
  key: c.key,
  amount: c.amount,
  max: c.max,
});

async function readyToSubmit(
  ctx: ApplicationsContext,
  trx: AnyTrx,
  process: ApplicationProcess,
  judged: { decision: FrozenDecision; facts: Record<string, unknown> },
  row: SubmissionRow,
  on: string,
) {
  const ready = prepareSubmission(ctx, process, judged, row, on);
  const used = await applicationRepository.limitUse(
    trx,
    row.county,
    ready.claims.map((c) => c.key),
    row.id,
  );
  requireWithinLimits(ready.claims, used);
  return ready;
}

export function submittedEvent(
  row: ApplicationRow,
  action: 'submitted' | 'resubmitted',
  d: FrozenDecision,
): EventInput {
  return {
    action,
    stepId: row.step_id,
    details: { amount: d.amount, pack: d.pack, dueOn: row.step_due_on },
  };
}

async function submitInTrx(
  ctx: ApplicationsContext,
  trx: AnyTrx,
  audit: (entry: AuditEntry) => void,
  actor: Actor,
  row: ApplicationRow,
  process: ApplicationProcess,
  judged: { decision: FrozenDecision; facts: Record<string, unknown> },
  on: string,
): Promise<ApplicationRow> {
  const ready = await readyToSubmit(ctx, trx, process, judged, row, on);
  await applicationRepository.replaceClaims(
    trx,
    row.county,
    row.id,
    ready.claims.map((c) => claimRow(c, row.county, row.id)),
  );
  const updated = await applicationRepository.update(trx, row.county, row.id, row.row_version, ready.set);
  if (!updated) throw new AppError('CONFLICT');
  const action = row.status === 'returned' ? 'resubmitted' : 'submitted';
  await recordEvent(trx, audit, actor, updated, on, submittedEvent(updated, action, judged.decision));
  await tellStep(trx, updated, process.programme.name);
  return updated;
}

/** Withdraw an application not yet decided (by the applicant, or at a desk on their behalf). */
export async function withdrawApplication(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof WithdrawApplicationSchema>,
): Promise<ApplicationView> {
  const on = today(ctx);
  return auditedTransaction(ctx.db, actor, async (trx, audit) => {
    const row = await loadAsApplicant(ctx, trx, actor, id);
    if (!['draft', 'inReview', 'returned'].includes(row.status))
      throw new AppError('APPLICATION_NOT_EDITABLE');
    if (actor.role !== 'citizen' && actor.role !== 'enterprise' && !covers(actor, row.division))
      throw new AppError('APPLICATION_NOT_FOUND');
    const updated = await applicationRepository.update(trx, row.county, row.id, row.row_version, {
      status: 'withdrawn',
      ...NO_STEP,
      decided_at: new Date(),
      decided_on: on,
    });
    if (!updated) throw new AppError('CONFLICT');
    await applicationRepository.replaceClaims(trx, row.county, row.id, []);
    await recordEvent(trx, audit, actor, updated, on, {
      action: 'withdrawn',
      stepId: row.step_id,
      comment: input.reason,
    });
    return viewOf(ctx, updated);
  });
}
