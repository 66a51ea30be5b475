import type { CompiledComponent, CompiledProgramme, CompiledVersion } from './compiled-pack.js';
import type { Expression, Logic } from './expression.js';
import { toFen } from './money.js';
import { splitId } from './parameters.js';
import { AppError } from '../../../platform/errors/index.js';

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
}

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
  };
}

export interface Activation {
  /** The subject: `person` or `enterprise`, prepared for CEL (ints as BigInt, no nulls). */
  subject: Record<string, unknown>;
  date: string;
  params: Record<string, Record<string, unknown>>;
}

type Outcome = { ok: true; value: unknown } | { ok: false };

function run(expr: Expression, vars: Record<string, unknown>): Outcome {
  try {
    return { ok: true, value: expr.fn(vars) };
  } catch {
    return { ok: false };
  }
}

/** Is the path absent from the subject? Reports the shortest absent prefix (`talent`, not `talent.category`). */
export function absentPrefix(subject: unknown, path: string): string | undefined {
  const parts = path.split('.');
  let cur: unknown = subject;
  for (let i = 0; i < parts.length; i++) {
    if (Array.isArray(cur)) {
      const rest = parts.slice(i).join('.');
      for (const el of cur) {
        const a = absentPrefix(el, rest);
        if (a !== undefined) return parts.slice(0, i).concat(a.split('.')).join('.');
      }
      return undefined;
    }
    if (
      cur === null ||
      typeof cur !== 'object' ||
      (cur as Record<string, unknown>)[parts[i]!] === undefined
    ) {
      return parts.slice(0, i + 1).join('.');
    }
    cur = (cur as Record<string, unknown>)[parts[i]!];
  }
  return undefined;
}

function basisText(cp: CompiledProgramme): string {
  const r = cp.source.legalBasis;
  return `${r.document}${r.clause ? ' ' + r.clause : ''}`;
}

export class Evaluator {
  constructor(private readonly audience: 'person' | 'enterprise') {}

  /**
   * The absent facts that leave an expression undecided. For && / || / ! it looks at the parts: a part
   * that is decided (false in an &&, true in an ||) settles it, and only the undecided parts' facts
   * count; a value of `derived` that could not be computed contributes its own missing facts.
   */
  private missingFor(
    expr: Expression,
    version: CompiledVersion,
    vars: Record<string, unknown>,
    subject: unknown,
    out: Set<string>,
  ): void {
    if (expr.logic) {
      this.logic(expr.logic, version, vars, subject, out);
      return;
    }
    for (const p of expr.paths) {
      const a = absentPrefix(subject, p);
      if (a !== undefined) out.add(a);
    }
    const derived = (vars.derived ?? {}) as Record<string, unknown>;
    for (const name of expr.lets) {
      if (name in derived) continue;
      const l = version.lets.find(([n]) => n === name);
      if (l) this.missingFor(l[1], version, vars, subject, out);
    }
  }

