import { AppError } from '../../../platform/errors/index.js';
import type { CompiledComponent, CompiledProgramme, CompiledVersion } from './compiled-pack.js';
import type { Expression, Logic } from './expression.js';
import { toFen } from './money.js';
import { splitId } from './parameters.js';

export interface Reason {
  condition: string;
  met: boolean | null;
}

export interface ComponentResult {
  id: string;
  amount: number;
  payer: 'fund' | 'unit';
}

/** One programme's answer, as the rules contract shapes it. */
export interface ProgrammeResult {
  programme: string;
  eligible: boolean | null;
  amount: number;
  components: ComponentResult[];
  reasons: Reason[];
  missing: string[];
  legalBasis: string;
  fund: string | null;
  /** The amount rests on a parameter the pack marks *to be set*: shown, never paid (second reading). */
  provisional: boolean;
  /** The payment is not counted as household income in the 低保 means test (一(三), 一(五)). */
  excludedFromMeansTest: boolean;
}

/** The reason a provisional result carries (programmes.md, second reading). */
export const PROVISIONAL_REASON = '补贴标准待市政府确定，当前金额为占位值，不得据以发放';
/** The reason of a programme with no version in force on the case's date. */
export const NOT_IN_FORCE_REASON = '申请日期不在该政策有效期内';

/** The result with what the contract does not carry: the ids of the conditions not met. */
export interface DetailedResult extends ProgrammeResult {
  failed: string[];
}

/** Exactly the contract's fields, in its order. */
export function contractResult(r: ProgrammeResult): ProgrammeResult {
  return {
    programme: r.programme,
    eligible: r.eligible,
    amount: r.amount,
    components: r.components,
    reasons: r.reasons,
    missing: r.missing,
    legalBasis: r.legalBasis,
    fund: r.fund,
    provisional: r.provisional,
    excludedFromMeansTest: r.excludedFromMeansTest,
  };
}

export interface Activation {
  /** The subject: `person` or `enterprise`, prepared for CEL (ints as BigInt, no nulls). */
  subject: Record<string, unknown>;
  date: string;
  params: Record<string, Record<string, unknown>>;
}

/** An expression's value, or UNKNOWN when a fact (or derived value) it needs is absent. */
const UNKNOWN: unique symbol = Symbol('unknown');
type Value = unknown;

/** Is the path absent from the subject? The shortest absent prefix (`talent`, not `talent.category`). */
export function absentPrefix(subject: unknown, path: string): string | undefined {
  const parts = absentParts(subject, path.split('.'), 0);
  return parts;
}

function absentParts(subject: unknown, parts: readonly string[], from: number): string | undefined {
  let cur: unknown = subject;
  for (let i = from; i < parts.length; i++) {
    if (Array.isArray(cur)) {
      for (const el of cur) {
        const a = absentParts(el, parts, i);
        if (a !== undefined) return a;
      }
      return undefined;
    }
    const next =
      cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[parts[i]!] : undefined;
    if (next === undefined) return parts.slice(0, i + 1).join('.');
    cur = next;
  }
  return undefined;
}

/** The fast test of the hot path: is any of these paths absent? */
function anyAbsent(subject: unknown, pathParts: readonly (readonly string[])[]): boolean {
  for (const parts of pathParts) if (absentParts(subject, parts, 0) !== undefined) return true;
  return false;
}

export class Evaluator {
  constructor(private readonly audience: 'person' | 'enterprise') {}

  /**
   * One expression. When it surely fails for an absent fact (nothing in it could decide it without
   * that fact), it is not run: CEL's error costs far more than this check.
   */
  private value(expr: Expression, vars: Record<string, unknown>, subject: unknown): Value {
    if (!expr.mayAbsorb) {
      if (anyAbsent(subject, expr.pathParts)) return UNKNOWN;
      if (expr.lets.length) {
        const derived = vars.derived as Record<string, unknown> | undefined;
        for (const l of expr.lets) if (derived?.[l] === undefined) return UNKNOWN;
      }
    }
    try {
      return expr.fn(vars);
    } catch {
      return UNKNOWN;
    }
  }

  private lacksDerived(expr: Expression, vars: Record<string, unknown>): boolean {
    if (!expr.lets.length) return false;
    const derived = vars.derived as Record<string, unknown> | undefined;
    for (const l of expr.lets) if (derived?.[l] === undefined) return true;
    return false;
  }

  /** A condition: with &&/||/! parts, Kleene logic over them when facts are absent; one run otherwise. */
  private condition(expr: Expression, vars: Record<string, unknown>, subject: unknown): boolean | null {
    // With a fact absent, judge the parts (each checked before it runs) instead of running the whole
    // and paying for the error CEL would throw.
    if (expr.logic && (anyAbsent(subject, expr.pathParts) || this.lacksDerived(expr, vars))) {
      return this.kleene(expr.logic, vars, subject);
    }
    const v = this.value(expr, vars, subject);
    return v === UNKNOWN ? null : v === true;
  }

