import { EducationSchema } from '../../../shared/facts/vocabulary.js';
import fc from 'fast-check';
import { makeIdNumber, makeUscc } from '../../../shared/identity/index.js';

/**
 * fast-check arbitraries for cases of the rules contract (shared/contracts/rules-cli.md): schema-valid
 * person and enterprise facts from the fact vocabulary, each fact given, absent or null.
 */

export type Facts = Record<string, unknown>;
export type Case = Record<string, unknown>;

/** Lingyuan's division code (ID numbers and USCCs are generated in it). */
export const REGION = '211382';

const DAY_MS = 86_400_000;
const dayNumber = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS;
const isoDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** A real calendar date `YYYY-MM-DD` in [from, to]. */
export const dateBetween = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map(isoDay);

/** Money in yuan with at most two decimals, in [0, max]; round figures more often than not. */
export const money = (max: number): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.integer({ min: 0, max: Math.floor(max / 100) }).map((h) => h * 100) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: Math.round(max * 100) }).map((c) => c / 100) },
  );

const count = (max: number) => fc.integer({ min: 0, max });

/** A value that may also be null (a null fact is a fact not given). */
const orNull = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(a, { nil: null, freq: 6 });

/**
 * An object of facts: usually every fact given (so that programmes get decided), sometimes with facts
 * left out or null (so that `missing` and the three-valued logic get exercised).
 */
