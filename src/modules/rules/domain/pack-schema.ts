import { z } from 'zod';
import { CalendarDateSchema } from '../../../shared/dates/calendar-date.js';

/**
 * The source format of a policy pack (`policy/<pack>/`), as OpenFisca keeps law: parameters with
 * dated values and references, programmes with dated versions, and cases. Validated when loaded.
 */
const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'kebab-case id');
const camelId = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'camelCase id');
const cel = z.string().min(1).max(4000);
const zh = z.string().min(1).max(2000);

/** A legal or other reference: the document and clause, or an assumption awaiting confirmation. */
export const ReferenceSchema = z.strictObject({
  document: z.string().max(200),
  clause: z.string().max(50).optional(),
  /** The clause's own words, quoted from the policy text. */
  text: z.string().max(4000).optional(),
  /** True when the value is our assumption, to be confirmed by the named office. */
  assumed: z.boolean().default(false),
  confirmBy: z.string().max(50).optional(),
  note: z.string().max(1000).optional(),
});
export type Reference = z.infer<typeof ReferenceSchema>;

export const ParameterTypeSchema = z.enum(['money', 'ratio', 'int', 'number', 'moneyByKey', 'list']);

export const ParameterSchema = z.strictObject({
  id: z.string().regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/, 'namespace.name'),
  name: zh,
  nameEn: z.string().max(200).optional(),
  type: ParameterTypeSchema,
  unit: z.string().max(20).optional(),
  /** Limits the policy text itself sets; a value or an override outside them is refused. */
  min: z.number().optional(),
  max: z.number().optional(),
  limitReference: ReferenceSchema.optional(),
  /** "to be set": the text leaves the value to the city; the pack's value is a placeholder. */
  toBeSet: z.boolean().default(false),
  values: z
    .array(
      z.strictObject({
        from: CalendarDateSchema,
        /** A number, an exact fraction for a ratio ('2/3'), amounts by key, or a list of ids. */
        value: z.union([
          z.number(),
          z.string().regex(/^\d+\/[1-9]\d*$/),
          z.record(z.string(), z.number()),
          z.array(z.string()),
        ]),
        reference: ReferenceSchema,
      }),
    )
    .min(1),
});
export type Parameter = z.infer<typeof ParameterSchema>;

export const ConditionSchema = z.strictObject({
  id: camelId,
  /** The condition as a citizen reads it (shown in reasons). */
  text: zh,
  when: cel,
});

export const ComponentSchema = z.strictObject({
  id: camelId,
  name: zh,
  /** Who pays: the fund (counted in the amount) or the unit / enterprise itself. */
  payer: z.enum(['fund', 'unit']),
  /** Only when this holds (default: always). */
  when: cel.optional(),
  amount: cel,
});

export const VersionSchema = z.strictObject({
  /** For a programme open to both persons and enterprises: whose case this version judges. */
  audience: z.enum(['person', 'enterprise']).optional(),
  /** The version applies when the version date (the case date, or `versionDate`) is in [from, to). */
  from: CalendarDateSchema,
  to: CalendarDateSchema.nullable().default(null),
  reference: ReferenceSchema,
  /** Facts without which the programme cannot apply at all (a fast pre-check for scans). */
  requires: z.array(z.string().max(100)).default([]),
  /** Named values computed before the conditions, usable in them as `derived.<name>`. */
  let: z.record(camelId, cel).default({}),
  conditions: z.array(ConditionSchema).min(1),
  components: z.array(ComponentSchema).default([]),
  /** The most the result may be (a check, also used by property tests). */
  cap: cel.optional(),
});

export const GuideSchema = z.strictObject({
  summary: zh,
  conditions: z.array(zh).min(1),
  materials: z.array(zh).default([]),
  procedure: z.array(zh).min(1),
  timeLimit: zh,
  onSite: z.boolean(),
  onSiteReason: z.string().max(500).optional(),
  office: zh,
  /** Phone numbers are not in the policy text: null means "to be set" (待定), never an invented number. */
  phone: z.string().max(50).nullable(),
  complaintLine: z.string().max(50).nullable(),
  decisions: z.array(zh).default([]),
  /**
   * Whom the policy list shows the programme to, when not only its applicant audience: the internship
   * subsidy is claimed by the unit, but it is for graduates and young unemployed people (as interns) too.
   */
  shownTo: z
    .array(z.enum(['person', 'enterprise']))
    .min(1)
    .optional(),
  /** Words people search the policy list with that the name and summary do not carry (见习, 实习). */
  keywords: z.array(zh).default([]),
});

