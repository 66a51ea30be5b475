import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { CalendarDateSchema } from '../../../shared/dates/calendar-date.js';
import { EnterpriseCaseSchema, PersonCaseSchema } from '../domain/case-vocabulary.js';
import type { Audience, CompiledProgramme, CompiledVersion } from '../domain/compiled-pack.js';
import type { RulesEngine } from '../domain/engine.js';
import type { Expression } from '../domain/expression.js';

/**
 * What a programme's rules read about the applicant (五(二) 网上申请): each fact path with its type, so an
 * application form can ask for what the registry does not already know. Read from the pack in force.
 */
export const FactFieldSchema = z.object({
  path: z.string().describe('relative to the applicant, e.g. business.rentPaidYearly'),
  type: z.enum(['boolean', 'integer', 'number', 'date', 'enum', 'text', 'list']),
  options: z.array(z.union([z.string(), z.number()])).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type FactField = z.infer<typeof FactFieldSchema>;

export const ProgrammeFactsSchema = z.object({
  programme: z.string(),
  date: z.string(),
  audiences: z.array(
    z.object({ audience: z.enum(['person', 'enterprise']), facts: z.array(FactFieldSchema) }),
  ),
});
export type ProgrammeFacts = z.infer<typeof ProgrammeFactsSchema>;

type Def = {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  entries?: Record<string, string>;
  options?: z.ZodType[];
  values?: unknown[];
  checks?: { _zod: { def: { check: string; value?: number; inclusive?: boolean; format?: string } } }[];
};
const defOf = (s: z.ZodType) => (s as unknown as { def: Def }).def;

function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (;;) {
    const d = defOf(cur);
    if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'default') && d.innerType)
      cur = d.innerType;
    else return cur;
  }
}

/** The type of the fact at `path` in the case vocabulary (undefined when the vocabulary has no such path). */
export function fieldAt(root: z.ZodType, path: string): FactField | undefined {
  let s = unwrap(root);
  for (const part of path.split('.')) {
    const d = defOf(s);
    if (d.type !== 'object' || !d.shape || !Object.hasOwn(d.shape, part)) return undefined;
    s = unwrap(d.shape[part]!);
  }
  const d = defOf(s);
  const field: FactField = { path, type: 'text' };
  if (s === CalendarDateSchema) field.type = 'date';
  else if (d.type === 'boolean') field.type = 'boolean';
  else if (d.type === 'enum') {
    field.type = 'enum';
    field.options = Object.values(d.entries ?? {});
  } else if (d.type === 'union') {
    field.type = 'enum';
    field.options = (d.options ?? []).flatMap((o) => (defOf(o).values ?? []) as (string | number)[]);
  } else if (d.type === 'number') {
    field.type = (s as unknown as { isInt?: boolean }).isInt ? 'integer' : 'number';
    const n = s as unknown as { minValue?: number | null; maxValue?: number | null };
    if (typeof n.minValue === 'number' && Number.isFinite(n.minValue)) field.min = n.minValue;
    if (typeof n.maxValue === 'number' && n.maxValue < Number.MAX_SAFE_INTEGER) field.max = n.maxValue;
  } else if (d.type === 'array') field.type = 'list';
  else if (d.type === 'object') return undefined;
  return field;
}

function pathsOf(cp: CompiledProgramme, versions: readonly CompiledVersion[]): Set<string> {
  const out = new Set<string>();
  const add = (e: Expression | undefined) => e?.paths.forEach((p) => out.add(p));
  add(cp.versionDate);
  for (const v of versions) {
    v.lets.forEach(([, e]) => add(e));
    v.conditions.forEach((c) => add(c.expr));
    v.components.forEach((c) => {
      add(c.when);
      add(c.amount);
    });
    add(v.cap);
  }
  return out;
}

/** The facts a programme's rules read for each audience, on a date (every version when a case fact picks it). */
export function programmeFacts(engine: RulesEngine, programmeId: string, date: string): ProgrammeFacts {
  const cp = engine.pack.programmeById.get(programmeId);
  if (!cp) throw new AppError('UNKNOWN_PROGRAMME', { path: 'id' });
  const process = engine.processOf(programmeId);
  const audiences: ProgrammeFacts['audiences'] = [];
  for (const audience of ['person', 'enterprise'] as Audience[]) {
    const mine = cp.versionsFor[audience];
    if (!mine.length) continue;
    const inForce = mine.filter((v) => v.from <= date && (v.to === null || date < v.to));
    const paths = pathsOf(cp, cp.versionDate || !inForce.length ? mine : inForce);
    for (const l of process?.limits ?? [])
      for (const s of l.scope) if (s.startsWith(`${audience}.`)) paths.add(s.slice(audience.length + 1));
    if (process?.historyKey?.startsWith(`${audience}.`))
      paths.add(process.historyKey.slice(audience.length + 1));
    const root = audience === 'person' ? PersonCaseSchema : EnterpriseCaseSchema;
    const facts = [...paths]
      .filter((p) => p && p !== 'history' && !p.startsWith('history.'))
      .sort()
      .map((p) => fieldAt(root, p))
      .filter((f): f is FactField => f !== undefined);
    audiences.push({ audience, facts });
  }
  return { programme: programmeId, date, audiences };
}
