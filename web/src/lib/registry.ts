/**
 * The shapes of the registry API answers: persons, enterprises and their facts (`GET /persons/:id`,
 * `GET /enterprises/:id`, `GET /me/profile`; src/modules/registry/domain). Masked unless revealed.
 * Types only: nothing here reaches the bundle.
 */
export interface DivisionRef {
  code: string;
  name: string | null;
}

export interface PersonView {
  id: number;
  county: string;
  name: string;
  idNumber: string;
  idKind: string;
  sex: string;
  birthDate: string | null;
  birthYear: number;
  age: number;
  phone: string | null;
  bankName: string | null;
  bankAccount: string | null;
  residenceDivision: DivisionRef;
  township: DivisionRef;
  hukouDivision: DivisionRef | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  revealed: string[];
}

/** The credit code is public; the contact phone and the bank account are masked. */
export interface EnterpriseView {
  id: number;
  county: string;
  name: string;
  uscc: string;
  size: string | null;
  industry: string | null;
  division: DivisionRef;
  township: DivisionRef;
  legalRepresentative: string | null;
  contactName: string | null;
  contactPhone: string | null;
  bankName: string | null;
  bankAccount: string | null;
  version: number;
  createdAt: string;
}

export interface FactView {
  id: number;
  subjectType: string;
  subjectId: number;
  name: string;
  value: unknown;
  validFrom: string;
  validTo: string | null;
  source: { kind: string; ref: string | null; recordedAt: string; recordedBy: number | null };
  /** Set when the fact is the household's, inherited by its members. */
  via?: { household: number };
}
