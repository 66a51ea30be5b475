import { z } from 'zod';
import type { AnyTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import { auditedTransaction, requirePermission, type Actor } from '../../access/index.js';
import type { ApplicationsContext } from '../applications-context.js';
import { NO_STEP, placeAt, stepFrom } from '../domain/chain.js';
import { decisionDifferences, toFen, type FrozenDecision } from '../domain/decision.js';
import type { ApplicationView } from '../domain/view.js';
import { applicationRepository, type ApplicationRow } from '../infra/application.repository.js';
import { applyApproval } from './approval-effects.js';
import { recordEvent, tellApplicant, tellStep, viewOf } from './apply.js';
import { judge, processFor, today, openDeclared } from './judge.js';

export const ReviewActionSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('approve'),
    comment: z.string().max(2000).optional(),
    /** At final approval: the differences shown, acknowledged by the approver (their `what` list). */
    acknowledgeDifferences: z.array(z.string().max(100)).optional(),
    version: z.number().int().positive().optional(),
  }),
  z.strictObject({
    action: z.enum(['return', 'reject']),
    comment: z.string().trim().min(1, '须写明理由').max(2000),
    version: z.number().int().positive().optional(),
  }),
]);
export type ReviewAction = z.infer<typeof ReviewActionSchema>;

/** The case, if it waits at a step of this actor: their role, exactly their division. */
export async function loadAtMyStep(trx: AnyTrx, actor: Actor, id: number): Promise<ApplicationRow> {
  requirePermission(actor, 'applications.review');
  const row = await applicationRepository.find(trx, id, { division: actor.division }, true);
  if (!row) throw new AppError('APPLICATION_NOT_FOUND');
  if (row.status !== 'inReview') throw new AppError('APPLICATION_NOT_EDITABLE');
  if (row.step_role !== actor.role || row.step_division !== actor.division)
    throw new AppError('NOT_YOUR_STEP');
  return row;
}

/**
 * Act at a step of the review chain: approve (the next step, or at the last one the decision, judged
 * again on today's facts), return for correction, or reject — with reasons. A 公示 step completes only
 * after its days have run and every objection is resolved (none upheld).
 */
export async function reviewApplication(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
  input: ReviewAction,
): Promise<
  ApplicationView & {
    differences?: ReturnType<typeof decisionDifferences>;
    warnings?: Array<{ code: string; zh: string; en: string }>;
  }
