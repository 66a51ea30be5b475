/**
 * Types of the synthetic Lingyuan population (re-exported by ./synthetic-population.ts, which is the
 * module to import).
 */
import type { Education } from '../../../shared/facts/vocabulary.js';

export type { Education };

export interface SyntheticOptions {
  /** Any finite number; the output depends only on (seed, today, counts). */
  seed: number;
  /** YYYY-MM-DD, the date ages and facts refer to (must be a date on which Lingyuan's divisions are known). */
  today: string;
  /** County code, default '211382' (the only county whose divisions are available). */
  county?: string;
}

export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'other';

/** Fact shapes are type aliases, not interfaces, so that they are assignable to Record<string, unknown>. */
export type SyntheticPersonFacts = {
  education?: Education;
  leftSchoolOn?: string;
  employed?: boolean;
  registeredUnemployed?: boolean;
  disabled?: boolean;
  ableToWork?: boolean;
  veteran?: boolean;
  insuredMonths?: number;
  employmentDifficulty?: boolean;
};

export interface SyntheticPerson {
  name: string;
  idNumber: string;
  birthDate: string;
  sex: 'male' | 'female';
  /** Mainland mobile number (11 digits); most adults have one, children under 16 none. */
  phone: string | null;
  /** 12-digit village/community code of Lingyuan, active on `today`. */
  residenceDivision: string;
  /** 12-digit code: usually the residence, sometimes another village of Lingyuan; null = hukou outside Lingyuan. */
  hukouDivision: string | null;
  relation: Relation;
  /** Facts valid on `today`; a key is omitted when the fact is unknown or not informative (see the policy in synthetic-population.ts). */
  facts: SyntheticPersonFacts;
}

export type SyntheticHouseholdFacts = {
  lowIncomeFamily?: boolean;
  registeredPoor?: boolean;
  poorDisabledFamily?: boolean;
  zeroEmploymentFamily?: boolean;
};

export interface SyntheticHousehold {
  residenceDivision: string;
  /** Only true values are set. */
  facts: SyntheticHouseholdFacts;
  /** 1..8 people, the head first. */
  members: SyntheticPerson[];
}

export type EnterpriseSize = 'micro' | 'small' | 'medium' | 'large';

export type SyntheticEnterpriseFacts = {
  employees: number;
  insured: boolean;
  premiumArrears: boolean;
  insuredEmployees: number;
  laidOffLastYear: number;
  /** Yuan, at most 2 decimals. */
  unemploymentPremiumPaidLastYear: number;
};

export interface SyntheticEnterprise {
  name: string;
  uscc: string;
  size: EnterpriseSize;
  /** GB/T 4754-2017 class code, e.g. 'C1310'. */
  industry: string;
  /** 12-digit village/community code. */
  division: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
  facts: SyntheticEnterpriseFacts;
}
