/** The complaints module: 投诉建议 sent by anyone, answered in the back office, followed with a reference. */
export type { ComplaintsContext } from './complaints-context.js';
export type { ComplaintsTables } from './infra/tables.js';
export {
  AnswerComplaintSchema,
  ComplaintFollowViewSchema,
  ComplaintKindSchema,
  ComplaintQuerySchema,
  ComplaintReceiptSchema,
  ComplaintStatusSchema,
  ComplaintViewSchema,
  FollowParamsSchema,
  FollowQuerySchema,
  SendComplaintSchema,
  type AnswerComplaint,
  type ComplaintFollowView,
  type ComplaintQuery,
  type ComplaintReceipt,
  type ComplaintView,
  type SendComplaint,
} from './domain/complaint.js';
export { complaintAnswerDays, DEFAULT_COMPLAINT_ANSWER_DAYS } from './domain/complaint-settings.js';
export { sendComplaint } from './use-cases/send-complaint.js';
export { followComplaint } from './use-cases/follow-complaint.js';
export { listComplaints } from './use-cases/list-complaints.js';
export { answerComplaint } from './use-cases/answer-complaint.js';
