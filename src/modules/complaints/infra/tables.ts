import type { Generated } from 'kysely';

export type ComplaintKind = 'complaint' | 'suggestion';
export type ComplaintStatus = 'received' | 'answered';

export interface ComplaintsTable {
  county: string;
  id: Generated<number>;
  reference: string;
  follow_code_hash: Buffer;
  kind: ComplaintKind;
  topic: string | null;
  division: string | null;
  content: string;
  contact_name: string | null;
  contact_phone: Buffer | null;
  person_county: string | null;
  person_id: number | null;
  enterprise_county: string | null;
  enterprise_id: number | null;
  status: Generated<ComplaintStatus>;
  received_on: string;
  due_on: string;
  answer: string | null;
  answered_on: string | null;
  answered_by: number | null;
  answered_by_username: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ComplaintReferenceCountersTable {
  day: string;
  last: number;
}

export interface ComplaintsTables {
  complaints: ComplaintsTable;
  complaint_reference_counters: ComplaintReferenceCountersTable;
}
