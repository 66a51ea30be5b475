import { AppError } from '../../../platform/errors/index.js';
import { auditedTransaction, requirePermission, type Actor } from '../../access/index.js';
import { notify, type Recipient } from '../../notifications/index.js';
import { today, type ComplaintsContext } from '../complaints-context.js';
import { kindZh, type AnswerComplaint, type ComplaintView } from '../domain/complaint.js';
import { complaintRepository, type ComplaintRow } from '../infra/complaint.repository.js';
import { viewOf } from './list-complaints.js';

function senderOf(r: ComplaintRow): Recipient[] {
  if (r.person_county !== null && r.person_id !== null)
    return [{ kind: 'person', county: r.person_county, id: r.person_id }];
  if (r.enterprise_county !== null && r.enterprise_id !== null)
    return [{ kind: 'enterprise', county: r.enterprise_county, id: r.enterprise_id }];
  return [];
}

/**
 * Staff answer a complaint or suggestion within their jurisdiction, once: a second answer is refused
 * (`COMPLAINT_ALREADY_ANSWERED`). A sender linked to a person or enterprise is notified.
 */
export async function answerComplaint(
  ctx: ComplaintsContext,
  actor: Actor,
  id: number,
  input: AnswerComplaint,
): Promise<ComplaintView> {
  requirePermission(actor, 'complaints.answer');
  const text = input.text.trim();
  if (text.length < 2 || text.length > 2000)
    throw new AppError('VALIDATION_FAILED', { path: 'text', zh: '答复须为 2–2000 个字' });
  const on = today(ctx);
  const row = await auditedTransaction(ctx.db, actor, async (trx, audit) => {
    const current = await complaintRepository.find(trx, id, actor.division, true);
    if (!current) throw new AppError('COMPLAINT_NOT_FOUND');
    if (current.status === 'answered') throw new AppError('COMPLAINT_ALREADY_ANSWERED');
    const row = await complaintRepository.answer(trx, current, {
      text,
      on,
      byAccount: actor.accountId,
      byUsername: actor.username,
    });
    if (!row) throw new AppError('COMPLAINT_ALREADY_ANSWERED');
    const recipients = senderOf(row);
    if (recipients.length)
      await notify(trx, {
        recipients,
        topic: 'complaint.answered',
        subject: { type: 'complaint', id: row.id },
        zh: `您的${kindZh[row.kind]}（编号 ${row.reference}）已答复，请凭编号和查询码查看。`,
        en: `Your ${row.kind} ${row.reference} has been answered.`,
      });
    audit({
      action: 'complaint.answer',
      entityType: 'complaint',
      entityId: row.id,
      details: { reference: row.reference, on, late: row.due_on < on },
    });
    return row;
  });
  return viewOf(ctx, row, on);
}
