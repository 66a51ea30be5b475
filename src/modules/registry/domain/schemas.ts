import { z } from 'zod';
import { CalendarDateSchema } from '../../../shared/dates/calendar-date.js';
import { EducationSchema } from '../../../shared/facts/vocabulary.js';

const divisionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, '行政区划代码应为 6、9 或 12 位数字');
const name = z.string().trim().min(1).max(50);

export const RegisterPersonSchema = z.strictObject({
  name,
  idNumber: z.string().max(40),
  phone: z.string().max(30).optional(),
  residenceDivision: divisionCode,
  hukouDivision: divisionCode.optional(),
  bankName: z.string().max(50).optional(),
  bankAccount: z.string().max(40).optional(),
  /** Facts known at registration, dated from `factsFrom` (default today). */
  education: EducationSchema.optional(),
  disabled: z.boolean().optional(),
  factsFrom: CalendarDateSchema.optional(),
});
export type RegisterPerson = z.infer<typeof RegisterPersonSchema>;

export const UpdatePersonSchema = z.strictObject({
  version: z.number().int().positive(),
  name: name.optional(),
  phone: z.string().max(30).nullable().optional(),
  residenceDivision: divisionCode.optional(),
  hukouDivision: divisionCode.nullable().optional(),
  bankName: z.string().max(50).nullable().optional(),
  bankAccount: z.string().max(40).nullable().optional(),
});
export type UpdatePerson = z.infer<typeof UpdatePersonSchema>;

export const PersonSearchSchema = z.strictObject({
  idNumber: z.string().max(40).optional(),
  name: z.string().trim().min(1).max(50).optional(),
  division: divisionCode.optional(),
  householdId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).optional(),
});
export type PersonSearch = z.infer<typeof PersonSearchSchema>;

export const RevealSchema = z.strictObject({
  fields: z.array(z.enum(['idNumber', 'phone', 'bankAccount', 'birthDate'])).min(1),
  reason: z.string().trim().min(2).max(200),
});
export type Reveal = z.infer<typeof RevealSchema>;

export const FactSourceKindSchema = z.enum(['self', 'staff', 'department', 'system']);

export const SetFactSchema = z.strictObject({
  name: z.string().max(50),
  value: z.unknown(),
  validFrom: CalendarDateSchema,
  validTo: CalendarDateSchema.nullable().optional(),
  source: z.strictObject({ kind: FactSourceKindSchema, ref: z.string().max(200).optional() }).optional(),
});
export type SetFact = z.infer<typeof SetFactSchema>;

export const FactQuerySchema = z.strictObject({
  asOf: CalendarDateSchema.optional(),
  history: z.boolean().optional(),
});

/** Relation to the household's head (户主). */
export const RelationSchema = z.enum([
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'grandparent',
  'sibling',
  'childInLaw',
  'other',
]);

export const CreateHouseholdSchema = z.strictObject({
  householdNumber: z.string().max(30).optional(),
  residenceDivision: divisionCode,
  members: z
    .array(
      z.strictObject({
        personId: z.number().int().positive(),
        relation: RelationSchema,
      }),
    )
    .max(30)
    .default([]),
  since: CalendarDateSchema.optional(),
});
export type CreateHousehold = z.infer<typeof CreateHouseholdSchema>;

export const AddMemberSchema = z.strictObject({
  personId: z.number().int().positive(),
  relation: RelationSchema,
  since: CalendarDateSchema.optional(),
});
export type AddMember = z.infer<typeof AddMemberSchema>;

export const RegisterEnterpriseSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  uscc: z.string().max(40),
  size: z.enum(['micro', 'small', 'medium', 'large']).optional(),
  industry: z.string().max(5).optional(),
  division: divisionCode,
  legalRepresentative: z.string().trim().max(50).optional(),
  contactName: z.string().trim().max(50).optional(),
  contactPhone: z.string().max(30).optional(),
  bankName: z.string().max(50).optional(),
  bankAccount: z.string().max(40).optional(),
});
export type RegisterEnterprise = z.infer<typeof RegisterEnterpriseSchema>;

export const EnterpriseSearchSchema = z.strictObject({
  uscc: z.string().max(40).optional(),
  name: z.string().trim().min(1).max(100).optional(),
  division: divisionCode.optional(),
  limit: z.number().int().min(1).max(200).optional(),
});
export type EnterpriseSearch = z.infer<typeof EnterpriseSearchSchema>;
