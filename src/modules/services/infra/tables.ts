import type { Generated } from 'kysely';

export interface UnemploymentRegistrationsTable {
  county: string;
  id: Generated<number>;
  person_id: number;
  certificate_number: string;
  division: string;
  registered_on: string;
  channel: string;
  registered_by: number | null;
  ended_on: string | null;
  end_reason: string | null;
  created_at: Generated<Date>;
}

export interface ServicesTables {
  unemployment_registrations: UnemploymentRegistrationsTable;
}
