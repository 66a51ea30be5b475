/** The shapes the admin pages read from the API (see the server's zod schemas). */
export interface Reference {
  document: string;
  clause: string | null;
  text: string | null;
  assumed: boolean;
  confirmBy: string | null;
  note: string | null;
}

export interface PackVersion {
  id: number;
  version: string;
  label: string;
  checksum: string;
  loadedAt: string;
  loadedBy: string;
  activeFrom: string | null;
  activatedAt: string | null;
  activatedBy: string | null;
  inForce: boolean;
}

export interface ParameterView {
  id: string;
  name: string;
  nameEn: string | null;
  type: string;
  unit: string | null;
  min: number | null;
  max: number | null;
  limitReference: Reference | null;
  toBeSet: boolean;
  current: unknown;
  history: { from: string; to: string | null; value: unknown; reference: Reference }[];
}

export interface ProgrammeView {
  id: string;
  name: string;
  nameEn: string;
  audience: string;
  kind: string;
  fund: string | null;
  legalBasis: Reference;
  versions: { from: string; to: string | null; reference: Reference }[];
  parameters: string[];
}

export interface PackOverview {
  date: string;
  active: string;
  activeFrom: string | null;
  bundled: string;
  name: string;
  source: Reference;
  versions: PackVersion[];
  programmes: ProgrammeView[];
  parameters: ParameterView[];
}

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
