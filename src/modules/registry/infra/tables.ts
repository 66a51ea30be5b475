import type { Generated } from 'kysely';

export interface PersonsTable {
  county: string;
  id: Generated<number>;
  name: string;
  id_kind: string;
  id_number_hash: Buffer;
  id_number_enc: Buffer;
  birth_date: string;
  sex: string;
  phone_hash: Buffer | null;
  phone_enc: Buffer | null;
  bank_name: string | null;
  bank_account_enc: Buffer | null;
  residence_division: string;
  township: string;
  hukou_division: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  row_version: Generated<number>;
}

export interface HouseholdsTable {
  county: string;
  id: Generated<number>;
  household_number: string | null;
  residence_division: string;
  township: string;
  created_at: Generated<Date>;
}

export interface HouseholdMembersTable {
  county: string;
  household_id: number;
  person_id: number;
  relation: string;
  valid_from: string;
  valid_to: string | null;
}

export interface EnterprisesTable {
  county: string;
  id: Generated<number>;
  name: string;
  uscc: string;
  size: string | null;
  industry: string | null;
  division: string;
  township: string;
  legal_representative: string | null;
  contact_name: string | null;
  contact_phone_hash: Buffer | null;
  contact_phone_enc: Buffer | null;
  bank_name: string | null;
  bank_account_enc: Buffer | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  row_version: Generated<number>;
}

export interface FactsTable {
  county: string;
  id: Generated<number>;
  subject_type: string;
  subject_id: number;
  name: string;
  value: unknown;
  valid_from: string;
  valid_to: string | null;
  source_kind: string;
  source_ref: string | null;
  recorded_at: Generated<Date>;
  recorded_by: number | null;
  superseded_at: Date | null;
}

export interface RegistryTables {
  persons: PersonsTable;
  households: HouseholdsTable;
  household_members: HouseholdMembersTable;
  enterprises: EnterprisesTable;
  facts: FactsTable;
}