function facts(model: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Facts> {
  const nullable = Object.fromEntries(Object.entries(model).map(([k, a]) => [k, orNull(a)]));
  return fc.oneof(
    { weight: 3, arbitrary: fc.record(model) },
    { weight: 1, arbitrary: fc.record(nullable, { requiredKeys: [] }) },
  ) as fc.Arbitrary<Facts>;
}

export const PERSON_PROGRAMMES = [
  'public-welfare-post-subsidy',
  'vocational-training-subsidy',
  'training-living-allowance',
  'temporary-living-allowance',
  'talent-housing-grant',
  'startup-venue-subsidy',
  'skill-upgrade-subsidy',
  'startup-guarantee-loan',
  'unemployment-registration',
  'employment-difficulty-identification',
] as const;

export const ENTERPRISE_PROGRAMMES = [
  'startup-guarantee-loan',
  'poor-labour-social-insurance-subsidy',
  'job-retention-refund',
  'apprenticeship-subsidy',
  'hardship-enterprise-training-subsidy',
  'internship-subsidy',
  'incubator-award',
  'employee-education-deduction',
] as const;

const ALL_PROGRAMMES = [...new Set<string>([...PERSON_PROGRAMMES, ...ENTERPRISE_PROGRAMMES])];

const CATALOGUE_ITEMS = ['', 'CAT-001', 'CAT-002', 'CAT-017'];
const OCCUPATIONS = ['6-31-01-03', '4-01-02-01', '2-02-07-04'];

/** Benefits granted before: `history` of a person or an enterprise. */
export const historyArb = fc.array(
  fc.record(
    {
      programme: fc.constantFrom(...ALL_PROGRAMMES, 'some-old-programme'),
      date: dateBetween('2017-01-01', '2025-12-31'),
      key: fc.constantFrom(
        ...CATALOGUE_ITEMS.filter(Boolean),
        ...OCCUPATIONS.flatMap((o) => [1, 2, 3, 4, 5].map((l) => `${o}:${l}`)),
      ),
    },
    { requiredKeys: ['programme', 'date'] },
  ),
  { maxLength: 3 },
);

export const sexArb = fc.constantFrom('male' as const, 'female' as const);

export const educationArb = fc.constantFrom(...EducationSchema.options);

/** A valid 18-digit ID number of someone born on that date. */
export const idNumberArb = (birth: fc.Arbitrary<string>) =>
  fc
    .record({ birth, seq: fc.integer({ min: 0, max: 999 }), sex: sexArb })
    .map(({ birth: b, seq, sex }) => makeIdNumber(REGION, b, seq, sex));

/**
 * Identity facts: an ID number, or birth date and sex, or both (consistent with each other), or
 * nothing at all.
 */
const identityArb = (from: string, to: string): fc.Arbitrary<Facts> =>
  fc
    .record({
      birth: dateBetween(from, to),
      seq: fc.integer({ min: 0, max: 999 }),
      sex: sexArb,
      shape: fc.constantFrom('id', 'id', 'idAndBirth', 'birthAndSex', 'birthOnly', 'none'),
    })
    .map(({ birth, seq, sex, shape }): Facts => {
      const idNumber = makeIdNumber(REGION, birth, seq, sex);
      switch (shape) {
        case 'id':
          return { idNumber };
        case 'idAndBirth':
          return { idNumber, birthDate: birth, sex };
        case 'birthAndSex':
          return { birthDate: birth, sex };
        case 'birthOnly':
          return { birthDate: birth };
        default:
          return {};
      }
    });

export const trainingArb = facts({
  catalogItem: fc.constantFrom(...CATALOGUE_ITEMS),
  standardAmount: money(5000),
  feePaid: money(6000),
  paidBySelf: fc.boolean(),
  passed: fc.boolean(),
  daysAttended: count(200),
  startedOn: dateBetween('2018-06-01', '2021-06-30'),
  endedOn: dateBetween('2018-06-01', '2021-06-30'),
  choseUnemploymentBenefit: fc.boolean(),
});

export const certificateArb = facts({
  kind: fc.constantFrom('vocationalQualification', 'skillLevel'),
  occupation: fc.constantFrom(...OCCUPATIONS),
  level: fc.integer({ min: 1, max: 5 }),
  obtainedOn: dateBetween('2017-01-01', '2025-12-31'),
});

export const talentArb = facts({
  category: fc.constantFrom('A', 'B', 'C', 'D'),
  arrivedOn: dateBetween('2016-06-01', '2021-06-30'),
  firstHomeInLingyuan: fc.boolean(),
});

export const businessArb = facts({
  registeredInLingyuan: fc.boolean(),
  rentPaidYearly: money(50_000),
  highTech: fc.boolean(),
  loanTargetGroup: fc.boolean(),
});

/** The facts of a person (every fact of the vocabulary may appear). */
export function personArb(opts: { bornFrom?: string; bornTo?: string } = {}): fc.Arbitrary<Facts> {
  const bornFrom = opts.bornFrom ?? '1950-01-01';
  const bornTo = opts.bornTo ?? '2008-12-31';
  const rest = facts({
    residenceDivision: fc.integer({ min: 0, max: 999_999 }).map((n) => REGION + String(n).padStart(6, '0')),
    education: educationArb,
    leftSchoolOn: dateBetween('2012-01-01', '2025-06-30'),
    employed: fc.boolean(),
    registeredUnemployed: fc.boolean(),
    contractEndedOn: dateBetween('2016-01-01', '2025-12-31'),
    unemploymentInsuranceEligible: fc.boolean(),
    insuredMonths: count(240),
    employmentDifficulty: fc.boolean(),
    disabled: fc.boolean(),
    ableToWork: fc.boolean(),
    lowIncomeFamily: fc.boolean(),
    poorDisabledFamily: fc.boolean(),
    registeredPoor: fc.boolean(),
    extremePoverty: fc.boolean(),
    zeroEmploymentFamily: fc.boolean(),
    martyrChild: fc.boolean(),
    veteran: fc.boolean(),
    hardshipTier: fc.constantFrom(1, 2, 3),
    publicWelfarePost: facts({ months: count(36) }),
    training: trainingArb,
    certificate: certificateArb,
    talent: talentArb,
    business: businessArb,
    history: historyArb,
  });
  return fc.tuple(identityArb(bornFrom, bornTo), rest).map(([id, f]) => ({ ...id, ...f }));
}

/** An intern: young, often a recent graduate, mostly not employed, so that placements often qualify. */
export const internArb: fc.Arbitrary<Facts> = fc
  .tuple(
    identityArb('1988-01-01', '2008-12-31'),
    facts({
      education: educationArb,
      leftSchoolOn: dateBetween('2014-01-01', '2024-12-31'),
      employed: fc.oneof(
        { weight: 4, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    }),
  )
  .map(([id, f]) => ({ ...id, ...f }));

/** An internship placement of the enterprise; the allowance is passed in (to tie it to a wage). */
export const placementArb = (allowance: fc.Arbitrary<number>): fc.Arbitrary<Facts> =>
  facts({
    intern: internArb,
    months: fc.integer({ min: 1, max: 14 }),
    livingAllowanceMonthly: allowance,
    startedOn: dateBetween('2018-01-01', '2024-12-31'),
    unitRetentionRate: fc.oneof(
      fc.constantFrom(0, 0.5, 1),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 100 }).map((p) => p / 100),
    ),
  });

export const usccArb = fc.integer({ min: 0, max: 99_999_999 }).map((serial) => makeUscc(REGION, serial));

/** The facts of an enterprise (every fact of the vocabulary may appear). */
export const enterpriseArb: fc.Arbitrary<Facts> = facts({
  uscc: usccArb,
  size: fc.constantFrom('micro', 'small', 'medium', 'large'),
  employees: count(500),
  insured: fc.boolean(),
  premiumArrears: fc.boolean(),
  insuredEmployees: count(500),
  laidOffLastYear: fc.oneof(fc.constant(0), count(60)),
  unemploymentPremiumPaidLastYear: money(1_000_000),
  temporaryDifficulty: fc.boolean(),
  socialInsuranceDueMonthly: money(200_000),
  apprenticeship: facts({
    apprentices: count(50),
    years: fc.oneof(
      fc.integer({ min: 1, max: 40 }).map((t) => t / 10),
      fc.double({ min: 0.001, max: 5, noNaN: true }),
    ),
    stage: fc.constantFrom('advance', 'completion'),
  }),
  onJobTraining: facts({ totalSpent: money(500_000), educationFund: money(500_000) }),
  educationExpense: facts({
    totalWages: money(10_000_000),
    spent: money(1_000_000),
    carriedForward: money(1_000_000),
  }),
  incubator: facts({
    recognised: fc.boolean(),
    entities: count(60),
    jobsCreated: count(150),
    unemployedFoundersSupported: count(40),
    freeSpaceYears: fc.oneof(count(5), fc.double({ min: 0, max: 5, noNaN: true })),
  }),
  internship: placementArb(money(4000)),
  poorLabourers: fc.array(
    facts({
      person: personArb({ bornFrom: '1960-01-01', bornTo: '2008-12-31' }),
      months: count(48),
      employerContributionMonthly: money(2000),
    }),
    { maxLength: 3 },
  ),
  newTargetGroupHires: facts({ count: count(40), allContractsAtLeastOneYear: fc.boolean() }),
  history: historyArb,
});

/** Parameter overrides within the limits the policy text sets (a "what if" simulation). */
export const overridesArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    'wage.minimumMonthly': money(3000).filter((w) => w >= 1000),
    'internship.minAllowanceRatio': fc.constantFrom(0.6, 0.65, 0.7, 0.8),
    'apprenticeship.perApprenticeYearly': fc.constantFrom(4000, 4500, 6000),
    'loan.individualMax': fc.constantFrom(50_000, 80_000, 100_000),
    'jobRetention.refundRatio': fc.constantFrom(0, 0.3, 0.5, 0.75, 1),
    'hardshipTraining.maxRatio': fc.constantFrom(0.5, 0.7, 0.8),
    'educationExpense.deductibleRatio': fc.constantFrom(0.025, 0.08, 0.1),
    'assistance.urbanMinimumLivingMonthly': money(1000),
  },
  { requiredKeys: [] },
);

/** Which programmes a case asks for: all of its audience (the key absent), or a subset (maybe none). */
const programmesArb = (ids: readonly string[]) =>
  fc.option(fc.subarray([...ids]), { nil: undefined, freq: 3 });

/** A valid case: a person or an enterprise, judged in 2019–2025, maybe with programmes and overrides. */
export const caseArb: fc.Arbitrary<Case> = fc.oneof(
  ...(['person', 'enterprise'] as const).map((audience) =>
    fc
      .record({
        date: dateBetween('2019-01-01', '2025-12-31'),
        programmes: programmesArb(audience === 'person' ? PERSON_PROGRAMMES : ENTERPRISE_PROGRAMMES),
        parameters: fc.option(overridesArb, { nil: undefined, freq: 4 }),
        subject: audience === 'person' ? personArb() : enterpriseArb,
      })
      .map((r): Case => ({
        date: r.date,
        ...(r.programmes ? { programmes: r.programmes } : {}),
        ...(r.parameters ? { parameters: r.parameters } : {}),
        [audience]: r.subject,
      })),
  ),
);
