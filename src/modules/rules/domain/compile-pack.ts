import {
  compileProgramme,
  baseEnvironment,
  type CompiledPack,
  type CompiledProgramme,
} from './compiled-pack.js';
import { ExpressionError } from './expression.js';
import type { Parameter, ProgrammeSource } from './pack-schema.js';
import { checkParameterValue, type ParameterValue } from './parameters.js';
import { AppError } from '../../../platform/errors/index.js';
import type { z } from 'zod';
import type { PackCaseSchema, PackMetaSchema } from './pack-schema.js';
import { RulesEngine } from './engine.js';

export interface PackSources {
  meta: z.infer<typeof PackMetaSchema>;
  parameters: Parameter[];
  programmes: ProgrammeSource[];
  cases: { programme: string; file: string; cases: z.infer<typeof PackCaseSchema>[] }[];
}

export interface PackProblem {
  where: string;
  message: string;
}

export class PackInvalidError extends Error {
  constructor(readonly problems: PackProblem[]) {
    super(`policy pack is not valid:\n${problems.map((p) => `  ${p.where}: ${p.message}`).join('\n')}`);
  }
}

/**
 * Check a pack before it may be used: ids unique and complete, parameter values dated in order and
 * within the text's limits, every expression parsed and type-checked, and every case of the pack giving
 * the answer it expects. Returns the engine, or throws with every problem found.
 */
export function compilePack(src: PackSources): RulesEngine {
  const problems: PackProblem[] = [];
  const parameterById = new Map<string, Parameter>();
  for (const p of src.parameters) {
    if (parameterById.has(p.id)) problems.push({ where: `parameter ${p.id}`, message: 'defined twice' });
    parameterById.set(p.id, p);
    for (let i = 0; i < p.values.length; i++) {
      const v = p.values[i]!;
      if (i > 0 && v.from <= p.values[i - 1]!.from) {
        problems.push({ where: `parameter ${p.id} values[${i}]`, message: 'dates must increase' });
      }
      try {
        checkParameterValue(p, v.value, `${p.id}.values[${i}]`);
      } catch (e) {
        problems.push({
          where: `parameter ${p.id} values[${i}]`,
          message: e instanceof AppError ? e.messageZh : String(e),
        });
      }
    }
  }
  const byId = new Map(src.programmes.map((p) => [p.id, p]));
  for (const id of src.meta.programmes)
    if (!byId.has(id))
      problems.push({ where: `pack ${src.meta.id}`, message: `programme ${id} has no file` });
  for (const p of src.programmes)
    if (!src.meta.programmes.includes(p.id))
      problems.push({ where: `programme ${p.id}`, message: 'not listed in pack.yaml' });

  problems.push(...checkProcesses(src));

  const envs = {
    person: baseEnvironment('person', src.parameters),
    enterprise: baseEnvironment('enterprise', src.parameters),
  };
  const placeholders = new Set(src.parameters.filter((p) => p.toBeSet).map((p) => p.id));
  const programmes: CompiledProgramme[] = [];
  for (const id of src.meta.programmes) {
    const p = byId.get(id);
    if (!p) continue;
    try {
      programmes.push(compileProgramme(p, envs, placeholders));
    } catch (e) {
      problems.push({
        where: e instanceof ExpressionError ? e.where : `programme ${id}`,
        message: (e as Error).message,
      });
    }
  }
  if (problems.length) throw new PackInvalidError(problems);

  const pack: CompiledPack = {
    sources: src,
    id: src.meta.id,
    version: src.meta.version,
    parameters: src.parameters,
    parameterById,
    programmes,
    programmeById: new Map(programmes.map((p) => [p.source.id, p])),
  };
  const engine = new RulesEngine(pack);
  for (const file of src.cases) {
    if (!pack.programmeById.has(file.programme)) {
      problems.push({ where: file.file, message: `unknown programme ${file.programme}` });
      continue;
    }
    file.cases.forEach((c, i) => {
      const where = `${file.file} cases[${i}] "${c.name}"`;
      const mismatch = runCase(engine, file.programme, c);
      if (mismatch) problems.push({ where, message: mismatch });
    });
  }
  if (problems.length) throw new PackInvalidError(problems);
  return engine;
}

