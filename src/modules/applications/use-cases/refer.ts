import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { auditedTransaction, requirePermission, type Actor } from '../../access/index.js';
import { referToCivilAffairs, type ReferralView } from '../../services/index.js';
import type { ApplicationsContext } from '../applications-context.js';
import { applicationRepository } from '../infra/application.repository.js';
import { recordEvent } from './apply.js';
import { today } from './judge.js';

/** The programme whose cases are referred to civil affairs (一(五)). */
const REFERRED_FROM = 'temporary-living-allowance';

export const ReferApplicantSchema = z.strictObject({
  kind: z.enum(['minimumLiving', 'temporaryAssistance']).describe('低保 / 临时救助'),
  reason: z.string().trim().min(2).max(1000),
});

/**
 * Refer the applicant of a 临时生活补助 case to civil affairs for 低保 or 临时救助, from the case itself:
 * the referral names the application, and the case's timeline records it.
 */
export async function referApplicant(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof ReferApplicantSchema>,
): Promise<ReferralView> {
  requirePermission(actor, 'referrals.create');
  const on = today(ctx);
  return auditedTransaction(ctx.db, actor, async (trx, audit) => {
    const row = await applicationRepository.find(trx, id, { division: actor.division });
    if (!row) throw new AppError('APPLICATION_NOT_FOUND');
    if (row.programme_id !== REFERRED_FROM) throw new AppError('REFERRAL_NOT_APPLICABLE');
    const referral = await referToCivilAffairs(
      trx,
      actor,
      {
        county: row.county,
        personId: row.subject_id,
        kind: input.kind,
        reason: input.reason,
        applicationId: row.id,
      },
      { today: on },
    );
    await recordEvent(trx, audit, actor, row, on, {
      action: 'referred',
      stepId: row.step_id,
      comment: input.reason,
      details: { referral: referral.id, kind: input.kind },
    });
    return referral;
  });
}