/** One step of a review chain: who acts (a role at a level of the division tree) and in how long. */
export const ReviewStepSchema = z.strictObject({
  id: camelId,
  name: zh,
  nameEn: z.string().max(200),
  /** `review`: the role approves, returns or rejects; `notice`: a 公示 runs, objections are resolved. */
  kind: z.enum(['review', 'notice']).default('review'),
  role: z.enum(['villageClerk', 'townshipOfficer', 'cityOfficer', 'cityApprover']),
  level: z.enum(['village', 'township', 'county']),
  /** The step's time limit in Chinese working days (the 公示's length for a notice step). */
  workingDays: z.number().int().min(1).max(60),
});
export type ReviewStep = z.infer<typeof ReviewStepSchema>;

/**
 * A limit across applications: at most `max` (a number or a parameter id) per key, the key made of the
 * subject, the year and/or facts of the case (`person.training.catalogItem`); with `measure`, a numeric
 * fact is summed (months) instead of applications counted. Programmes sharing a `group` share the count.
 */
export const LimitSchema = z.strictObject({
  id: camelId,
  text: zh,
  scope: z.array(
    z.union([z.enum(['subject', 'year']), z.string().regex(/^(person|enterprise)(\.[a-zA-Z]+)+$/)]),
  ),
  max: z.union([z.number().int().min(1), z.string().regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/)]),
  measure: z
    .string()
    .regex(/^(person|enterprise)(\.[a-zA-Z]+)+$/)
    .optional(),
  group: id.optional(),
});
export type Limit = z.infer<typeof LimitSchema>;

/** How applications for a programme go: the review chain (named in pack.yaml), the limits, 抽查. */
export const ProcessSchema = z.strictObject({
  chain: id,
  limits: z.array(LimitSchema).default([]),
  /** The fact whose value is kept in the applicant's history (e.g. the catalogue item). */
  historyKey: z
    .string()
    .regex(/^(person|enterprise)(\.[a-zA-Z]+)+$/)
    .optional(),
});
export type Process = z.infer<typeof ProcessSchema>;

export const ProgrammeSchema = z
  .strictObject({
    id,
    name: zh,
    nameEn: z.string().max(200),
    audience: z.enum(['person', 'enterprise', 'both']),
    kind: z.enum(['subsidy', 'loan', 'calculator', 'service']),
    legalBasis: ReferenceSchema,
    fund: z.string().max(50).nullable(),
    departments: z.array(z.string().max(50)).default([]),
    frequency: z.string().max(200).optional(),
    exclusiveWith: z.array(id).default([]),
    /** Its payment is not counted as household income in the 低保 means test (一(三), 一(五)). */
    excludedFromMeansTest: z.boolean().default(false),
    /** A CEL date expression choosing the version (default: the case date). */
    versionDate: cel.optional(),
    versions: z.array(VersionSchema).min(1),
    guide: GuideSchema,
    /** How one applies: absent for calculators and for services with their own procedure. */
    process: ProcessSchema.optional(),
  })
  .superRefine((p, ctx) => {
    p.versions.forEach((v, i) => {
      if (p.audience === 'both' ? !v.audience : v.audience && v.audience !== p.audience) {
        ctx.addIssue({
          code: 'custom',
          path: ['versions', i, 'audience'],
          message: 'a version of a programme for both audiences names its audience; others must not differ',
        });
      }
    });
    if (p.audience === 'both' && p.versionDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['versionDate'],
        message: 'versionDate is for single-audience programmes',
      });
    }
  });
export type ProgrammeSource = z.infer<typeof ProgrammeSchema>;

export const PackMetaSchema = z.strictObject({
  id,
  version: z.string().regex(/^\d+(\.\d+){0,2}$/),
  name: zh,
  nameEn: z.string().max(200),
  source: ReferenceSchema,
  programmes: z.array(id).min(1),
  /** The review chains that programmes name in their `process`. */
  reviewChains: z.record(id, z.array(ReviewStepSchema).min(1)).default({}),
});

export const PackCaseSchema = z.strictObject({
  name: z.string().max(300),
  date: CalendarDateSchema,
  parameters: z.record(z.string(), z.unknown()).optional(),
  person: z.record(z.string(), z.unknown()).optional(),
  enterprise: z.record(z.string(), z.unknown()).optional(),
  expect: z.strictObject({
    eligible: z.boolean().nullable(),
    amount: z.number().optional(),
    components: z.record(z.string(), z.number()).optional(),
    missing: z.array(z.string()).optional(),
    failed: z.array(z.string()).optional(),
    provisional: z.boolean().optional(),
    excludedFromMeansTest: z.boolean().optional(),
    /** Reasons that must be among the result's (condition text and whether it held). */
    reasons: z.array(z.strictObject({ condition: z.string(), met: z.boolean().nullable() })).optional(),
  }),
});
export const PackCasesFileSchema = z.strictObject({
  programme: id,
  cases: z.array(PackCaseSchema).min(1),
});
