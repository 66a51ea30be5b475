import { divisionName } from '../../divisions/index.js';
import { z } from 'zod';

/** 投诉 or 建议. */
export const ComplaintKindSchema = z.enum(['complaint', 'suggestion']);
export const ComplaintStatusSchema = z.enum(['received', 'answered']);

const DIVISION = /^\d{6}(\d{3}(\d{3})?)?$/;

export const SendComplaintSchema = z.strictObject({
  kind: ComplaintKindSchema.describe('complaint 投诉 / suggestion 建议'),
  topic: z
    .string()
    .trim()
    .min(1, '主题不能为空')
    .max(100, '主题不超过 100 个字')
    .optional()
    .describe('what it is about: a programme id, 窗口服务 …'),
  division: z
    .string()
    .trim()
    .regex(DIVISION, '行政区划代码应为 6、9 或 12 位数字')
    .optional()
    .describe('where it happened: a county, township or village code'),
  content: z.string().trim().min(10, '内容至少 10 个字').max(2000, '内容不超过 2000 个字'),
  contact: z
    .strictObject({
      name: z.string().trim().min(1, '姓名不能为空').max(50, '姓名不超过 50 个字').optional(),
      phone: z.string().trim().min(1, '联系电话不能为空').max(30, '联系电话格式不正确').optional(),
    })
    .optional()
    .describe('optional; the phone is kept encrypted and shown to staff masked'),
});
export type SendComplaint = z.infer<typeof SendComplaintSchema>;

export const ComplaintReceiptSchema = z.object({
  reference: z.string().describe('查询编号 TS + yyyymmdd + 6 digits'),
  followCode: z.string().describe('查询码: shown only this once; needed with the reference to follow it'),
  status: z.literal('received'),
  dueOn: z.string().describe('answer due (working days)'),
});
export type ComplaintReceipt = z.infer<typeof ComplaintReceiptSchema>;

export const FollowParamsSchema = z.strictObject({ reference: z.string().trim().min(1).max(32) });
export const FollowQuerySchema = z.strictObject({
  code: z.string().trim().min(1, '请填写查询码').max(32, '查询码不正确'),
});

export const ComplaintFollowViewSchema = z.object({
  reference: z.string(),
  kind: ComplaintKindSchema,
  topic: z.string().nullable(),
  status: ComplaintStatusSchema,
  receivedOn: z.string(),
  dueOn: z.string(),
  answer: z.object({ text: z.string(), answeredOn: z.string() }).optional(),
});
export type ComplaintFollowView = z.infer<typeof ComplaintFollowViewSchema>;

export const ComplaintQuerySchema = z.strictObject({
  status: ComplaintStatusSchema.optional(),
  kind: ComplaintKindSchema.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only those awaiting an answer past their due day'),
  before: z.coerce.number().int().positive().optional().describe('id: the next page, older than this'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type ComplaintQuery = Partial<z.output<typeof ComplaintQuerySchema>>;

export const AnswerComplaintSchema = z.strictObject({
  text: z.string().trim().min(2, '答复至少 2 个字').max(2000, '答复不超过 2000 个字'),
});
export type AnswerComplaint = z.infer<typeof AnswerComplaintSchema>;

export const ComplaintViewSchema = z.object({
  id: z.number(),
  county: z.string(),
  reference: z.string(),
  kind: ComplaintKindSchema,
  topic: z.string().nullable(),
  division: z.string().nullable(),
  divisionName: z.string().nullable().describe('发生地（乡镇、村）名称'),
  content: z.string(),
  contact: z
    .object({ name: z.string().nullable(), phone: z.string().nullable().describe('masked') })
    .nullable(),
  personId: z.number().nullable().describe('the sender’s registry record, when sent logged in'),
  enterpriseId: z.number().nullable(),
  status: ComplaintStatusSchema,
  receivedOn: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  answer: z
    .object({ text: z.string(), answeredOn: z.string(), answeredBy: z.string().describe('username') })
    .nullable(),
});
export type ComplaintView = z.infer<typeof ComplaintViewSchema>;

export const kindZh = { complaint: '投诉', suggestion: '建议' } as const;

/** The columns a view is made from (the repository's row). */
export interface ComplaintRowLike {
  id: number;
  county: string;
  reference: string;
  kind: 'complaint' | 'suggestion';
  topic: string | null;
  division: string | null;
  content: string;
  contact_name: string | null;
  person_id: number | null;
  enterprise_id: number | null;
  status: 'received' | 'answered';
  received_on: string;
  due_on: string;
  answer: string | null;
  answered_on: string | null;
  answered_by_username: string | null;
}

/** Awaiting an answer past its due day. */
export const isOverdue = (r: Pick<ComplaintRowLike, 'status' | 'due_on'>, today: string) =>
  r.status === 'received' && r.due_on < today;

/** The back office's view; `maskedPhone` is the contact phone already masked (never the full one). */
export function mapComplaint(r: ComplaintRowLike, maskedPhone: string | null, today: string): ComplaintView {
  return {
    id: r.id,
    county: r.county,
    reference: r.reference,
    kind: r.kind,
    topic: r.topic,
    division: r.division,
    divisionName: r.division ? divisionName(r.division) : null,
    content: r.content,
    contact:
      r.contact_name === null && maskedPhone === null ? null : { name: r.contact_name, phone: maskedPhone },
    personId: r.person_id,
    enterpriseId: r.enterprise_id,
    status: r.status,
    receivedOn: r.received_on,
    dueOn: r.due_on,
    overdue: isOverdue(r, today),
    answer:
      r.answer !== null && r.answered_on !== null
        ? { text: r.answer, answeredOn: r.answered_on, answeredBy: r.answered_by_username ?? '' }
        : null,
  };
}

/** What the sender sees with the reference and the follow code. */
export function mapFollowView(r: ComplaintRowLike): ComplaintFollowView {
  return {
    reference: r.reference,
    kind: r.kind,
    topic: r.topic,
    status: r.status,
    receivedOn: r.received_on,
    dueOn: r.due_on,
    ...(r.answer !== null && r.answered_on !== null
      ? { answer: { text: r.answer, answeredOn: r.answered_on } }
      : {}),
  };
}
