import type { Generated } from 'kysely';

export interface FundsTable {
  code: string;
  name: string;
  name_en: string;
  parent_code: string | null;
  sort: number;
}

export interface FundBudgetsTable {
  county: string;
  fund: string;
  year: number;
  programme_id: string;
  amount_fen: number;
  on_exhausted: 'block' | 'warn';
  updated_by: string;
  updated_at: Generated<Date>;
}

export interface LedgerAccountsTable {
  county: string;
  id: Generated<number>;
  fund: string;
  year: number;
  programme_id: string;
  kind: string;
  balance_fen: Generated<number>;
}

export interface LedgerJournalsTable {
  county: string;
  id: Generated<number>;
  kind: string;
  key: string;
  application_id: number | null;
  memo: string | null;
  actor: string;
  posted_at: Generated<Date>;
}

export interface LedgerPostingsTable {
  county: string;
  journal_id: number;
  account_id: number;
  amount_fen: number;
}

export interface FundCommitmentsTable {
  county: string;
  id: Generated<number>;
  application_id: number;
  part: string;
  programme_id: string;
  programme_name: string;
  fund: string;
  year: number;
  amount_fen: number;
  status: string;
  division: string;
  payee_kind: string;
  payee_id: number;
  payee_name: string;
  payee_id_number_enc: Buffer;
  payee_id_number_hash: Buffer;
  bank_name: string | null;
  bank_account_enc: Buffer | null;
  bank_account_hash: Buffer | null;
  batch_id: number | null;
  paid_at: Date | null;
  committed_by: string;
  committed_at: Generated<Date>;
  released_at: Date | null;
}

export interface PaymentBatchesTable {
  county: string;
  id: Generated<number>;
  status: string;
  scope: string;
  fund: string | null;
  programme_id: string | null;
  max_items: number | null;
  created_by: string;
  created_at: Generated<Date>;
  built_at: Date | null;
  disbursed_at: Date | null;
}

export interface PaymentBatchLinesTable {
  county: string;
  batch_id: number;
  item_id: number;
  seq: number;
  amount_fen: number;
  status: string;
  reason: string | null;
  paid_at: Date | null;
  failed_at: Date | null;
}

export interface SpotCheckRatesTable {
  county: string;
  programme_id: string;
  rate_bp: number;
  updated_by: string;
  updated_at: Generated<Date>;
}

export interface SpotCheckDrawsTable {
  county: string;
  id: Generated<number>;
  programme_id: string;
  rate_bp: number;
  seed: string;
  population: number[];
  sample_size: number;
  drawn_by: string;
  drawn_at: Generated<Date>;
}

export interface SpotChecksTable {
  county: string;
  id: Generated<number>;
  draw_id: number;
  item_id: number;
  programme_id: string;
  division: string;
  status: string;
  note: string | null;
  checked_by: string | null;
  checked_at: Date | null;
  recovery_fen: Generated<number>;
  recovered_fen: Generated<number>;
}

export interface FundsTables {
  funds: FundsTable;
  fund_budgets: FundBudgetsTable;
  ledger_accounts: LedgerAccountsTable;
  ledger_journals: LedgerJournalsTable;
  ledger_postings: LedgerPostingsTable;
  fund_commitments: FundCommitmentsTable;
  payment_batches: PaymentBatchesTable;
  payment_batch_lines: PaymentBatchLinesTable;
  spot_check_rates: SpotCheckRatesTable;
  spot_check_draws: SpotCheckDrawsTable;
  spot_checks: SpotChecksTable;
}
