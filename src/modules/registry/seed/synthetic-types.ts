/**
 * Types of the synthetic Lingyuan population (re-exported by ./synthetic-population.ts, which is the
 * module to import).
 */
import type { z } from 'zod';
import type {
  Education,
  enterpriseFactSchemas,
  personFactSchemas,
} from '../../../shared/facts/vocabulary.js';

export type { Education };

/** The value type of a person fact, exactly as the vocabulary's zod schema defines it. */
export type PersonFactValue<K extends keyof typeof personFactSchemas> = z.infer<
  (typeof personFactSchemas)[K]
>;
/** The value type of an enterprise fact, exactly as the vocabulary's zod schema defines it. */
export type EnterpriseFactValue<K extends keyof typeof enterpriseFactSchemas> = z.infer<
  (typeof enterpriseFactSchemas)[K]
>;

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
  /** YYYY-MM-DD before `today`: the last labour contract ended (some non-employed people with insured months). */
  contractEndedOn?: string;
  /** Set (true/false) for every registered unemployed person. */
  unemploymentInsuranceEligible?: boolean;
  /** Temporary hardship (1 = hardest): registered unemployed, contract ended, no unemployment insurance. */
  hardshipTier?: PersonFactValue<'hardshipTier'>;
  publicWelfarePost?: PersonFactValue<'publicWelfarePost'>;
  /** The latest vocational training course (ended before `today`). */
  training?: PersonFactValue<'training'>;
  /** The latest vocational qualification / skill-level certificate (obtained before `today`). */
  certificate?: PersonFactValue<'certificate'>;
  talent?: PersonFactValue<'talent'>;
  /** An own business (individual business or company) that the person runs or is starting. */
  business?: PersonFactValue<'business'>;
  extremePoverty?: boolean;
  martyrChild?: boolean;
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
  /** Known (true/false) for every enterprise. */
  temporaryDifficulty: boolean;
  /** Monthly social-insurance premiums due from the enterprise and its insured employees; insured enterprises only. */
  socialInsuranceDueMonthly?: number;
  apprenticeship?: EnterpriseFactValue<'apprenticeship'>;
  onJobTraining?: EnterpriseFactValue<'onJobTraining'>;
  educationExpense?: EnterpriseFactValue<'educationExpense'>;
  incubator?: EnterpriseFactValue<'incubator'>;
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