  private kleene(node: Logic, vars: Record<string, unknown>, subject: unknown): boolean | null {
    switch (node.op) {
      case 'leaf':
        return this.condition(node.expr, vars, subject);
      case 'not': {
        const v = this.kleene(node.arg, vars, subject);
        return v === null ? null : !v;
      }
      default: {
        const decisive = node.op === 'or';
        let unknown = false;
        for (const a of node.args) {
          const v = this.kleene(a, vars, subject);
          if (v === decisive) return decisive;
          if (v === null) unknown = true;
        }
        return unknown ? null : !decisive;
      }
    }
  }

  /**
   * The absent facts that leave an expression undecided: for &&/||/!, only the undecided parts count
   * (a decided part settles its branch); a derived value that could not be computed contributes its own.
   */
  private missingFor(
    expr: Expression,
    version: CompiledVersion,
    vars: Record<string, unknown>,
    subject: unknown,
    out: Set<string>,
  ): void {
    if (expr.logic) {
      this.missingLogic(expr.logic, version, vars, subject, out);
      return;
    }
    for (const p of expr.paths) {
      const a = absentPrefix(subject, p);
      if (a !== undefined) out.add(a);
    }
    const derived = (vars.derived ?? {}) as Record<string, unknown>;
    for (const name of expr.lets) {
      if (derived[name] !== undefined) continue;
      const l = version.lets.find(([n]) => n === name);
      if (l) this.missingFor(l[1], version, vars, subject, out);
    }
  }

  private missingLogic(
    node: Logic,
    version: CompiledVersion,
    vars: Record<string, unknown>,
    subject: unknown,
    out: Set<string>,
  ): boolean | null {
    switch (node.op) {
      case 'leaf': {
        const v = this.condition(node.expr, vars, subject);
        if (v === null) this.missingFor(node.expr, version, vars, subject, out);
        return v;
      }
      case 'not': {
        const v = this.missingLogic(node.arg, version, vars, subject, out);
        return v === null ? null : !v;
      }
      default: {
        const decisive = node.op === 'or';
        const local = new Set<string>();
        let unknown = false;
        for (const a of node.args) {
          const v = this.missingLogic(a, version, vars, subject, local);
          if (v === decisive) return decisive;
          if (v === null) unknown = true;
        }
        for (const m of local) out.add(m);
        return unknown ? null : !decisive;
      }
    }
  }

  private result(cp: CompiledProgramme): DetailedResult {
    return {
      failed: [],
      programme: cp.source.id,
      eligible: null,
      amount: 0,
      components: [],
      reasons: [],
      missing: [],
      legalBasis: cp.legalBasisText,
      fund: cp.source.fund,
      provisional: false,
      excludedFromMeansTest: cp.source.excludedFromMeansTest,
    };
  }

  /** No version in force on the date (or a parameter it needs has no value yet): not eligible, not an error. */
  private notInForce(cp: CompiledProgramme): DetailedResult {
    const r = this.result(cp);
    r.eligible = false;
    r.reasons = [{ condition: NOT_IN_FORCE_REASON, met: false }];
    r.failed = ['inForce'];
    return r;
  }

