import { AppError } from '../../../platform/errors/index.js';
import type { ComplaintsContext } from '../complaints-context.js';
import { mapFollowView, type ComplaintFollowView } from '../domain/complaint.js';
import { followCodeMatches, REFERENCE_PATTERN } from '../domain/follow-code.js';
import { complaintRepository } from '../infra/complaint.repository.js';

/**
 * The sender follows their complaint with its reference and follow code (no login). An unknown
 * reference and a wrong code answer the same `COMPLAINT_NOT_FOUND`, so neither is revealed.
 */
export async function followComplaint(
  ctx: Pick<ComplaintsContext, 'db'>,
  reference: string,
  code: string,
): Promise<ComplaintFollowView> {
  const ref = reference.trim().toUpperCase();
  const row = REFERENCE_PATTERN.test(ref) ? await complaintRepository.byReference(ctx.db, ref) : undefined;
  if (!followCodeMatches(ref, code, row?.follow_code_hash) || !row) throw new AppError('COMPLAINT_NOT_FOUND');
  return mapFollowView(row);
}
