import { HOME_COUNTY } from '../../../platform/config/config.js';
import { AppError } from '../../../platform/errors/index.js';
import { workingDeadline } from '../../../shared/calendar/index.js';
import { auditedTransaction, type Actor } from '../../access/index.js';
import { divisionName, isActiveDivision } from '../../divisions/index.js';
import { notify } from '../../notifications/index.js';
import { today, type ComplaintsContext } from '../complaints-context.js';
import { kindZh, type ComplaintReceipt, type SendComplaint } from '../domain/complaint.js';
import { complaintAnswerDays } from '../domain/complaint-settings.js';
import { followCodeHash, formatReference, newFollowCode } from '../domain/follow-code.js';
import { normalizePhone } from '../../registry/index.js';
import { complaintRepository } from '../infra/complaint.repository.js';

/**
 * 投诉建议: anyone sends one, logged in or not (`actor` is then the system's public actor). A citizen's or
 * enterprise's is linked to their registry record. The answer is due in N working days; the county's
 * city officers are notified. The reference and the follow code are returned once: only the code's
 * hash is kept.
 */
export async function sendComplaint(
  ctx: ComplaintsContext,
  actor: Actor,
  input: SendComplaint,
): Promise<ComplaintReceipt> {
  const on = today(ctx);
  const division = input.division?.trim() || undefined;
  if (division !== undefined && !isActiveDivision(division, on))
    throw new AppError('UNKNOWN_DIVISION', { path: 'division' });
  const content = input.content.trim();
  if (content.length < 10 || content.length > 2000)
    throw new AppError('VALIDATION_FAILED', { path: 'content', zh: '内容须为 10–2000 个字' });
  const phone = input.contact?.phone ? normalizePhone(input.contact.phone, 'contact.phone') : null;
  const name = input.contact?.name?.trim() || null;
  const county = division ? division.slice(0, 6) : HOME_COUNTY;
  const person = actor.role === 'citizen' ? actor.person : undefined;
  const enterprise = actor.role === 'enterprise' ? actor.enterprise : undefined;
  const dueOn = workingDeadline(on, ctx.complaintAnswerDays ?? complaintAnswerDays()).date;
  const followCode = newFollowCode();

  const row = await auditedTransaction(ctx.db, actor, async (trx, audit) => {
    const reference = formatReference(on, await complaintRepository.nextSequence(trx, on));
    const row = await complaintRepository.insert(trx, {
      county,
      reference,
      follow_code_hash: followCodeHash(reference, followCode),
      kind: input.kind,
      topic: input.topic?.trim() || null,
      division: division ?? null,
      content,
      contact_name: name,
      contact_phone: phone === null ? null : ctx.cipher.encrypt(phone),
      person_county: person?.county ?? null,
      person_id: person?.id ?? null,
      enterprise_county: enterprise?.county ?? null,
      enterprise_id: enterprise?.id ?? null,
      received_on: on,
      due_on: dueOn,
    });
    const where = row.division ? `（${divisionName(row.division, on) ?? row.division}）` : '';
    await notify(trx, {
      recipients: [{ kind: 'staff', division: county, role: 'cityOfficer' }],
      topic: 'complaint.received',
      subject: { type: 'complaint', id: row.id },
      zh: `收到新的${kindZh[row.kind]}${where}，编号 ${row.reference}，请在 ${row.due_on} 前答复。`,
      en: `New ${row.kind} ${row.reference}; answer due ${row.due_on}.`,
    });
    audit({
      action: 'complaint.send',
      entityType: 'complaint',
      entityId: row.id,
      details: {
        reference: row.reference,
        kind: row.kind,
        county: row.county,
        division: row.division,
        linkedTo: person ? 'person' : enterprise ? 'enterprise' : null,
        withContact: name !== null || phone !== null,
        dueOn: row.due_on,
      },
    });
    return row;
  });
  return { reference: row.reference, followCode, status: 'received', dueOn: row.due_on };
}
