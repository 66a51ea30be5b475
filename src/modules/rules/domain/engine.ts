import { AppError } from '../../../platform/errors/index.js';
import type { CompiledPack, CompiledProgramme } from './compiled-pack.js';
import { Evaluator, type DetailedResult } from './evaluate.js';
import { checkParameterValue, paramsObject, type ParameterValue } from './parameters.js';
import type { Limit, ProgrammeSource, ReviewStep } from './pack-schema.js';
import { prepareSubject, requireCaseDate } from './prepare-case.js';

export interface CaseResult {
  date: string;
  pack: string;
  results: DetailedResult[];
}

export interface ApplicationProcess {
  programme: ProgrammeSource;
  steps: readonly ReviewStep[];
  limits: readonly Limit[];
  historyKey: string | undefined;
}

const CASE_KEYS = new Set(['date', 'programmes', 'parameters', 'person', 'enterprise']);

/** The rules engine over one compiled pack: validates a case as the contract says, evaluates it. */
export class RulesEngine {
  private readonly evaluators = { person: new Evaluator('person'), enterprise: new Evaluator('enterprise') };
  private readonly paramsCache = new Map<string, Record<string, Record<string, unknown>>>();

  constructor(readonly pack: CompiledPack) {}

  get sources() {
    return this.pack.sources;
  }

  /**
   * How one applies for a programme: its review chain, limits and history key (undefined for
   * calculators and for services that have their own procedure).
   */
  processOf(programmeId: string): ApplicationProcess | undefined {
    const p = this.pack.programmeById.get(programmeId)?.source;
    if (!p?.process) return undefined;
    return {
      programme: p,
      steps: this.pack.sources.meta.reviewChains[p.process.chain]!,
      limits: p.process.limits,
      historyKey: p.process.historyKey,
    };
  }

  get label(): string {
    return `${this.pack.id}@${this.pack.version}`;
  }

  /** Check parameter overrides: known ids, right types, within the text's limits. */
  overrides(raw: unknown): Map<string, ParameterValue> {
    const out = new Map<string, ParameterValue>();
    if (raw === undefined || raw === null) return out;
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      throw new AppError('INVALID_PARAMETER', { path: 'parameters', zh: 'parameters 应为对象' });
    }
    for (const [id, value] of Object.entries(raw)) {
      const p = this.pack.parameterById.get(id);
      if (!p)
        throw new AppError('UNKNOWN_PARAMETER', { path: `parameters.${id}`, zh: `未知的政策参数：${id}` });
      out.set(id, checkParameterValue(p, value, `parameters.${id}`));
    }
    return out;
  }

  params(date: string, overrides: ReadonlyMap<string, ParameterValue>) {
    if (overrides.size) return paramsObject(this.pack.parameters, date, overrides);
    let p = this.paramsCache.get(date);
    if (!p) {
      p = paramsObject(this.pack.parameters, date, overrides);
      if (this.paramsCache.size > 5000) this.paramsCache.clear();
      this.paramsCache.set(date, p);
    }
    return p;
  }

  programmesFor(audience: 'person' | 'enterprise', ids: unknown): CompiledProgramme[] {
    const serves = (p: CompiledProgramme) => p.source.audience === audience || p.source.audience === 'both';
    if (ids === undefined || ids === null) return this.pack.programmes.filter(serves);
    if (!Array.isArray(ids))
      throw new AppError('UNKNOWN_PROGRAMME', { path: 'programmes', zh: 'programmes 应为项目编号列表' });
    return ids.map((id, i) => {
      const p = typeof id === 'string' ? this.pack.programmeById.get(id) : undefined;
      if (!p)
        throw new AppError('UNKNOWN_PROGRAMME', {
          path: `programmes.${i}`,
          zh: `未知的政策项目：${String(id)}`,
        });
      if (!serves(p)) {
        throw new AppError('UNKNOWN_PROGRAMME', {
          path: `programmes.${i}`,
          zh: `政策项目 ${p.source.id} 的申请对象是${p.source.audience === 'person' ? '个人' : '企业'}，与案例不符`,
        });
      }
      return p;
    });
  }

  /**
   * Evaluate a prepared subject on a scan's fast path: programmes whose required facts the subject lacks
   * are skipped (left out of the answer).
   */
  evaluateSubject(
    audience: 'person' | 'enterprise',
    subject: Record<string, unknown>,
    date: string,
    params: Record<string, Record<string, unknown>>,
    programmes: readonly CompiledProgramme[],
  ): DetailedResult[] {
    const evaluator = this.evaluators[audience];
    const a = { subject, date, params };
    const out: DetailedResult[] = [];
    for (const p of programmes) {
      const r = evaluator.evaluate(p, a, true);
      if (r) out.push(r);
    }
    return out;
  }

  /** One case of the contract → its result. Throws AppError (exit 2 / HTTP 400) for bad input. */
  evaluateCase(raw: unknown): CaseResult {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new AppError('INVALID_CASE');
    const input = raw as Record<string, unknown>;
    for (const k of Object.keys(input)) {
      if (!CASE_KEYS.has(k)) throw new AppError('INVALID_CASE', { path: k, zh: `案例中有未知的字段：${k}` });
    }
    const date = requireCaseDate(input.date);
    const hasPerson = input.person !== undefined && input.person !== null;
    const hasEnterprise = input.enterprise !== undefined && input.enterprise !== null;
    if (hasPerson === hasEnterprise)
      throw new AppError('INVALID_CASE', { path: hasPerson ? 'enterprise' : 'person' });
    const audience = hasPerson ? 'person' : 'enterprise';
    const programmes = this.programmesFor(audience, input.programmes);
    const overrides = this.overrides(input.parameters);
    const subject = prepareSubject(audience, input[audience]);
    const params = this.params(date, overrides);
    const evaluator = this.evaluators[audience];
    return {
      date,
      pack: this.label,
      results: programmes.map((p) => evaluator.evaluate(p, { subject, date, params })),
    };
  }
}
