/** The shapes of the funds API answers (src/modules/funds; see /api/openapi.json). Money is integer fen. */
export const ACCOUNT_KINDS = [
  'appropriation',
  'available',
  'committed',
  'guaranteed',
  'disbursed',
  'recoverable',
  'recovered',
] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];
export type Balances = Record<AccountKind, number>;

export interface FundView {
  code: string;
  name: string;
  nameEn: string;
  parentCode: string | null;
  year: number | null;
  budgetFen: number;
  balances: Balances;
}

export interface BudgetView {
  fund: string;
  fundName: string;
  year: number;
  programmeId: string;
  amountFen: number;
  onExhausted: 'block' | 'warn';
  balances: Balances;
  updatedBy: string;
  updatedAt: string;
}

export interface JournalView {
  id: number;
  kind: string;
  key: string;
  applicationId: number | null;
  memo: string | null;
  actor: string;
  postedAt: string;
  postings: { account: string; programmeId: string; year: number; amountFen: number }[];
}

export interface LedgerView {
  fund: string;
  lines: { year: number; programmeId: string; balances: Balances }[];
  journals: JournalView[];
}

export type BatchStatus = 'building' | 'ready' | 'sending' | 'sent' | 'done';

export interface BatchView {
  id: number;
  status: BatchStatus;
  scope: string;
  fund: string | null;
  programmeId: string | null;
  createdBy: string;
  createdAt: string;
  builtAt: string | null;
  disbursedAt: string | null;
  items: number;
  totalFen: number;
  claimed: number;
  sent: number;
  sentFen: number;
  paid: number;
  paidFen: number;
  failed: number;
  failedFen: number;
}

export interface BatchItemView {
  seq: number;
  itemId: number;
  applicationId: number;
  part: 'full' | 'advance' | 'remainder' | 'guarantee';
  programmeId: string;
  programmeName: string;
  fund: string;
  fundName: string;
  payeeKind: 'person' | 'enterprise';
  payeeName: string;
  idNumber: string;
  bankName: string | null;
  bankAccount: string | null;
  amountFen: number;
  status: 'claimed' | 'sent' | 'paid' | 'failed';
  reason: string | null;
}

export interface ResultsAnswer extends BatchView {
  recorded: { paid: number; failed: number; unchanged: number };
}

export interface SpotCheckView {
  id: number;
  drawId: number;
  itemId: number;
  applicationId: number;
  programmeId: string;
  fund: string;
  year: number;
  payeeName: string;
  amountFen: number;
  status: 'open' | 'confirmed' | 'irregular';
  note: string | null;
  checkedBy: string | null;
  checkedAt: string | null;
  recoveryFen: number;
  recoveredFen: number;
  drawnBy: string;
  drawnAt: string;
}

export interface DrawView {
  id: number;
  programmeId: string;
  ratePercent: number;
  seed: string;
  population: number;
  sampleSize: number;
  itemIds: number[];
}

export interface HeldItemView {
  itemId: number;
  applicationId: number;
  programmeId: string;
  programmeName: string;
  payeeKind: 'person' | 'enterprise';
  payeeId: number;
  payeeName: string;
  idNumber: string;
  amountFen: number;
  reason: 'noAccount' | 'hold';
  reasonText: string;
}