  /** Kleene logic over the parts; adds the missing facts of the parts that leave it unknown. */
  private logic(
    node: Logic,
    version: CompiledVersion,
    vars: Record<string, unknown>,
    subject: unknown,
    out: Set<string>,
  ): boolean | null {
    switch (node.op) {
      case 'leaf': {
        const o = run(node.expr, vars);
        if (o.ok) return o.value === true;
        this.missingFor(node.expr, version, vars, subject, out);
        return null;
      }
      case 'not': {
        const v = this.logic(node.arg, version, vars, subject, out);
        return v === null ? null : !v;
      }
      default: {
        const decisive = node.op === 'or';
        const local = new Set<string>();
        let unknown = false;
        for (const a of node.args) {
          const v = this.logic(a, version, vars, subject, local);
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
      legalBasis: basisText(cp),
      fund: cp.source.fund,
    };
  }

  /**
   * Evaluate one programme for one case. Conditions use three values: true, false, or unknown when a
   * fact they read is absent (CEL's && and || absorb an unknown side that the other side decides).
   * Any false → not eligible; else any unknown → null with the missing facts; else eligible with the
   * components, each rounded half-up to the fen. `quick` skips everything for a subject that lacks a
   * fact the version requires (a scan's fast path).
   */
  evaluate(cp: CompiledProgramme, a: Activation, quick = false): DetailedResult {
    const vars: Record<string, unknown> = { [this.audience]: a.subject, date: a.date, params: a.params };
    let versionDate = a.date;
    if (cp.versionDate) {
      const vd = run(cp.versionDate, vars);
      if (!vd.ok) {
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
      versionDate = vd.value as string;
    }
    const mine = cp.versions.filter((v) => v.audience === this.audience);
    const version = mine.find((v) => v.from <= versionDate && (v.to === null || versionDate < v.to));
    const r = this.result(cp);
    if (!version) {
      r.eligible = false;
      r.reasons = [
        {
          condition: `本政策适用于 ${mine.map((v) => `${v.from} 起${v.to ? `至 ${v.to} 前` : ''}`).join('、')}的事项`,
          met: false,
        },
      ];
      r.failed = ['inForce'];
      return r;
    }
    if (quick) {
      for (const p of version.requires) {
        const m = absentPrefix(a.subject, p);
        if (m) {
          r.missing = [m];
          return r;
        }
      }
    }
    if (version.lets.length) {
      const lets: Record<string, unknown> = {};
      vars.derived = lets;
      for (const [name, expr] of version.lets) {
        const o = run(expr, vars);
        if (o.ok) lets[name] = o.value;
      }
    }
    const missing = new Set<string>();
    let anyFalse = false;
    let anyUnknown = false;
    for (const c of version.conditions) {
      const o = run(c.expr, vars);
      if (o.ok) {
        const met = o.value === true;
        anyFalse ||= !met;
        if (!met) r.failed.push(c.id);
        r.reasons.push({ condition: c.text, met });
      } else {
        anyUnknown = true;
        r.reasons.push({ condition: c.text, met: null });
        this.missingFor(c.expr, version, vars, a.subject, missing);
      }
    }
    if (anyFalse) {
      r.eligible = false;
      return r;
    }
    if (anyUnknown) {
      if (!missing.size) {
        for (const c of version.conditions) this.noValue(cp, c.expr, a, version);
        throw new Error(`${cp.source.id}: a condition failed to evaluate with every fact present`);
      }
      r.missing = [...missing].sort();
      return r;
    }
    let fundFen = 0;
    for (const comp of version.components) {
      const c = this.component(comp, vars);
      if (c === 'skip') continue;
      if (c === 'whenUnknown' || c === 'amountUnknown') {
        const expr = c === 'whenUnknown' ? comp.when! : comp.amount;
        const before = missing.size;
        this.missingFor(expr, version, vars, a.subject, missing);
        if (missing.size === before) this.noValue(cp, expr, a, version);
        continue;
      }
      r.components.push({ id: comp.id, amount: c / 100, payer: comp.payer });
      if (comp.payer === 'fund') fundFen += c;
    }
    if (missing.size) {
      r.components = [];
      r.missing = [...missing].sort();
      return r;
    }
    if (version.cap) {
      const cap = run(version.cap, vars);
      if (cap.ok && fundFen > toFen(cap.value as number)) {
        throw new Error(`${cp.source.id}: amount ${fundFen / 100} exceeds its cap ${String(cap.value)}`);
      }
    }
    r.eligible = true;
    r.amount = fundFen / 100;
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
  ): number | 'skip' | 'whenUnknown' | 'amountUnknown' {
    if (comp.when) {
      const w = run(comp.when, vars);
      if (!w.ok) return 'whenUnknown';
      if (w.value !== true) return 'skip';
    }
    const v = run(comp.amount, vars);
    if (!v.ok) return 'amountUnknown';
    const fen = toFen(v.value as number);
    return fen < 0 ? 0 : fen;
  }
}