> {
  const on = today(ctx);
  // The final decision judges the case again, outside the transaction (reads only).
  const peek = await ctx.db.transaction().execute((trx) => loadAtMyStep(trx, actor, id));
  if (input.version !== undefined && input.version !== peek.row_version)
    throw new AppError('CONFLICT', { path: 'version' });
  const { engine, process } = processFor(ctx, peek.programme_id, peek.applied_on);
  const steps = process.steps;
  const step = steps[peek.step_index!]!;
  const next = input.action === 'approve' ? stepFrom(steps, peek.division, peek.step_index! + 1) : null;
  let final: FrozenDecision | undefined;
  let differences: ReturnType<typeof decisionDifferences> = [];
  if (input.action === 'approve' && next === null) {
    const declared = openDeclared(ctx, peek);
    const subject = { type: peek.subject_type, county: peek.county, id: peek.subject_id };
    const engineToday = ctx.rules.engineFor(on);
    const now = await judge(
      ctx,
      actor,
      engineToday.processOf(peek.programme_id) ? engineToday : engine,
      process,
      subject,
      on,
      declared,
    );
    final = now.decision;
    // The history now holds nothing of this case (it is not approved yet), so the facts compare fairly.
    differences = decisionDifferences(peek.decision as FrozenDecision, final).filter(
      (d) => d.what !== 'fact:history',
    );
    const acknowledged = new Set(input.acknowledgeDifferences ?? []);
    const unacknowledged = differences.filter((d) => !acknowledged.has(d.what));
    if (unacknowledged.length)
      throw new AppError('DECISION_CHANGED', {
        zh: `按今日信息重新测算，以下内容与申请时不同：${unacknowledged.map((d) => d.what).join('、')}；请核对后确认（acknowledgeDifferences）`,
        en: `Differences: ${unacknowledged.map((d) => d.what).join(', ')}`,
      }).withDetails({ differences: unacknowledged });
    if (final.eligible !== true)
      throw new AppError('NOT_ELIGIBLE', {
        zh: '按今日信息重新测算，已不符合条件，只能退回或不予批准',
        en: 'No longer eligible on today’s facts: return or reject',
      });
    // Placeholders are never paid (programmes.md, second reading): no money is committed on them.
    if (final.provisional === true) throw provisionalAmountError();
  }
  return auditedTransaction(ctx.db, actor, async (trx, audit) => {
    const row = await loadAtMyStep(trx, actor, id);
    if (row.row_version !== peek.row_version) throw new AppError('CONFLICT');
    if (input.action === 'approve' && step.kind === 'notice') await requireNoticeClosed(trx, row, on);
    let updated: ApplicationRow | undefined;
    let event: string;
    if (input.action === 'return') {
      event = 'returned';
      updated = await applicationRepository.update(trx, row.county, row.id, row.row_version, {
        status: 'returned',
      });
    } else if (input.action === 'reject') {
      event = 'rejected';
      updated = await applicationRepository.update(trx, row.county, row.id, row.row_version, {
        status: 'rejected',
        ...NO_STEP,
        decided_at: new Date(),
        decided_on: on,
      });
    } else if (next !== null) {
      event = 'approvedStep';
      updated = await applicationRepository.update(trx, row.county, row.id, row.row_version, {
        ...placeAt(steps, row.division, next, on),
      });
    } else {
      event = 'approved';
      updated = await applicationRepository.update(trx, row.county, row.id, row.row_version, {
        status: 'approved',
        ...NO_STEP,
        final_decision: JSON.stringify({ ...final!, acknowledged: differences }),
        amount_fen: toFen(final!.amount),
        decided_at: new Date(),
        decided_on: on,
      });
    }
    if (!updated) throw new AppError('CONFLICT');
    const warnings =
      event === 'approved'
        ? (await applyApproval(ctx, trx, actor, updated, process, final!, on)).warnings
        : [];
    await recordEvent(trx, audit, actor, updated, on, {
      action: event,
      stepId: step.id,
      comment: input.comment ?? null,
      details:
        event === 'approved' ? { amount: final!.amount, differences: differences.map((d) => d.what) } : {},
    });
    const name = process.programme.name;
    if (event === 'approvedStep') await tellStep(trx, updated, name);
    if (event === 'returned')
      await tellApplicant(
        trx,
        updated,
        name,
        `申请已退回补正：${input.comment}`,
        `Returned for correction: ${input.comment}`,
      );
    if (event === 'rejected')
      await tellApplicant(trx, updated, name, `申请未予批准：${input.comment}`, `Rejected: ${input.comment}`);
    if (event === 'approved')
      await tellApplicant(
        trx,
        updated,
        name,
        `申请已批准，核定金额 ${final!.amount} 元`,
        `Approved: ${final!.amount} yuan`,
      );
    return {
      ...viewOf(ctx, updated),
      ...(differences.length ? { differences } : {}),
      ...(warnings.length ? { warnings } : {}),
    };
  });
}

/** A notice step closes once its days have run (the day after its last) with every objection settled. */
async function requireNoticeClosed(trx: AnyTrx, row: ApplicationRow, on: string) {
  if (!row.notice_to || on <= row.notice_to)
    throw new AppError('NOTICE_NOT_ENDED', { zh: `公示期至 ${row.notice_to} 止，期满后方可结束公示` });
  const objections = await applicationRepository.objections(trx, row.county, row.id);
  if (objections.some((o) => o.resolved_on === null)) throw new AppError('OBJECTIONS_UNRESOLVED');
  if (objections.some((o) => o.upheld)) throw new AppError('OBJECTION_UPHELD');
}

/** The final approval of an amount that rests on a parameter the city has not set (*to be set*). */
export function provisionalAmountError(): AppError {
  return new AppError('PROVISIONAL_AMOUNT', {
    zh: '补贴标准待市政府确定，当前金额为占位值，不得据以发放：可以审核，但在市政府确定标准前不能批准发放',
    en: 'The amount rests on a placeholder the city has not set: it can be reviewed, not approved for payment',
  });
}
