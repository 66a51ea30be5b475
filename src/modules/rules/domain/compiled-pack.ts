import { Environment } from '@marcbachmann/cel-js';
import { caseTypes } from './case-vocabulary.js';
import type { PackSources } from './compile-pack.js';
import { celFunctions } from './cel-functions.js';
import { compileExpression, ExpressionError, type Expression } from './expression.js';
import type { Parameter, ProgrammeSource, Reference } from './pack-schema.js';
import { celTypeOfParameter, splitId } from './parameters.js';

export type Audience = 'person' | 'enterprise';

export interface CompiledCondition {
  id: string;
  text: string;
  expr: Expression;
}

export interface CompiledComponent {
  id: string;
  name: string;
  payer: 'fund' | 'unit';
  when: Expression | undefined;
  amount: Expression;
  /** Its amount (or when) reads, directly or through lets, a parameter marked *to be set*. */
  placeholder: boolean;
}

export interface CompiledVersion {
  audience: Audience;
  from: string;
  to: string | null;
  reference: Reference;
  requires: string[];
  requiresParts: string[][];
  lets: [string, Expression][];
  conditions: CompiledCondition[];
  components: CompiledComponent[];
  cap: Expression | undefined;
  /** Every parameter the version reads, as [namespace, name]: without a value on the date, not in force. */
  paramParts: [string, string][];
}

export interface CompiledProgramme {
  source: ProgrammeSource;
  versionDate: Expression | undefined;
  versions: CompiledVersion[];
  /** The versions that judge each audience's cases. */
  versionsFor: Record<Audience, CompiledVersion[]>;
  /** `document clause`, as results show it. */
  legalBasisText: string;
}

export interface CompiledPack {
  /** What the pack was compiled from (for diffs and storage). */
  sources: PackSources;
  id: string;
  version: string;
  parameters: Parameter[];
  parameterById: Map<string, Parameter>;
  programmes: CompiledProgramme[];
  programmeById: Map<string, CompiledProgramme>;
}

const LIMITS = { maxAstNodes: 4000, maxDepth: 64 };

/** The CEL environment for one audience: the case types, `date`, `params` and the domain functions. */
export function baseEnvironment(audience: Audience, parameters: readonly Parameter[]): Environment {
  const env = new Environment({ limits: LIMITS });
  // A type can be registered only after the types its fields use.
  const types = new Map(caseTypes().map((t) => [t.name, t]));
  const done = new Set<string>();
  const register = (name: string) => {
    const t = types.get(name);
    if (!t || done.has(name)) return;
    done.add(name);
    for (const f of Object.values(t.fields)) register(f.replace(/^list<(.*)>$/, '$1'));
    env.registerType(t.name, { fields: t.fields });
  };
  for (const name of types.keys()) register(name);
  const namespaces = new Map<string, Record<string, string>>();
  for (const p of parameters) {
    const [ns, name] = splitId(p.id);
    if (!namespaces.has(ns)) namespaces.set(ns, {});
    namespaces.get(ns)![name] = celTypeOfParameter(p);
  }
  const paramFields: Record<string, string> = {};
  for (const [ns, fields] of namespaces) {
    const typeName = 'Param' + ns[0]!.toUpperCase() + ns.slice(1);
    env.registerType(typeName, { fields });
    paramFields[ns] = typeName;
  }
  env.registerType('Params', { fields: paramFields });
  env.registerVariable('params', 'Params');
  env.registerVariable('date', 'string');
  env.registerVariable(audience, audience === 'person' ? 'Person' : 'Enterprise');
  for (const f of celFunctions) env.registerFunction(f.signature, f.handler);
  return env;
}

