/**
 * The shapes of the applications API answers (src/modules/applications/domain/view.ts, the routes under
 * `/applications` and `/me/applications`; see /api/openapi.json). Types only: nothing here reaches the bundle.
 */
import type { ProgrammeResult } from './types';

export type ApplicationStatus = 'draft' | 'inReview' | 'returned' | 'rejected' | 'withdrawn' | 'approved';

export interface ProgrammeRef {
  id: string;
  name: string;
  nameEn: string;
}

/** The review step a case waits at. */
export interface StepView {
  index: number;
  id: string;
  name: string;
  nameEn: string;
  kind: 'review' | 'notice';
  role: string;
  division: string;
  startedOn: string;
  dueOn: string;
  overdue: boolean;
}

/** A case in a worklist (`GET /applications/worklist`, `GET /applications`). */
export interface WorkItemView {
  id: number;
  county: string;
  programme: ProgrammeRef;
  applicant: { type: 'person' | 'enterprise'; id: number };
  division: string;
  status: ApplicationStatus;
  channel: 'online' | 'desk';
  appliedOn: string;
  step: StepView | null;
  notice: { from: string; to: string } | null;
  amount: number | null;
  submittedAt: string | null;
}

export interface FactSource {
  kind: string;
  ref: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

/** A frozen decision: the programme's evaluation on a date with the facts and their sources. */
export interface Decision extends ProgrammeResult {
  pack: string;
  date: string;
  facts: Record<string, unknown>;
  sources: Record<string, FactSource>;
  conflicts: { fact: string; declared: unknown; registry: unknown }[];
}

/** What changed between the decision at application and the one at final approval. */
export interface Difference {
  what: string;
  before: unknown;
  after: unknown;
}

/** A case (`GET /applications/:id`, `GET /me/applications/:id`). */
export interface ApplicationView extends WorkItemView {
  chain: { id: string; name: string; role: string; level: string; workingDays: number }[];
  decision: Decision | null;
  finalDecision: (Decision & { acknowledged: Difference[] }) | null;
  decidedOn: string | null;
  version: number;
  createdAt: string;
}

export interface TimelineEntry {
  at: string;
  onDay: string;
  who: string;
  role: string;
  action: string;
  stepId: string | null;
  comment: string | null;
  details: Record<string, unknown>;
}

export interface Material {
  id: number;
  kind: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}
