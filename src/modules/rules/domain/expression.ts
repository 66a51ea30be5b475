import { Environment, type ASTNode, type ParseResult } from '@marcbachmann/cel-js';
import { celFunctions } from './cel-functions.js';

/**
 * Expressions are type-checked in the typed environment of their audience, then run from a parse in an
 * untyped one: the typed evaluator re-checks the declared type of every value it reads, about 3× the
 * cost of the evaluation itself. The values are typed at the boundary already (integers BigInt, money
 * double, by the same declarations), and no function name is overloaded (an untyped parse binds a call
 * to its first signature), so both evaluate alike: the pack's cases and the property tests run on this.
 */
let untyped: Environment | undefined;
function evaluationEnvironment(): Environment {
  if (!untyped) {
    untyped = new Environment({ unlistedVariablesAreDyn: true, limits: { maxAstNodes: 4000, maxDepth: 64 } });
    for (const f of celFunctions) untyped.registerFunction(f.signature, f.handler);
  }
  return untyped;
}

export interface Expression {
  source: string;
  fn: ParseResult;
  /** Fact paths read (relative to the subject, e.g. `talent.firstHomeInLingyuan`), outside `has()`. */
  paths: string[];
  /** The same, split on dots (for the hot path). */
  pathParts: string[][];
  /**
   * False when the expression surely fails if a path it reads is absent: it has no && || ?: has() or
   * comprehension that could decide it without that fact. Then the evaluator need not run it (and pay
   * for the error CEL would throw).
   */
  mayAbsorb: boolean;
  /** `derived.<name>` values it reads. */
  lets: string[];
  /** Parameters it reads, by id (`wage.minimumMonthly`). */
  params: string[];
  /**
   * For a boolean expression made of && || !: its parts, each compiled on its own, so that when the
   * whole is unknown we can tell which absent facts actually leave it undecided.
   */
  logic?: Logic | undefined;
}

export type Logic =
  { op: 'and' | 'or'; args: Logic[] } | { op: 'not'; arg: Logic } | { op: 'leaf'; expr: Expression };

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly where: string,
  ) {
    super(`${where}: ${message}`);
  }
}

/** Parse and type-check `source`; refuse it unless its type is `expected`. Never evaluated here. */
export function compileExpression(
  env: Environment,
  source: string,
  expected: string,
  where: string,
  root: string,
): Expression {
  let fn: ParseResult;
  try {
    fn = env.parse(source);
  } catch (e) {
    throw new ExpressionError(`cannot parse: ${(e as Error).message.split('\n')[0]}`, where);
  }
  const checked = fn.check();
  if (!checked.valid)
    throw new ExpressionError(`type error: ${checked.error?.message.split('\n')[0]}`, where);
  if (checked.type !== expected) throw new ExpressionError(`must be ${expected}, is ${checked.type}`, where);
  const paths = new Set<string>();
  const lets = new Set<string>();
  collectPaths(fn.ast as ASTNode, root, new Map(), paths, lets, false);
  const params = new Set<string>();
  collectPaths(fn.ast as ASTNode, 'params', new Map(), params, new Set(), false);
  const sortedPaths = [...paths].sort();
  const expr: Expression = {
    source,
    fn: evaluationEnvironment().parse(source),
    paths: sortedPaths,
    pathParts: sortedPaths.map((p) => p.split('.')),
    mayAbsorb: mayAbsorb(fn.ast as ASTNode),
    lets: [...lets].sort(),
    params: [...params].sort(),
  };
  const ast = fn.ast as ASTNode;
  if (expected === 'bool' && (ast.op === '&&' || ast.op === '||' || ast.op === '!_')) {
    expr.logic = logicOf(env, ast, where, root);
  }
  return expr;
}

const ABSORBING_CALLS = new Set(['has', 'all', 'exists', 'exists_one', 'map', 'filter', 'bind']);

