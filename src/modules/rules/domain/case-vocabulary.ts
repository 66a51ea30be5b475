import { z } from 'zod';
import { CalendarDateSchema } from '../../../shared/dates/calendar-date.js';
import { enterpriseFactSchemas, personFactSchemas, SexSchema } from '../../../shared/facts/vocabulary.js';

/**
 * The case a caller sends to the rules engine (shared/contracts/rules-cli.md): the registry's fact
 * vocabulary plus what only a case carries (identity, history, an application's placement details).
 * Every fact is optional and may be null (= not given).
 */
const money = z.number().nonnegative().multipleOf(0.01);
const count = z.number().int().nonnegative();

export const HistoryEntrySchema = z.strictObject({
  programme: z.string().max(60),
  date: CalendarDateSchema,
  key: z.string().max(100).optional(),
});

const personShape = {
  idNumber: z.string().max(40),
  birthDate: CalendarDateSchema,
  sex: SexSchema,
  residenceDivision: z.string().regex(/^\d{12}$/, '应为 12 位行政区划代码'),
  ...personFactSchemas,
  history: z.array(HistoryEntrySchema).max(1000),
};

/**
 * Every fact optional and nullable, inside nested objects too (a case may give `talent` without
 * `talent.firstHomeInLingyuan`: that fact is then missing, not malformed).
 */
const alreadyOptional = new WeakSet<z.ZodType>();

function deepOptional(schema: z.ZodType): z.ZodType {
  if (alreadyOptional.has(schema)) return schema; // a nested Person stays the one Person type
  const def = (schema as unknown as { def: { type: string; shape?: Record<string, z.ZodType> } }).def;
  if (def.type === 'object' && def.shape) return z.strictObject(optionalAll(def.shape));
  return schema;
}

function optionalAll<T extends Record<string, z.ZodType>>(shape: T) {
  return Object.fromEntries(
    Object.entries(shape).map(([k, v]) => [k, deepOptional(v).nullable().optional()]),
  ) as {
    [K in keyof T]: z.ZodOptional<z.ZodNullable<T[K]>>;
  };
}

export const PersonCaseSchema = z.strictObject(optionalAll(personShape));
alreadyOptional.add(PersonCaseSchema);
export type PersonCase = z.infer<typeof PersonCaseSchema>;

const enterpriseShape = {
  uscc: z.string().max(40),
  size: z.enum(['micro', 'small', 'medium', 'large']),
  ...enterpriseFactSchemas,
  internship: z.strictObject(
    optionalAll({
      intern: PersonCaseSchema,
      months: count,
      livingAllowanceMonthly: money,
      startedOn: CalendarDateSchema,
      unitRetentionRate: z.number().min(0).max(1),
    }),
  ),
  poorLabourers: z
    .array(
      z.strictObject(
        optionalAll({ person: PersonCaseSchema, months: count, employerContributionMonthly: money }),
      ),
    )
    .max(10_000),
  newTargetGroupHires: z.strictObject(optionalAll({ count, allContractsAtLeastOneYear: z.boolean() })),
  history: z.array(HistoryEntrySchema).max(1000),
};

export const EnterpriseCaseSchema = z.strictObject(optionalAll(enterpriseShape));
export type EnterpriseCase = z.infer<typeof EnterpriseCaseSchema>;

/** The CEL types, derived from the zod schemas above (one source for both). */
export type CelFieldType = string;
export interface CelTypeDecl {
  name: string;
  fields: Record<string, CelFieldType>;
}

function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (;;) {
    const def = (cur as unknown as { def: { type: string; innerType?: z.ZodType } }).def;
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType)
      cur = def.innerType;
    else return cur;
  }
}

/**
 * Map a zod schema to a CEL type name, registering object types as it goes:
 * boolean → bool; integer → int; other numbers → double; strings, dates and enums → string;
 * a union of integer literals → int; arrays → list<…>; objects → a named message type.
 */
export function celTypeOf(
  schema: z.ZodType,
  name: string,
  out: Map<string, CelTypeDecl>,
  named = new Map<z.ZodType, string>(),
): CelFieldType {
  const s = unwrap(schema);
  const def = (s as unknown as { def: Record<string, unknown> & { type: string } }).def;
  switch (def.type) {
    case 'boolean':
      return 'bool';
    case 'number':
      return (s as unknown as { isInt?: boolean }).isInt ? 'int' : 'double';
    case 'string':
    case 'enum':
      return 'string';
    case 'union': {
      const options = def.options as z.ZodType[];
      const literals = options.map(
        (o) => (o as unknown as { def: { type: string; values?: unknown[] } }).def,
      );
      if (literals.every((l) => l.type === 'literal' && l.values?.every((v) => Number.isInteger(v))))
        return 'int';
      throw new Error(`no CEL type for union at ${name}`);
    }
    case 'array':
      return `list<${celTypeOf(def.element as z.ZodType, name + 'Item', out, named)}>`;
    case 'object': {
      // The same schema object (a nested Person) is one CEL type, whatever the path to it.
      const known = named.get(s);
      if (known) return known;
      named.set(s, name);
      const decl: CelTypeDecl = { name, fields: {} };
      out.set(name, decl);
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        decl.fields[k] = celTypeOf(v, name + k[0]!.toUpperCase() + k.slice(1), out, named);
      }
      return name;
    }
    default:
      throw new Error(`no CEL type for ${def.type} at ${name}`);
  }
}

/** Every object type of the case vocabulary, and the root types `Person` and `Enterprise`. */
export function caseTypes(): CelTypeDecl[] {
  const out = new Map<string, CelTypeDecl>();
  const named = new Map<z.ZodType, string>();
  celTypeOf(PersonCaseSchema, 'Person', out, named);
  celTypeOf(EnterpriseCaseSchema, 'Enterprise', out, named); // its intern and poor labourers are Persons
  return [...out.values()];
}
