/** The case-handling shapes not shared with other parts (the applications API types are in lib/applications). */
import type { ApplicationStatus, ApplicationView, Difference } from '../../lib/applications';

export const STATUSES: readonly ApplicationStatus[] = [
  'inReview',
  'returned',
  'approved',
  'rejected',
  'withdrawn',
  'draft',
];

/** The answer to a review: the case, plus what a final approval found and warned about. */
export interface ReviewAnswer extends ApplicationView {
  differences?: Difference[];
  warnings?: { code: string; zh: string; en: string }[];
}

export interface Objection {
  id: number;
  raisedOn: string;
  raisedBy: string;
  content: string;
  resolvedOn: string | null;
  upheld: boolean | null;
  resolution: string | null;
}
