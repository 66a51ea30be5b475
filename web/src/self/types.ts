/** The API answers self-service reads (see /api/openapi.json; the route files give the exact shapes). */
export type ApplicationStatus = 'draft' | 'inReview' | 'returned' | 'rejected' | 'withdrawn' | 'approved';

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
  sources: Record<
    string,
    { kind: string; ref: string | null; validFrom?: string | null; validTo?: string | null }
  >;
  conflicts: { fact: string; declared: unknown; registry: unknown }[];
}

export interface ApplicationView {
  id: number;
  county: string;
  programme: { id: string; name: string; nameEn: string };
  applicant: { type: 'person' | 'enterprise'; id: number };
  division: string;
  status: ApplicationStatus;
  channel: 'online' | 'desk';
  appliedOn: string;
  step: {
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
  } | null;
  notice: { from: string; to: string } | null;
  chain: { id: string; name: string; role: string; level: string; workingDays: number }[];
  decision: Decision | null;
  finalDecision: (Decision & { acknowledged: unknown[] }) | null;
  amount: number | null;
  decidedOn: string | null;
  version: number;
  createdAt: string;
  submittedAt: string | null;
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

export interface Notification {
  id: number;
  topic: string;
  subject: { type: string; id: number };
  message: string;
  messageEn: string;
  createdAt: string;
  read: boolean;
  readAt: string | null;
}

interface DivisionRef {
  code: string;
  name: string | null;
}

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
  hukouDivision: DivisionRef | null;
}

export interface EnterpriseView {
  id: number;
  name: string;
  uscc: string;
  size: string | null;
  industry: string | null;
  division: DivisionRef;
  township: DivisionRef;
  legalRepresentative: string | null;
  contactName: string | null;
  contactPhone: string | null;
  bankName: string | null;
  bankAccount: string | null;
}

export interface FactView {
  id: number;
  name: string;
  value: unknown;
  validFrom: string;
  validTo: string | null;
  source: { kind: string; ref: string | null };
  via?: { household: number };
}

export type FactType = 'boolean' | 'integer' | 'number' | 'date' | 'enum' | 'text' | 'list';

export interface FactField {
  path: string;
  type: FactType;
  options?: (string | number)[];
  min?: number;
  max?: number;
}

export interface ProgrammeFacts {
  programme: string;
  date: string;
  audiences: { audience: 'person' | 'enterprise'; facts: FactField[] }[];
}

/** `GET /me/profile`: the citizen's own record, household (others' names masked) and facts. */
export interface MyProfile {
  person: PersonView;
  household: {
    id: number;
    householdNumber: string | null;
    members: { self: boolean; name: string; relation: string; age: number; since: string }[];
  } | null;
  facts: FactView[];
}
