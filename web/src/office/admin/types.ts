/** The shapes the admin pages read from the API (see the server's zod schemas); the rules pack overview is in lib/rules. */
export interface PackDiff {
  from: string;
  to: string;
  parameters: { id: string; change: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown }[];
  programmes: { id: string; change: 'added' | 'removed' | 'changed'; parts?: string[] }[];
  cases: { before: number; after: number };
}

export interface AuditRecord {
  chain: string;
  seq: number;
  at: string;
  actor: { id: number | null; username: string; role: string };
  channel: string;
  ip: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  details: unknown;
}

export interface AuditPage {
  records: AuditRecord[];
  next: number | null;
}

export interface AuditVerification {
  records: number;
  chains: number;
  problems: { chain: string; seq: number; problem: string; messageZh: string; messageEn: string }[];
}

export interface AccountStatus {
  id: number;
  username: string;
  displayName: string;
  role: string;
  division: string;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface RoleView {
  role: string;
  nameZh: string;
  nameEn: string;
  level: 'county' | 'township' | 'village' | 'any';
  staff: boolean;
  permissions: string[];
}

export interface Division {
  code: string;
  name: string;
  level: string;
}
