import type { ASTNode, Environment, ParseResult } from '@marcbachmann/cel-js';

/** A compiled expression: parsed and type-checked once, with the case fact paths it reads. */
export interface Expression {
  source: string;
  fn: ParseResult;
  /** Fact paths read (relative to the subject, e.g. `talent.firstHomeInLingyuan`), outside `has()`. */
  paths: string[];
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
  const expr: Expression = {
    source,
    fn,
    paths: [...paths].sort(),
    lets: [...lets].sort(),
    params: [...params].sort(),
  };
  const ast = fn.ast as ASTNode;
  if (expected === 'bool' && (ast.op === '&&' || ast.op === '||' || ast.op === '!_')) {
    expr.logic = logicOf(env, ast, where, root);
  }
  return expr;
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
