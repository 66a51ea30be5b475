import { z } from 'zod';
import type { ReviewStep } from '../../rules/index.js';
import type { ApplicationRow, WorkItemRow } from '../infra/application.repository.js';
import type { FrozenDecision } from './decision.js';

export const ComponentViewSchema = z.object({ id: z.string(), amount: z.number(), payer: z.string() });
export const DecisionViewSchema = z.object({
  pack: z.string().describe('政策包版本'),
  date: z.string(),
  eligible: z.boolean().nullable(),
  amount: z.number().describe('元'),
  components: z.array(ComponentViewSchema),
  reasons: z.array(z.object({ condition: z.string(), met: z.boolean().nullable() })),
  missing: z.array(z.string()),
  legalBasis: z.string(),
  fund: z.string().nullable(),
  facts: z.record(z.string(), z.unknown()).describe('所用事实（身份号码已脱敏）'),
  sources: z.record(
    z.string(),
    z.object({
      kind: z.string(),
      ref: z.string().nullable(),
      validFrom: z.string().nullable().optional(),
      validTo: z.string().nullable().optional(),
    }),
  ),
  conflicts: z.array(z.object({ fact: z.string(), declared: z.unknown(), registry: z.unknown() })),
});

export const StepViewSchema = z.object({
  index: z.number(),
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.enum(['review', 'notice']),
  role: z.string(),
  division: z.string(),
  startedOn: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
});

export const ApplicationViewSchema = z.object({
  id: z.number(),
  county: z.string(),
  programme: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
  applicant: z.object({ type: z.enum(['person', 'enterprise']), id: z.number() }),
  division: z.string(),
  status: z.enum(['draft', 'inReview', 'returned', 'rejected', 'withdrawn', 'approved']),
  channel: z.enum(['online', 'desk']),
  appliedOn: z.string(),
  step: StepViewSchema.nullable(),
  notice: z.object({ from: z.string(), to: z.string() }).nullable(),
  chain: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: z.string(),
      level: z.string(),
      workingDays: z.number(),
    }),
  ),
  decision: DecisionViewSchema.nullable(),
  finalDecision: DecisionViewSchema.extend({ acknowledged: z.array(z.unknown()) }).nullable(),
  amount: z.number().nullable().describe('核定金额（元）'),
  decidedOn: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type ApplicationView = z.infer<typeof ApplicationViewSchema>;

type StepColumns = Pick<
  ApplicationRow,
  'status' | 'step_index' | 'step_division' | 'step_started_on' | 'step_due_on' | 'notice_from' | 'notice_to'
>;

/** Where a case waits, and whether its time limit has passed. */
function stepOf(r: StepColumns, steps: readonly ReviewStep[], today: string): ApplicationView['step'] {
  const step = r.step_index === null ? undefined : steps[r.step_index];
  if (!step || r.status === 'approved' || r.status === 'rejected' || r.status === 'withdrawn') return null;
  return {
    index: r.step_index!,
    id: step.id,
    name: step.name,
    nameEn: step.nameEn,
    kind: step.kind,
    role: step.role,
    division: r.step_division!,
    startedOn: r.step_started_on!,
    dueOn: r.step_due_on!,
    overdue: r.status === 'inReview' && today > r.step_due_on!,
  };
}

const noticeOf = (r: StepColumns) =>
  r.notice_from && r.notice_to ? { from: r.notice_from, to: r.notice_to } : null;

export function mapWorkItem(
  r: WorkItemRow,
  programme: { id: string; name: string; nameEn: string },
  steps: readonly ReviewStep[],
  today: string,
): WorkItemView {
  return {
    id: r.id,
    county: r.county,
    programme,
    applicant: { type: r.subject_type, id: r.subject_id },
    division: r.division,
    status: r.status,
    channel: r.channel,
    appliedOn: r.applied_on,
    step: stepOf(r, steps, today),
    notice: noticeOf(r),
    amount: r.amount_fen === null ? null : r.amount_fen / 100,
    submittedAt: r.submitted_at?.toISOString() ?? null,
  };
}

export function mapApplication(
  r: ApplicationRow,
  programme: { id: string; name: string; nameEn: string },
  steps: readonly ReviewStep[],
  today: string,
): ApplicationView {
  return {
    ...mapWorkItem(r, programme, steps, today),
    chain: steps.map((s) => ({
      id: s.id,
      name: s.name,
      role: s.role,
      level: s.level,
      workingDays: s.workingDays,
    })),
    decision: (r.decision as FrozenDecision | null) ?? null,
    finalDecision: (r.final_decision as (FrozenDecision & { acknowledged: unknown[] }) | null) ?? null,
    decidedOn: r.decided_on,
    version: r.row_version,
    createdAt: r.created_at.toISOString(),
  };
}

/** A case in a worklist: what the officer needs to pick it up (the decision is in the case itself). */
export const WorkItemViewSchema = ApplicationViewSchema.pick({
  id: true,
  county: true,
  programme: true,
  applicant: true,
  division: true,
  status: true,
  channel: true,
  appliedOn: true,
  step: true,
  notice: true,
  amount: true,
  submittedAt: true,
});
export type WorkItemView = z.infer<typeof WorkItemViewSchema>;