  /**
   * Evaluate one programme for one case. Conditions use three values: true, false, or unknown when a
   * fact they read is absent (CEL's && and || decide when one side is enough). Any false → not
   * eligible; else any unknown → null with the missing facts; else eligible with the components, each
   * rounded half-up to the fen. `quick` (a scan) answers `undefined` at once for a subject that lacks a
   * fact the version requires.
   */
  evaluate(cp: CompiledProgramme, a: Activation, quick: true): DetailedResult | undefined;
  evaluate(cp: CompiledProgramme, a: Activation, quick?: false): DetailedResult;
  evaluate(cp: CompiledProgramme, a: Activation, quick = false): DetailedResult | undefined {
    const mine = cp.versionsFor[this.audience];
    if (quick && mine.length === 1 && anyAbsent(a.subject, mine[0]!.requiresParts)) return undefined;
    const vars: Record<string, unknown> = { [this.audience]: a.subject, date: a.date, params: a.params };
    let versionDate = a.date;
    if (cp.versionDate) {
      const vd = this.value(cp.versionDate, vars, a.subject);
      if (vd === UNKNOWN) {
        if (quick) return undefined;
        const r = this.result(cp);
        const missing = new Set<string>();
        for (const p of cp.versionDate.paths) {
          const m = absentPrefix(a.subject, p);
          if (m) missing.add(m);
        }
        if (!missing.size) throw new Error(`${cp.source.id}: versionDate failed to evaluate`);
        r.missing = [...missing].sort();
        return r;
      }
      versionDate = vd as string;
    }
    const version = mine.find((v) => v.from <= versionDate && (v.to === null || versionDate < v.to));
    if (quick && (!version || anyAbsent(a.subject, version.requiresParts))) return undefined;
    const r = this.result(cp);
    if (!version) return this.notInForce(cp);
    for (const [ns, name] of version.paramParts) {
      if (a.params[ns]?.[name] === undefined) return this.notInForce(cp);
    }
    if (version.lets.length) {
      const derived: Record<string, unknown> = {};
      vars.derived = derived;
      for (const [name, expr] of version.lets) {
        const v = this.value(expr, vars, a.subject);
        if (v !== UNKNOWN) derived[name] = v;
      }
    }
    let anyFalse = false;
    let anyUnknown = false;
    const unknownConditions: Expression[] = [];
    for (const c of version.conditions) {
      const met = this.condition(c.expr, vars, a.subject);
      if (met === null) {
        anyUnknown = true;
        unknownConditions.push(c.expr);
      } else if (!met) {
        anyFalse = true;
        r.failed.push(c.id);
        // A scan keeps only the eligible: the first condition not met settles it.
        if (quick) {
          r.eligible = false;
          return r;
        }
      }
      r.reasons.push({ condition: c.text, met });
    }
    if (anyFalse) {
      r.eligible = false;
      return r;
    }
    const missing = new Set<string>();
    if (anyUnknown) {
      for (const e of unknownConditions) this.missingFor(e, version, vars, a.subject, missing);
      if (!missing.size) {
        for (const e of unknownConditions) this.noValue(cp, e, a, version);
        throw new Error(`${cp.source.id}: a condition failed to evaluate with every fact present`);
      }
      r.missing = [...missing].sort();
      return r;
    }
    let fundFen = 0;
    let placeholder = false;
    for (const comp of version.components) {
      const c = this.component(comp, vars, a.subject);
      if (c === 'skip') continue;
      if (c === 'whenUnknown' || c === 'amountUnknown') {
        const expr = c === 'whenUnknown' ? comp.when! : comp.amount;
        const before = missing.size;
        this.missingFor(expr, version, vars, a.subject, missing);
        if (missing.size === before) this.noValue(cp, expr, a, version);
        continue;
      }
      r.components.push({ id: comp.id, amount: c / 100, payer: comp.payer });
      if (comp.payer === 'fund') {
        fundFen += c;
        if (comp.placeholder) placeholder = true;
      }
    }
    if (missing.size) {
      r.components = [];
      r.missing = [...missing].sort();
      return r;
    }
    if (version.cap) {
      const cap = this.value(version.cap, vars, a.subject);
      if (cap !== UNKNOWN && fundFen > toFen(cap as number)) {
        throw new Error(`${cp.source.id}: amount ${fundFen / 100} exceeds its cap ${String(cap)}`);
      }
    }
    r.eligible = true;
    r.amount = fundFen / 100;
    if (placeholder) {
      r.provisional = true;
      r.reasons.push({ condition: PROVISIONAL_REASON, met: true });
    }
    return r;
  }

  /**
   * An expression failed with every fact it reads present: a parameter without a value on the date (a
   * date before the pack's values begin) is the caller's to know; anything else is a defect of the pack.
   */
  private noValue(cp: CompiledProgramme, expr: Expression, a: Activation, version?: CompiledVersion): void {
    for (const name of expr.lets) {
      const l = version?.lets.find(([n]) => n === name);
      if (l) this.noValue(cp, l[1], a, version);
    }
    for (const id of expr.params) {
      const [ns, name] = splitId(id);
      if (a.params[ns]?.[name] === undefined) {
        throw new AppError('VALIDATION_FAILED', {
          path: 'date',
          zh: `政策参数 ${id} 在 ${a.date} 没有取值（早于其生效日期），无法评估 ${cp.source.id}`,
          en: `Parameter ${id} has no value on ${a.date}`,
        });
      }
    }
  }

  private component(
    comp: CompiledComponent,
    vars: Record<string, unknown>,
    subject: unknown,
  ): number | 'skip' | 'whenUnknown' | 'amountUnknown' {
    if (comp.when) {
      const w = this.value(comp.when, vars, subject);
      if (w === UNKNOWN) return 'whenUnknown';
      if (w !== true) return 'skip';
    }
    const v = this.value(comp.amount, vars, subject);
    if (v === UNKNOWN) return 'amountUnknown';
    const fen = toFen(v as number);
    return fen < 0 ? 0 : fen;
  }
}
