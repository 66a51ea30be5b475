/**
 * The shape of the referrals API answer (转介民政; `GET/POST /referrals`, `POST /applications/:id/referrals`;
 * src/modules/services/domain/referral.ts). Types only: nothing here reaches the bundle.
 */
export interface ReferralView {
  id: number;
  county: string;
  personId: number;
  division: string;
  kind: 'minimumLiving' | 'temporaryAssistance';
  reason: string;
  applicationId: number | null;
  referredOn: string;
  referredBy: { username: string; role: string; division: string };
  status: 'open' | 'needsMoreInformation' | 'accepted' | 'declined';
  waitingSince: string;
  dueOn: string | null;
  overdue: boolean;
  workingDaysWaiting: number | null;
  closedOn: string | null;
  history: { kind: string; note: string | null; on: string; by: string }[];
}
