import { z } from 'zod';
import { CalendarDateSchema } from '../dates/calendar-date.js';
import { EDUCATION_LEVELS } from './education.js';

/**
 * The fact vocabulary of the rules contract (shared/contracts/rules-cli.md): the names and types of
 * what we know about a person or an enterprise. The registry stores these as dated facts; the rules
 * engine reads them. One definition, used by both.
 */
const isoDate = CalendarDateSchema;
const money = z.number().nonnegative().multipleOf(0.01);

export const EducationSchema = z.enum(EDUCATION_LEVELS);
export type Education = z.infer<typeof EducationSchema>;

export const SexSchema = z.enum(['male', 'female']);
export type Sex = z.infer<typeof SexSchema>;

/** Person facts that the registry keeps as dated facts (identity, birth, sex and divisions are columns). */
export const personFactSchemas = {
  education: EducationSchema,
  leftSchoolOn: isoDate,
  employed: z.boolean(),
  registeredUnemployed: z.boolean(),
  contractEndedOn: isoDate,
  unemploymentInsuranceEligible: z.boolean(),
  insuredMonths: z.number().int().nonnegative(),
  employmentDifficulty: z.boolean(),
  disabled: z.boolean(),
  ableToWork: z.boolean(),
  lowIncomeFamily: z.boolean(),
  poorDisabledFamily: z.boolean(),
  registeredPoor: z.boolean(),
  extremePoverty: z.boolean(),
  /** 零就业家庭: usually the household's fact, inherited by its members. */
  zeroEmploymentFamily: z.boolean(),
  martyrChild: z.boolean(),
  /** 去产能职工: laid off in capacity reduction (a vocational-training target group). */
  deCapacityWorker: z.boolean(),
  /** 农村转移就业劳动者 (a vocational-training target group). */
  ruralTransferLabour: z.boolean(),
  /** 在校: still a full-time student (an intern still at school is not eligible). */
  enrolledStudent: z.boolean(),
  veteran: z.boolean(),
  hardshipTier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  publicWelfarePost: z.strictObject({ months: z.number().int().nonnegative() }),
  training: z.strictObject({
    catalogItem: z.string().max(50),
    standardAmount: money,
    feePaid: money,
    paidBySelf: z.boolean(),
    passed: z.boolean(),
    daysAttended: z.number().int().nonnegative(),
    startedOn: isoDate,
    endedOn: isoDate,
    choseUnemploymentBenefit: z.boolean(),
  }),
  certificate: z.strictObject({
    kind: z.enum(['vocationalQualification', 'skillLevel']),
    occupation: z.string().max(30),
    level: z.number().int().min(1).max(5),
    obtainedOn: isoDate,
  }),
  talent: z.strictObject({
    category: z.enum(['A', 'B', 'C', 'D']),
    arrivedOn: isoDate,
    firstHomeInLingyuan: z.boolean(),
  }),
  business: z.strictObject({
    registeredInLingyuan: z.boolean(),
    rentPaidYearly: money,
    highTech: z.boolean(),
    loanTargetGroup: z.boolean(),
  }),
} as const;

/** Facts of a household; its members inherit them when a case is assembled. */
export const householdFactSchemas = {
  lowIncomeFamily: z.boolean(),
  poorDisabledFamily: z.boolean(),
  registeredPoor: z.boolean(),
  zeroEmploymentFamily: z.boolean(),
} as const;

/** Enterprise facts that the registry keeps (per-application ones, like an internship, are not here). */
export const enterpriseFactSchemas = {
  employees: z.number().int().nonnegative(),
  insured: z.boolean(),
  premiumArrears: z.boolean(),
  insuredEmployees: z.number().int().nonnegative(),
  laidOffLastYear: z.number().int().nonnegative(),
  unemploymentPremiumPaidLastYear: money,
  temporaryDifficulty: z.boolean(),
  socialInsuranceDueMonthly: money,
  apprenticeship: z.strictObject({
    apprentices: z.number().int().nonnegative(),
    years: z.number().positive(),
    stage: z.enum(['advance', 'completion']),
  }),
  onJobTraining: z.strictObject({ totalSpent: money, educationFund: money }),
  educationExpense: z.strictObject({ totalWages: money, spent: money, carriedForward: money }),
  /** For a start-up incubator (创业孵化载体): recognition and results, for the incubator award. */
  incubator: z.strictObject({
    recognised: z.boolean(),
    entities: z.number().int().nonnegative(),
    jobsCreated: z.number().int().nonnegative(),
    unemployedFoundersSupported: z.number().int().nonnegative(),
    freeSpaceYears: z.number().nonnegative(),
  }),
} as const;

export type SubjectType = 'person' | 'household' | 'enterprise';

/**
 * Facts the registry keeps from other departments' lists (issue 6) that no programme reads: they are not
 * part of the rules contract (a case naming them is refused as an unknown fact), but the cross-checks use
 * them. The lists that also feed programmes (低保, 特困, 建档立卡, 残疾人) set the facts above.
 */
export const listOnlyPersonFactSchemas = {
  /** 参保缴费: on social insurance's list of people paying contributions as employees. */
  insuredEmployee: z.boolean(),
  /** 死亡: on the public-security or health office's list of deaths. */
  deceased: z.boolean(),
} as const;
export const listOnlyEnterpriseFactSchemas = {
  /** 市场主体: in market regulation's register of market entities. */
  marketEntityRegistered: z.boolean(),
} as const;

export const factSchemasBySubject = {
  person: { ...personFactSchemas, ...listOnlyPersonFactSchemas },
  household: householdFactSchemas,
  enterprise: { ...enterpriseFactSchemas, ...listOnlyEnterpriseFactSchemas },
} as const satisfies Record<SubjectType, Record<string, z.ZodType>>;

export function factSchema(subject: SubjectType, name: string): z.ZodType | undefined {
  const schemas: Record<string, z.ZodType> = factSchemasBySubject[subject];
  return Object.hasOwn(schemas, name) ? schemas[name] : undefined;
}

export function factNames(subject: SubjectType): string[] {
  return Object.keys(factSchemasBySubject[subject]);
}