/** Could this expression succeed although a fact it reads is absent? */
function mayAbsorb(node: ASTNode): boolean {
  switch (node.op) {
    case '&&':
    case '||':
    case '?:':
    case '.?':
    case '[?]':
      return true;
    case 'value':
    case 'id':
      return false;
    case 'call':
      return ABSORBING_CALLS.has(node.args[0]) || node.args[1].some(mayAbsorb);
    case 'rcall':
      return ABSORBING_CALLS.has(node.args[0]) || mayAbsorb(node.args[1]) || node.args[2].some(mayAbsorb);
    case '.':
      return mayAbsorb(node.args[0]);
    case 'list':
      return node.args.some(mayAbsorb);
    case 'map':
      return node.args.some(([k, v]) => mayAbsorb(k) || mayAbsorb(v));
    case '!_':
    case '-_':
      return mayAbsorb(node.args);
    default:
      return (node.args as ASTNode[]).some(mayAbsorb);
  }
}

function logicOf(env: Environment, node: ASTNode, where: string, root: string): Logic {
  if (node.op === '&&' || node.op === '||') {
    const args: Logic[] = [];
    // Flatten a && b && c into one node.
    const collect = (n: ASTNode) => {
      if (n.op === node.op) for (const a of n.args) collect(a);
      else args.push(logicOf(env, n, where, root));
    };
    collect(node);
    return { op: node.op === '&&' ? 'and' : 'or', args };
  }
  if (node.op === '!_') return { op: 'not', arg: logicOf(env, node.args, where, root) };
  const text = node.input.slice(node.start, node.end);
  return {
    op: 'leaf',
    expr: compileExpression(env, text, 'bool', `${where} (part ${text.slice(0, 40)})`, root),
  };
}

const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/** The dotted path of a member chain rooted at the subject or at a comprehension variable, if any. */
function chainPath(node: ASTNode, root: string, vars: Map<string, string>): string | undefined {
  if (node.op === 'id') {
    if (node.args === root) return '';
    return vars.get(node.args);
  }
  if (node.op === '.' || node.op === '.?') {
    const [obj, field] = node.args;
    const base = chainPath(obj, root, vars);
    return base === undefined ? undefined : base ? `${base}.${field}` : field;
  }
  return undefined;
}

function collectPaths(
  node: ASTNode,
  root: string,
  vars: Map<string, string>,
  paths: Set<string>,
  lets: Set<string>,
  guarded: boolean,
): void {
  switch (node.op) {
    case 'value':
      return;
    case 'id':
      if (node.args === root && !guarded) paths.add('');
      return;
    case '.':
    case '.?': {
      const [obj, field] = node.args;
      if (obj.op === 'id' && obj.args === 'derived') {
        lets.add(field);
        return;
      }
      const p = chainPath(node, root, vars);
      if (p !== undefined) {
        if (!guarded && p) paths.add(p);
        return;
      }
      collectPaths(obj, root, vars, paths, lets, guarded);
      return;
    }
    case 'call': {
      const [name, args] = node.args;
      for (const a of args) collectPaths(a, root, vars, paths, lets, guarded || name === 'has');
      return;
    }
    case 'rcall': {
      const [name, receiver, args] = node.args;
      collectPaths(receiver, root, vars, paths, lets, guarded);
      const listPath = chainPath(receiver, root, vars);
      if (COMPREHENSIONS.has(name) && args[0]?.op === 'id' && listPath !== undefined) {
        const inner = new Map(vars).set(args[0].args, listPath);
        for (const a of args.slice(1)) collectPaths(a, root, inner, paths, lets, guarded);
      } else {
        for (const a of args) collectPaths(a, root, vars, paths, lets, guarded);
      }
      return;
    }
    case 'list':
      for (const a of node.args) collectPaths(a, root, vars, paths, lets, guarded);
      return;
    case 'map':
      for (const [k, v] of node.args) {
        collectPaths(k, root, vars, paths, lets, guarded);
        collectPaths(v, root, vars, paths, lets, guarded);
      }
      return;
    case '!_':
    case '-_':
      collectPaths(node.args, root, vars, paths, lets, guarded);
      return;
    default:
      for (const a of node.args as ASTNode[]) collectPaths(a, root, vars, paths, lets, guarded);
  }
}
