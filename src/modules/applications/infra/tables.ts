import type { Generated } from 'kysely';

export type ApplicationStatus = 'draft' | 'inReview' | 'returned' | 'rejected' | 'withdrawn' | 'approved';

export interface ApplicationsTable {
  county: string;
  id: Generated<number>;
  programme_id: string;
  subject_type: 'person' | 'enterprise';
  subject_id: number;
  division: string;
  status: ApplicationStatus;
  channel: 'online' | 'desk';
  created_by: number | null;
  applied_on: string;
  step_index: number | null;
  step_id: string | null;
  step_role: string | null;
  step_division: string | null;
  step_started_on: string | null;
  step_due_on: string | null;
  notice_from: string | null;
  notice_to: string | null;
  declared_enc: Buffer | null;
  decision: unknown;
  amount_fen: number | null;
  final_decision: unknown;
  history_key: string | null;
  submitted_at: Date | null;
  decided_at: Date | null;
  decided_on: string | null;
  row_version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ApplicationEventsTable {
  county: string;
  id: Generated<number>;
  application_id: number;
  at: Generated<Date>;
  on_day: string;
  account_id: number | null;
  username: string;
  role: string;
  action: string;
  step_id: string | null;
  comment: string | null;
  details: unknown;
}

export interface ApplicationMaterialsTable {
  county: string;
  id: Generated<number>;
  application_id: number;
  kind: string;
  filename: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: number | null;
  uploaded_at: Generated<Date>;
  removed_at: Date | null;
}

export interface ApplicationObjectionsTable {
  county: string;
  id: Generated<number>;
  application_id: number;
  raised_on: string;
  raised_by: string;
  content: string;
  recorded_by: number | null;
  resolved_on: string | null;
  resolved_by: number | null;
  upheld: boolean | null;
  resolution: string | null;
}

export interface ApplicationLimitCountersTable {
  county: string;
  key: string;
  granted: number;
  max: number;
}

export interface ApplicationLimitClaimsTable {
  county: string;
  application_id: number;
  limit_id: string;
  key: string;
  amount: number;
  max: number;
  granted: Generated<boolean>;
}

export interface ApplicationsTables {
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  application_materials: ApplicationMaterialsTable;
  application_objections: ApplicationObjectionsTable;
  application_limit_counters: ApplicationLimitCountersTable;
  application_limit_claims: ApplicationLimitClaimsTable;
}
