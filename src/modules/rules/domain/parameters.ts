import { AppError } from '../../../platform/errors/index.js';
import type { Parameter } from './pack-schema.js';

export type ParameterValue = number | Record<string, number> | string[];

/** A value as CEL sees it: int parameters as BigInt, maps as plain objects. */
function celValue(p: Parameter, v: ParameterValue): unknown {
  return p.type === 'int' ? BigInt(v as number) : v;
}

export function celTypeOfParameter(p: Parameter): string {
  switch (p.type) {
    case 'int':
      return 'int';
    case 'moneyByKey':
      return 'map<string, double>';
    case 'list':
      return 'list<string>';
    default:
      return 'double';
  }
}

/** The value in force on `date` ([from, next from)), or undefined before the first value. */
export function valueOn(p: Parameter, date: string): ParameterValue | undefined {
  let found: unknown;
  for (const v of p.values) if (v.from <= date) found = v.value;
  if (typeof found === 'string') return checkParameterValue(p, found, p.id);
  return found as ParameterValue | undefined;
}

/** Check a value against the parameter's type and the limits the policy text sets. */
export function checkParameterValue(p: Parameter, raw: unknown, path: string): ParameterValue {
  // An exact fraction written in the pack ('2/3') is a ratio: numerator ÷ denominator.
  const value =
    p.type === 'ratio' && typeof raw === 'string' && /^\d+\/[1-9]\d*$/.test(raw)
      ? Number(raw.split('/')[0]) / Number(raw.split('/')[1])
      : raw;
  const bad = (zh: string) =>
    new AppError('INVALID_PARAMETER', { path, zh: `参数 ${p.id}（${p.name}）${zh}` });
  let v: ParameterValue;
  switch (p.type) {
    case 'money':
    case 'ratio':
    case 'number':
    case 'int':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('应为数值');
      if (p.type === 'int' && !Number.isInteger(value)) throw bad('应为整数');
      if (p.type === 'money' && (value < 0 || Math.round(value * 100) !== Number((value * 100).toFixed(6)))) {
        throw bad('应为不小于 0、最多两位小数的金额');
      }
      v = value;
      break;
    case 'moneyByKey':
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw bad('应为按等级/类别给出金额的对象');
      for (const [k, x] of Object.entries(value)) {
        if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw bad(`中 ${k} 的金额不正确`);
      }
      v = value as Record<string, number>;
      break;
    case 'list':
      if (!Array.isArray(value) || !value.every((x) => typeof x === 'string')) throw bad('应为字符串列表');
      v = value as string[];
      break;
  }
  const numbers = typeof v === 'number' ? [v] : Array.isArray(v) ? [] : Object.values(v);
  for (const n of numbers) {
    if ((p.min !== undefined && n < p.min) || (p.max !== undefined && n > p.max)) {
      const basis = p.limitReference
        ? `（${p.limitReference.document}${p.limitReference.clause ? ' ' + p.limitReference.clause : ''}）`
        : '';
      throw new AppError('PARAMETER_OUT_OF_LIMITS', {
        path,
        zh: `参数 ${p.id}（${p.name}）的值 ${n} 超出文件规定的限度${p.min !== undefined ? `：不得低于 ${p.min}` : ''}${p.max !== undefined ? `：不得高于 ${p.max}` : ''}${basis}`,
        en: `${p.id} = ${n} is outside [${p.min ?? '-∞'}, ${p.max ?? '∞'}]`,
      });
    }
  }
  return v;
}

/**
 * The `params` object for CEL on a date, with overrides (already checked) applied. Nested by the
 * dotted id: `wage.minimumMonthly` → params.wage.minimumMonthly.
 */
export function paramsObject(
  parameters: readonly Parameter[],
  date: string,
  overrides: ReadonlyMap<string, ParameterValue>,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const p of parameters) {
    const v = overrides.get(p.id) ?? valueOn(p, date);
    if (v === undefined) continue;
    const [ns, name] = splitId(p.id);
    (out[ns] ??= {})[name] = celValue(p, v);
  }
  return out;
}

export function splitId(id: string): [string, string] {
  const i = id.indexOf('.');
  return [id.slice(0, i), id.slice(i + 1).replaceAll('.', '_')];
}
