import type { Generated } from 'kysely';

export interface AccountsTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  division_code: string;
  person_county: string | null;
  person_id: number | null;
  enterprise_county: string | null;
  enterprise_id: number | null;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  token_hash: Buffer;
  account_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: Generated<Date>;
}

export interface AuditChainHeadsTable {
  chain: string;
  seq: number;
  hash: Buffer;
}

export interface AuditLogTable {
  chain: string;
  seq: number;
  at: Date;
  actor_id: number | null;
  actor_username: string;
  actor_role: string;
  channel: string;
  ip: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  details: unknown;
  prev_hash: Buffer;
  hash: Buffer;
}

export interface AccessTables {
  accounts: AccountsTable;
  sessions: SessionsTable;
  audit_chain_heads: AuditChainHeadsTable;
  audit_log: AuditLogTable;
}
