import { maskPhone } from '../../../platform/crypto/index.js';
import { requirePermission, type Actor } from '../../access/index.js';
import { today, type ComplaintsContext } from '../complaints-context.js';
import { mapComplaint, type ComplaintQuery, type ComplaintView } from '../domain/complaint.js';
import { complaintRepository, type ComplaintRow } from '../infra/complaint.repository.js';

/** The back office's view of a row: the contact phone decrypted only to be masked. */
export function viewOf(ctx: Pick<ComplaintsContext, 'cipher'>, row: ComplaintRow, on: string): ComplaintView {
  const phone = row.contact_phone ? maskPhone(ctx.cipher.decrypt(row.contact_phone)) : null;
  return mapComplaint(row, phone, on);
}

/**
 * Complaints and suggestions within the actor's jurisdiction (placed under their division; a
 * county-level viewer also sees those placed nowhere), newest first, overdue ones flagged.
 */
export async function listComplaints(
  ctx: ComplaintsContext,
  actor: Actor,
  q: ComplaintQuery = {},
): Promise<ComplaintView[]> {
  requirePermission(actor, 'complaints.read');
  const on = today(ctx);
  const rows = await complaintRepository.list(ctx.db, {
    scope: actor.division,
    status: q.status,
    kind: q.kind,
    overdueOn: q.overdue ? on : undefined,
    beforeId: q.before,
    limit: Math.min(q.limit ?? 100, 500),
  });
  return rows.map((r) => viewOf(ctx, r, on));
}
