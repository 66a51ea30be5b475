import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { PackInvalidError, type PackProblem, type PackSources } from '../domain/compile-pack.js';
import {
  PackCasesFileSchema,
  PackMetaSchema,
  ParameterSchema,
  ProgrammeSchema,
  type Parameter,
  type ProgrammeSource,
} from '../domain/pack-schema.js';

/** Policy packs live in `policy/<pack>/` at the repository root. */
export const POLICY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../policy');

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Read a pack's files: `pack.yaml`, `parameters/*.yaml` (each a list of parameters),
 * `programmes/<id>.yaml`, `cases/<id>.yaml`. Every file is checked against its schema; all problems
 * are reported together.
 */
export function readPackSources(dir: string): PackSources {
  const problems: PackProblem[] = [];
  const rel = (f: string) => path.relative(path.dirname(dir), f);
  const load = <T>(file: string, schema: z.ZodType<T>): T | undefined => {
    let data: unknown;
    try {
      data = parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push({ where: rel(file), message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` });
      return undefined;
    }
    const r = schema.safeParse(data);
    if (!r.success) {
      for (const i of r.error.issues.slice(0, 5))
        problems.push({ where: `${rel(file)} ${i.path.join('.')}`, message: i.message });
      return undefined;
    }
    return r.data;
  };
  const meta = load(path.join(dir, 'pack.yaml'), PackMetaSchema);
  const parameters: Parameter[] = [];
  for (const f of yamlFiles(path.join(dir, 'parameters'))) {
    const list = load(f, ParameterSchema.array());
    if (list) parameters.push(...list);
  }
  const programmes: ProgrammeSource[] = [];
  for (const f of yamlFiles(path.join(dir, 'programmes'))) {
    const p = load(f, ProgrammeSchema);
    if (p && path.basename(f, '.yaml') !== p.id)
      problems.push({ where: rel(f), message: `file name must be ${p.id}.yaml` });
    if (p) programmes.push(p);
  }
  const cases: PackSources['cases'] = [];
  for (const f of yamlFiles(path.join(dir, 'cases'))) {
    const c = load(f, PackCasesFileSchema);
    if (c) cases.push({ programme: c.programme, file: rel(f), cases: c.cases });
  }
  if (problems.length || !meta) throw new PackInvalidError(problems);
  return { meta, parameters, programmes, cases };
}