/** Run one of the pack's cases; a description of the difference, or undefined when it holds. */
export function runCase(
  engine: RulesEngine,
  programme: string,
  c: z.infer<typeof PackCaseSchema>,
): string | undefined {
  let result;
  try {
    const r = engine.evaluateCase({
      date: c.date,
      programmes: [programme],
      ...(c.parameters ? { parameters: c.parameters } : {}),
      ...(c.person ? { person: c.person } : {}),
      ...(c.enterprise ? { enterprise: c.enterprise } : {}),
    });
    result = r.results[0]!;
  } catch (e) {
    return `evaluation failed: ${e instanceof AppError ? `${e.code} ${e.path ?? ''} ${e.messageZh}` : (e as Error).message}`;
  }
  const diffs: string[] = [];
  const x = c.expect;
  if (result.eligible !== x.eligible)
    diffs.push(`eligible ${String(result.eligible)}, expected ${String(x.eligible)}`);
  if (x.amount !== undefined && result.amount !== x.amount)
    diffs.push(`amount ${result.amount}, expected ${x.amount}`);
  if (x.components) {
    const got = Object.fromEntries(result.components.map((k) => [k.id, k.amount]));
    if (JSON.stringify(sortKeys(got)) !== JSON.stringify(sortKeys(x.components))) {
      diffs.push(`components ${JSON.stringify(got)}, expected ${JSON.stringify(x.components)}`);
    }
  }
  if (x.missing && JSON.stringify([...x.missing].sort()) !== JSON.stringify(result.missing)) {
    diffs.push(`missing ${JSON.stringify(result.missing)}, expected ${JSON.stringify(x.missing)}`);
  }
  if (x.provisional !== undefined && result.provisional !== x.provisional)
    diffs.push(`provisional ${String(result.provisional)}, expected ${String(x.provisional)}`);
  if (x.excludedFromMeansTest !== undefined && result.excludedFromMeansTest !== x.excludedFromMeansTest)
    diffs.push(
      `excludedFromMeansTest ${String(result.excludedFromMeansTest)}, expected ${String(x.excludedFromMeansTest)}`,
    );
  for (const want of x.reasons ?? []) {
    if (!result.reasons.some((r) => r.condition === want.condition && r.met === want.met))
      diffs.push(`no reason ${JSON.stringify(want)} in ${JSON.stringify(result.reasons)}`);
  }
  if (x.failed && JSON.stringify([...x.failed].sort()) !== JSON.stringify([...result.failed].sort())) {
    diffs.push(`failed ${JSON.stringify(result.failed)}, expected ${JSON.stringify(x.failed)}`);
  }
  return diffs.length ? diffs.join('; ') : undefined;
}

const sortKeys = (o: Record<string, number>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

export type { ParameterValue };

const LEVEL_DEPTH = { village: 3, township: 2, county: 1 } as const;

/** Review chains run from the lowest level up and end with a review; processes name known chains and parameters. */
function checkProcesses(src: PackSources): PackProblem[] {
  const problems: PackProblem[] = [];
  const params = new Set(src.parameters.map((p) => p.id));
  for (const [name, steps] of Object.entries(src.meta.reviewChains)) {
    const where = `pack.yaml reviewChains.${name}`;
    if (steps.at(-1)!.kind !== 'review') problems.push({ where, message: 'the last step must be a review' });
    if (new Set(steps.map((s) => s.id)).size !== steps.length)
      problems.push({ where, message: 'step ids repeat' });
    steps.forEach((s, i) => {
      if (i > 0 && LEVEL_DEPTH[s.level] > LEVEL_DEPTH[steps[i - 1]!.level])
        problems.push({ where: `${where}[${i}]`, message: 'a chain goes up the division tree, never down' });
    });
  }
  for (const p of src.programmes) {
    if (!p.process) continue;
    const where = `programme ${p.id} process`;
    const chain = src.meta.reviewChains[p.process.chain];
    if (!chain) problems.push({ where, message: `unknown review chain ${p.process.chain}` });
    if (p.kind === 'calculator') problems.push({ where, message: 'a calculator has no application process' });
    if (p.audience === 'enterprise' && chain?.some((s) => s.level === 'village'))
      problems.push({ where, message: 'enterprise applications start at the township, not a village' });
    const prefix = p.audience === 'both' ? /^(person|enterprise)\./ : new RegExp(`^${p.audience}\\.`);
    for (const l of p.process.limits) {
      if (typeof l.max === 'string' && !params.has(l.max))
        problems.push({ where: `${where} limits.${l.id}`, message: `unknown parameter ${l.max}` });
      for (const f of [...l.scope.filter((x) => x.includes('.')), ...(l.measure ? [l.measure] : [])])
        if (!prefix.test(f))
          problems.push({ where: `${where} limits.${l.id}`, message: `${f} is not a fact of the applicant` });
    }
  }
  return problems;
}
