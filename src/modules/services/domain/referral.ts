import { z } from 'zod';
import {
  CalendarOutOfRangeError,
  addWorkingDays,
  workingDaysBetween,
} from '../../../shared/calendar/index.js';
import type { ReferralEventRow, ReferralRow } from '../infra/referral.repository.js';

/** 低保 (最低生活保障) or 临时救助. */
export const ReferralKindSchema = z.enum(['minimumLiving', 'temporaryAssistance']);
export const ReferralStatusSchema = z.enum(['open', 'needsMoreInformation', 'accepted', 'declined']);

export const CreateReferralSchema = z.strictObject({
  personId: z.number().int().positive(),
  kind: ReferralKindSchema,
  reason: z.string().trim().min(2).max(1000),
  /** The 临时生活补助 application it came from. */
  applicationId: z.number().int().positive().optional(),
});
export type CreateReferral = z.infer<typeof CreateReferralSchema>;

export const AnswerReferralSchema = z
  .strictObject({
    outcome: z.enum(['accepted', 'declined', 'needsMoreInformation']),
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .refine((a) => a.outcome === 'accepted' || a.note !== undefined, {
    path: ['note'],
    message: '不予受理或要求补充材料时须说明理由',
  });
export type AnswerReferral = z.infer<typeof AnswerReferralSchema>;

export const SupplyInformationSchema = z.strictObject({ note: z.string().trim().min(1).max(1000) });
export type SupplyInformation = z.infer<typeof SupplyInformationSchema>;

export const ReferralQuerySchema = z.strictObject({
  status: z.enum(['open', 'needsMoreInformation', 'accepted', 'declined', 'unanswered', 'closed']).optional(),
  kind: ReferralKindSchema.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  personId: z.coerce.number().int().positive().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type ReferralQuery = Partial<z.output<typeof ReferralQuerySchema>>;

const EventSchema = z.object({
  kind: z.enum(['accepted', 'declined', 'needsMoreInformation', 'informationSupplied']),
  note: z.string().nullable(),
  on: z.string(),
  by: z.string().describe('username'),
});

export const ReferralViewSchema = z.object({
  id: z.number(),
  county: z.string(),
  personId: z.number(),
  division: z.string().describe('the person’s place of habitual residence when referred'),
  kind: ReferralKindSchema,
  reason: z.string(),
  applicationId: z.number().nullable(),
  referredOn: z.string(),
  referredBy: z.object({ username: z.string(), role: z.string(), division: z.string() }),
  status: ReferralStatusSchema.describe(
    'open: awaiting civil affairs; needsMoreInformation: awaiting the referring staff; accepted/declined: closed',
  ),
  waitingSince: z.string(),
  dueOn: z.string().nullable().describe('answer due (working days); null beyond the published calendar'),
  overdue: z.boolean(),
  workingDaysWaiting: z.number().nullable(),
  closedOn: z.string().nullable(),
  history: z.array(EventSchema),
});
export type ReferralView = z.infer<typeof ReferralViewSchema>;

/** The day an answer is due, `days` working days after `from`; null beyond the published calendar. */
export function answerDue(from: string, days: number): string | null {
  try {
    return addWorkingDays(from, days);
  } catch (e) {
    if (e instanceof CalendarOutOfRangeError) return null;
    throw e;
  }
}

function waited(from: string, today: string): number | null {
  try {
    return workingDaysBetween(from, today);
  } catch (e) {
    if (e instanceof CalendarOutOfRangeError) return null;
    throw e;
  }
}

export function mapReferral(
  r: ReferralRow,
  events: readonly ReferralEventRow[],
  today: string,
): ReferralView {
  const open = r.status === 'open';
  return {
    id: r.id,
    county: r.county,
    personId: r.person_id,
    division: r.division,
    kind: r.kind,
    reason: r.reason,
    applicationId: r.application_id,
    referredOn: r.referred_on,
    referredBy: {
      username: r.referred_by_username,
      role: r.referred_by_role,
      division: r.referred_by_division,
    },
    status: r.status,
    waitingSince: r.waiting_since,
    dueOn: r.due_on,
    overdue: open && r.due_on !== null && r.due_on < today,
    workingDaysWaiting: open ? waited(r.waiting_since, today) : null,
    closedOn: r.closed_on,
    history: events.map((e) => ({ kind: e.kind, note: e.note, on: e.on_date, by: e.by_username })),
  };
}