/** Compile one programme: every expression parsed and type-checked, lets typed in order. */
export function compileProgramme(
  source: ProgrammeSource,
  envs: Record<Audience, Environment>,
  placeholders: ReadonlySet<string> = new Set(),
): CompiledProgramme {
  const at = (s: string) => `${source.id} ${s}`;
  const versions = source.versions.map((v, vi): CompiledVersion => {
    const root: Audience = v.audience ?? (source.audience as Audience);
    const base = envs[root];
    const where = (s: string) => at(`versions[${vi}].${s}`);
    // Each let is checked in an environment that knows the lets before it, as `derived.<name>`.
    const lets: [string, Expression][] = [];
    const letTypes: Record<string, string> = {};
    let env = base;
    const withLets = () => {
      const e = base.clone();
      const typeName = `Let${source.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase())}V${vi}N${Object.keys(letTypes).length}`;
      e.registerType(typeName, { fields: { ...letTypes } });
      e.registerVariable('derived', typeName);
      return e;
    };
    for (const [name, src] of letsInDependencyOrder(v.let, where)) {
      env = withLets();
      let type: string | undefined;
      for (const t of ['bool', 'int', 'double', 'string']) {
        try {
          lets.push([name, compileExpression(env, src, t, where(`let.${name}`), root)]);
          type = t;
          break;
        } catch (e) {
          if (!(e instanceof ExpressionError) || !/must be/.test(e.message)) throw e;
        }
      }
      if (!type) throw new ExpressionError('a let must be bool, int, double or string', where(`let.${name}`));
      letTypes[name] = type;
    }
    env = Object.keys(letTypes).length ? withLets() : base;
    return {
      audience: root,
      from: v.from,
      to: v.to,
      reference: v.reference,
      requires: v.requires,
      requiresParts: v.requires.map((r) => r.split('.')),
      lets,
      conditions: v.conditions.map((c) => ({
        id: c.id,
        text: c.text,
        expr: compileExpression(env, c.when, 'bool', where(`conditions.${c.id}`), root),
      })),
      components: v.components.map((c) => ({
        id: c.id,
        name: c.name,
        payer: c.payer,
        when: c.when
          ? compileExpression(env, c.when, 'bool', where(`components.${c.id}.when`), root)
          : undefined,
        amount: compileExpression(env, c.amount, 'double', where(`components.${c.id}.amount`), root),
        placeholder: false,
      })),
      cap: v.cap ? compileExpression(env, v.cap, 'double', where('cap'), root) : undefined,
      paramParts: [],
    };
  });
  for (const v of versions) markParameters(v, placeholders);
  const basis = source.legalBasis;
  return {
    source,
    versionsFor: {
      person: versions.filter((v) => v.audience === 'person'),
      enterprise: versions.filter((v) => v.audience === 'enterprise'),
    },
    legalBasisText: `${basis.document}${basis.clause ? ' ' + basis.clause : ''}`,
    versionDate:
      source.versionDate && source.audience !== 'both'
        ? compileExpression(
            envs[source.audience],
            source.versionDate,
            'string',
            at('versionDate'),
            source.audience,
          )
        : undefined,
    versions,
  };
}

/** The parameters an expression reads, directly or through the version's lets. */
function paramsRead(
  expr: Expression,
  v: CompiledVersion,
  out: Set<string>,
  seen = new Set<string>(),
): Set<string> {
  for (const p of expr.params) out.add(p);
  for (const name of expr.lets) {
    if (seen.has(name)) continue;
    seen.add(name);
    const l = v.lets.find(([n]) => n === name);
    if (l) paramsRead(l[1], v, out, seen);
  }
  return out;
}

/** Which components rest on a placeholder (*to be set*), and every parameter the version reads. */
function markParameters(v: CompiledVersion, placeholders: ReadonlySet<string>): void {
  const all = new Set<string>();
  for (const [, e] of v.lets) paramsRead(e, v, all);
  for (const c of v.conditions) paramsRead(c.expr, v, all);
  if (v.cap) paramsRead(v.cap, v, all);
  for (const c of v.components) {
    const read = paramsRead(c.amount, v, new Set());
    if (c.when) paramsRead(c.when, v, read);
    for (const p of read) all.add(p);
    c.placeholder = [...read].some((p) => placeholders.has(p));
  }
  v.paramParts = [...all].sort().map((p) => splitId(p));
}

/**
 * Lets in an order where each comes after the lets it reads (`derived.<name>`), whatever order the
 * source gave them in (a pack stored as jsonb loses key order). A cycle is an error.
 */
export function letsInDependencyOrder(
  lets: Record<string, string>,
  where: (s: string) => string,
): [string, string][] {
  const names = Object.keys(lets).sort();
  const deps = new Map(
    names.map((n) => [
      n,
      [...lets[n]!.matchAll(/\bderived\.([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1]!).filter((d) => d in lets),
    ]),
  );
  const out: [string, string][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (n: string, path: string[]) => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'visiting')
      throw new ExpressionError(
        `lets depend on each other in a cycle: ${[...path, n].join(' → ')}`,
        where(`let.${n}`),
      );
    state.set(n, 'visiting');
    for (const d of deps.get(n)!) visit(d, [...path, n]);
    state.set(n, 'done');
    out.push([n, lets[n]!]);
  };
  for (const n of names) visit(n, []);
  return out;
}
