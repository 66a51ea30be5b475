/** The exchange API's views (src/modules/exchange: browse.routes, exchange.routes, flags). */
export const LIST_KINDS = [
  'low-income',
  'extreme-poverty',
  'registered-poor',
  'disabled',
  'insured',
  'deceased',
  'enterprise-register',
] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export interface ImportRecord {
  id: number;
  county: string;
  list: ListKind;
  subjectType: 'person' | 'enterprise';
  fileName: string;
  fileSha256: string;
  asOf: string;
  scope: string;
  loadedBy: string;
  loadedAt: string;
  rows: number;
  matched: number;
  candidates: number;
  unmatched: number;
  invalid: number;
  seconds: number;
}

export interface ImportSummary {
  import: number;
  list: ListKind;
  rows: number;
  matched: number;
  candidates: number;
  unmatched: number;
  invalid: number;
  seconds: number;
}

export const TABS = ['candidate', 'unmatched', 'invalid', 'matched'] as const;
export type RowTab = (typeof TABS)[number];

interface DivisionRef {
  code: string;
  name: string | null;
}

export interface CandidateView {
  subjectId: number;
  state: 'open' | 'confirmed' | 'dismissed';
  score: number;
  reasons: string[];
  person: { name: string; idNumber: string; sex: string; birthYear: number; township: DivisionRef } | null;
  enterprise: { name: string; uscc: string; township: DivisionRef } | null;
}

export interface RowView {
  rowNumber: number;
  status: RowTab;
  name: string | null;
  idCell: string | null;
  idValid: boolean | null;
  birthYear: number | null;
  sex: 'male' | 'female' | null;
  township: string | null;
  score: number | null;
  reasons: string[];
  review: 'confirmed' | 'dismissed' | null;
  subjectId: number | null;
  identity: string | null;
  subjectName: string | null;
  candidates: CandidateView[];
}

export interface RowsPage {
  import: ImportRecord;
  counts: Record<RowTab, number>;
  total: number;
  items: RowView[];
}

export interface ReviewResult {
  rowNumber: number;
  status: 'matched' | 'candidate' | 'unmatched';
  subjectId: number | null;
  openCandidates: number;
}

export const FLAG_KINDS = [
  'insured-while-unemployed',
  'allowance-while-insurance-eligible',
  'deceased-with-open-case',
  'duplicate-person',
  'enterprise-not-registered',
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export interface FlagView {
  id: number;
  kind: FlagKind;
  state: 'open' | 'cleared' | 'upheld';
  raisedAt: string;
  subject: {
    type: 'person' | 'enterprise';
    id: number;
    name: string;
    division: string;
    divisionName: string;
  };
  applicationId: number | null;
  programmeId: string | null;
  held: boolean;
  evidence: { source: 'list' | 'registry' | 'application' | 'funds'; ref: string; zh: string; en: string }[];
  decision: null | { outcome: 'cleared' | 'upheld'; note: string; by: string; at: string };
}

export interface CrossCheckResult {
  raised: number;
  byKind: Partial<Record<FlagKind, number>>;
}
