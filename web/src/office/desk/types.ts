/** The shapes of the API answers the desk pages use (see /api/openapi.json and the route files). */
export interface DivisionRef {
  code: string;
  name: string | null;
}

export interface PersonView {
  id: number;
  county: string;
  name: string;
  idNumber: string;
  idKind: string;
  sex: string;
  birthDate: string | null;
  birthYear: number;
  age: number;
  phone: string | null;
  bankName: string | null;
  bankAccount: string | null;
  residenceDivision: DivisionRef;
  township: DivisionRef;
  hukouDivision: DivisionRef | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  revealed: string[];
}

export interface HouseholdView {
  id: number;
  county: string;
  householdNumber: string | null;
  residenceDivision: string;
  members: { personId: number; relation: string; since: string }[];
}

export interface FactView {
  id: number;
  name: string;
  value: unknown;
  validFrom: string;
  validTo: string | null;
  source: { kind: string; ref: string | null; recordedAt: string };
  via?: { household: number };
}

export interface RegistrationView {
  id: number;
  personId: number;
  certificateNumber: string;
  division: string;
  registeredOn: string;
  channel: string;
  endedOn: string | null;
  endReason: string | null;
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

export interface ApplicationView {
  id: number;
  programme: { id: string; name: string; nameEn: string };
  applicant: { type: 'person' | 'enterprise'; id: number };
  division: string;
  status: 'draft' | 'inReview' | 'returned' | 'rejected' | 'withdrawn' | 'approved';
  channel: 'online' | 'desk';
  appliedOn: string;
  step: StepView | null;
  notice: { from: string; to: string } | null;
  chain: { id: string; name: string; role: string; level: string; workingDays: number }[];
  decision: {
    eligible: boolean | null;
    reasons: { condition: string; met: boolean | null }[];
    missing: string[];
  } | null;
  amount: number | null;
  decidedOn: string | null;
}

export interface PersonEvaluation {
  date: string;
  pack: string;
  personId: number;
  results: {
    programme: string;
    eligible: boolean | null;
    amount: number;
    reasons: { condition: string; met: boolean | null }[];
    missing: string[];
    legalBasis: string;
  }[];
}

export interface LatestScan {
  runId: number;
  scope: string;
  date: string;
  pack: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  subjects: number;
  findings: number;
  startedBy: string;
}

export interface OutreachItem {
  subjectType: 'person' | 'enterprise';
  subjectId: number;
  programme: string;
  programmeName: string;
  name: string | null;
  township: DivisionRef;
  division: DivisionRef;
  amount: number;
  asOf: string;
  status: 'open' | 'notified' | 'dismissed' | 'applied';
  firstFoundAt: string;
  notifiedAt: string | null;
  notifiedBy: string | null;
}

export interface FindingCount {
  township: string;
  programme: string;
  status: string;
  count: number;
  amount: number;
}

export interface ReferralView {
  id: number;
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
