/** Messages between `seedRegistry` (main thread) and `seed-worker.ts`. */
export interface SeedWorkerInput {
  persons: number;
  enterprises: number;
  seed: number;
  today: string;
  masterKey: Uint8Array;
  firstPersonId: number;
  firstHouseholdId: number;
  firstEnterpriseId: number;
  /** Rows per chunk. */
  chunk: number;
  /** Chunks the worker may have sent ahead of the COPYs (bounds memory). */
  inFlight: number;
}

export interface SeedChunk {
  tables: { table: keyof typeof SEED_TABLES; csv: string }[];
  persons: number;
  households: number;
  enterprises: number;
  facts: number;
  done?: true;
}

/** The columns of each table, in the order the worker renders them. */
export const SEED_TABLES = {
  persons: [
    'county',
    'id',
    'name',
    'id_kind',
    'id_number_hash',
    'id_number_enc',
    'birth_date',
    'sex',
    'phone_hash',
    'phone_enc',
    'residence_division',
    'township',
    'hukou_division',
  ],
  households: ['county', 'id', 'residence_division', 'township'],
  household_members: ['county', 'household_id', 'person_id', 'relation', 'valid_from'],
  facts: ['county', 'subject_type', 'subject_id', 'name', 'value', 'valid_from', 'source_kind', 'source_ref'],
  enterprises: [
    'county',
    'id',
    'name',
    'uscc',
    'size',
    'industry',
    'division',
    'township',
    'legal_representative',
    'contact_name',
    'contact_phone_hash',
    'contact_phone_enc',
  ],
} as const;
