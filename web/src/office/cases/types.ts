/** The shapes of the applications API as the back office reads them (see /api/openapi.json). */

export type ApplicationStatus = 'draft' | 'inReview' | 'returned' | 'rejected' | 'withdrawn' | 'approved';
export const STATUSES: readonly ApplicationStatus[] = [
  'inReview',
  'returned',
  'approved',
  'rejected',
  'withdrawn',
  'draft',
];

export interface ProgrammeRef {
  id: string;
  name: string;
  nameEn: string;
}

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

export interface WorkItem {
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

export interface Decision {
  pack: string;
  date: string;
  eligible: boolean | null;
  amount: number;
  components: { id: string; amount: number; payer: string }[];
  reasons: { condition: string; met: boolean | null }[];
  missing: string[];
  legalBasis: string;
  fund: string | null;
  facts: Record<string, unknown>;
  sources: Record<string, FactSource>;
  conflicts: { fact: string; declared: unknown; registry: unknown }[];
}

export interface Difference {
  what: string;
  before: unknown;
  after: unknown;
}

export interface Application extends WorkItem {
  chain: { id: string; name: string; role: string; level: string; workingDays: number }[];
  decision: Decision | null;
  finalDecision: (Decision & { acknowledged: Difference[] }) | null;
  decidedOn: string | null;
  version: number;
  createdAt: string;
}

/** The answer to a review: the case, plus what a final approval found and warned about. */
export interface ReviewAnswer extends Application {
  differences?: Difference[];
  warnings?: { code: string; zh: string; en: string }[];
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

export interface Objection {
  id: number;
  raisedOn: string;
  raisedBy: string;
  content: string;
  resolvedOn: string | null;
  upheld: boolean | null;
  resolution: string | null;
}

export interface DivisionRef {
  code: string;
  name: string | null;
}

/** `GET /persons/:id` (masked unless revealed). */
export interface PersonView {
  id: number;
  name: string;
  idNumber: string;
  sex: string;
  age: number;
  phone: string | null;
  bankName: string | null;
  bankAccount: string | null;
  residenceDivision: DivisionRef;
  township: DivisionRef;
}

/** `GET /enterprises/:id` (phone and bank account masked). */
export interface EnterpriseView {
  id: number;
  name: string;
  uscc: string;
  division: DivisionRef;
  township: DivisionRef;
  legalRepresentative: string | null;
  contactName: string | null;
  contactPhone: string | null;
  bankName: string | null;
  bankAccount: string | null;
}

export interface ReferralView {
  id: number;
  kind: string;
  status: string;
  referredOn: string;
  dueOn: string | null;
}
