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

export interface EmploymentRegistrationsTable {
  county: string;
  id: Generated<number>;
  person_id: number;
  division: string;
  employer_county: string | null;
  employer_id: number | null;
  employer_name: string;
  employer_uscc: string | null;
  started_on: string;
  contract_type: string;
  term_ends_on: string | null;
  registered_by: number | null;
  registered_by_username: string;
  ended_registration_id: number | null;
  created_at: Generated<Date>;
}

export interface ServicesTables extends ReferralTables {
  unemployment_registrations: UnemploymentRegistrationsTable;
  employment_registrations: EmploymentRegistrationsTable;
}

export type ReferralKind = 'minimumLiving' | 'temporaryAssistance';
export type ReferralStatus = 'open' | 'needsMoreInformation' | 'accepted' | 'declined';
export type ReferralEventKind = 'accepted' | 'declined' | 'needsMoreInformation' | 'informationSupplied';

export interface ReferralsTable {
  county: string;
  id: Generated<number>;
  person_id: number;
  division: string;
  kind: ReferralKind;
  reason: string;
  application_id: number | null;
  referred_on: string;
  referred_by: number | null;
  referred_by_username: string;
  referred_by_role: string;
  referred_by_division: string;
  status: Generated<ReferralStatus>;
  waiting_since: string;
  due_on: string | null;
  closed_on: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ReferralEventsTable {
  county: string;
  referral_id: number;
  seq: number;
  kind: ReferralEventKind;
  note: string | null;
  on_date: string;
  by_account: number | null;
  by_username: string;
  at: Generated<Date>;
}

export interface ReferralTables {
  referrals: ReferralsTable;
  referral_events: ReferralEventsTable;
}
