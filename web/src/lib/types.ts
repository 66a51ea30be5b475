/** The shapes of the public API answers (see /api/openapi.json). */
export interface ProgrammeSummary {
  id: string;
  name: string;
  nameEn: string;
  audience: 'person' | 'enterprise' | 'both';
  shownTo: ('person' | 'enterprise')[];
  keywords: string[];
  conditions: string[];
  kind: 'subsidy' | 'loan' | 'calculator' | 'service';
  summary: string;
  fund: string | null;
  legalBasis: { document: string; clause: string | null };
  onSite: boolean;
  timeLimit: string;
  applyOnline: boolean;
}

export interface PolicyList {
  pack: string;
  date: string;
  person: ProgrammeSummary[];
  enterprise: ProgrammeSummary[];
}

export interface Guide extends Omit<ProgrammeSummary, 'legalBasis'> {
  pack: string;
  legalBasis: { document: string; clause: string | null; text: string | null };
  conditions: string[];
  materials: string[];
  procedure: string[];
  onSiteReason: string | null;
  office: string;
  phone: string;
  complaintLine: string;
  departments: string[];
  frequency: string | null;
  decisions: string[];
  /** The names of the amount's parts (a decision names them by id). */
  components: { id: string; name: string }[];
  steps: { name: string; nameEn: string; workingDays: number; notice: boolean }[];
  standards: {
    id: string;
    name: string;
    unit: string | null;
    value: unknown;
    from: string | null;
    toBeSet: boolean;
    assumed: boolean;
    source: string;
  }[];
}

export interface OnSiteItem {
  id: string;
  name: string;
  nameEn: string;
  reason: string | null;
  office: string;
}

export interface PublicNotice {
  applicationId: number;
  programme: string;
  applicant: string;
  division: { code: string; name: string | null };
  amount: number | null;
  from: string;
  to: string;
}

/** One programme evaluated: the result the calculators show and a frozen decision carries. */
export interface ProgrammeResult {
  eligible: boolean | null;
  amount: number;
  components: { id: string; amount: number; payer: string }[];
  reasons: { condition: string; met: boolean | null }[];
  missing: string[];
  legalBasis: string;
  fund: string | null;
}

export interface Evaluation {
  date: string;
  pack: string;
  results: (ProgrammeResult & { programme: string })[];
}

/** A programme's name in the reader's language (the pack carries both). */
export function programmeName(p: { name: string; nameEn: string }, lang: string): string {
  return lang === 'en' ? p.nameEn : p.name;
}

export interface DivisionItem {
  code: string;
  name: string;
  level: string;
  kind: string;
  parent: string | null;
}

export type ComplaintKind = 'complaint' | 'suggestion';

export interface ComplaintReceipt {
  reference: string;
  followCode: string;
  status: 'received';
  dueOn: string;
}

export interface ComplaintFollow {
  reference: string;
  kind: ComplaintKind;
  topic: string | null;
  status: 'received' | 'answered';
  receivedOn: string;
  dueOn: string;
  answer?: { text: string; answeredOn: string };
}

/** A complaint as staff see it (`GET /complaints`; the phone masked). */
export interface ComplaintView {
  id: number;
  county: string;
  reference: string;
  kind: ComplaintKind;
  topic: string | null;
  division: string | null;
  divisionName: string | null;
  content: string;
  contact: { name: string | null; phone: string | null } | null;
  personId: number | null;
  enterpriseId: number | null;
  status: 'received' | 'answered';
  receivedOn: string;
  dueOn: string;
  overdue: boolean;
  answer: { text: string; answeredOn: string; answeredBy: string } | null;
}
