import type { Generated } from 'kysely';

export interface RulesPackVersionsTable {
  id: Generated<number>;
  pack: string;
  version: string;
  sources: unknown;
  checksum: string;
  loaded_at: Generated<Date>;
  loaded_by: string;
  active_from: string | null;
  activated_at: Date | null;
  activated_by: string | null;
}

export interface RulesScanRunsTable {
  id: Generated<number>;
  pack: string;
  scope: string;
  as_of: string;
  incremental: Generated<boolean>;
  started_at: Generated<Date>;
  finished_at: Date | null;
  subjects: Generated<number>;
  findings: Generated<number>;
  started_by: string;
  error: Generated<string | null>;
}

export interface RulesFindingsTable {
  county: string;
  subject_type: string;
  subject_id: number;
  programme: string;
  township: string;
  division: string;
  amount: number;
  reasons: unknown;
  as_of: string;
  run_id: number;
  current: Generated<boolean>;
  status: Generated<string>;
  first_found_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** Who told the person of it and when (政策找人, migration 0014). */
  notified_at: Date | null;
  notified_by: string | null;
}

export interface RulesTables {
  rules_pack_versions: RulesPackVersionsTable;
  rules_scan_runs: RulesScanRunsTable;
  rules_findings: RulesFindingsTable;
}
