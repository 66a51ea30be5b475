import type { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { isCalendarDate } from '../../../shared/dates/calendar-date.js';
import { parseIdNumber, parseUscc } from '../../../shared/identity/index.js';
import { caseTypes, EnterpriseCaseSchema, PersonCaseSchema, type CelTypeDecl } from './case-vocabulary.js';

const typeByName = new Map(caseTypes().map((t) => [t.name, t]));

/** zod's first issue on a case → our error: unknown fact, wrong type, or a date that is not a date. */
function caseError(issue: z.core.$ZodIssue, root: string): AppError {
  const path = [root, ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    const at = `${path}.${issue.keys[0]}`;
    return new AppError('UNKNOWN_FACT', { path: at, zh: `未知的事实项：${at}`, en: `Unknown fact: ${at}` });
  }
  if (/日期/.test(issue.message)) {
    return new AppError('INVALID_DATE', { path, zh: `${path} 不是有效日期（YYYY-MM-DD）` });
  }
  return new AppError('INVALID_FACT_VALUE', {
    path,
    zh: `事实项 ${path} 的值类型不正确：${issue.message}`,
    en: `${path}: ${issue.message}`,
  });
}

/**
 * Turn validated JSON into what CEL reads: nulls dropped (a null fact is a fact not given), integers as
 * BigInt (CEL int) by the declared types, and birth date and sex derived from an ID number when absent.
 */
function toCel(value: unknown, type: string, path: string): unknown {
  if (type === 'int') return BigInt(value as number);
  if (type.startsWith('list<')) {
    const inner = type.slice(5, -1);
    return (value as unknown[]).map((v, i) => toCel(v, inner, `${path}.${i}`));
  }
  const decl: CelTypeDecl | undefined = typeByName.get(type);
  if (!decl) return value;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (v === null || v === undefined) continue;
    out[k] = toCel(v, decl.fields[k]!, `${path}.${k}`);
  }
  if (type === 'Person') derivePerson(out, path);
  if (type === 'Enterprise' && typeof out.uscc === 'string') {
    const r = parseUscc(out.uscc);
    if (!r.ok) {
      throw new AppError('INVALID_USCC', {
        path: `${path}.uscc`,
        zh: `统一社会信用代码 ${out.uscc} 不正确：${r.error.messageZh}`,
        en: r.error.messageEn,
      });
    }
  }
  return out;
}

function derivePerson(p: Record<string, unknown>, path: string): void {
  if (typeof p.idNumber !== 'string') return;
  const r = parseIdNumber(p.idNumber);
  if (!r.ok) {
    throw new AppError('INVALID_ID_NUMBER', {
      path: `${path}.idNumber`,
      zh: `公民身份号码 ${p.idNumber} 不正确：${r.error.messageZh}`,
      en: r.error.messageEn,
    });
  }
  p.idNumber = r.value.normalized;
  p.birthDate ??= r.value.birthDate;
  p.sex ??= r.value.sex;
  if (!p.history) p.history = [];
}

export interface PreparedCase {
  audience: 'person' | 'enterprise';
  date: string;
  subject: Record<string, unknown>;
}

/** Validate a case's subject against the fact vocabulary and prepare it for evaluation. */
export function prepareSubject(audience: 'person' | 'enterprise', raw: unknown): Record<string, unknown> {
  const schema = audience === 'person' ? PersonCaseSchema : EnterpriseCaseSchema;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new AppError('INVALID_CASE', { path: audience, zh: `${audience} 应为对象` });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw caseError(parsed.error.issues[0]!, audience);
  const subject = toCel(parsed.data, audience === 'person' ? 'Person' : 'Enterprise', audience) as Record<
    string,
    unknown
  >;
  // An absent history is no history: nothing granted before.
  subject.history ??= [];
  return subject;
}

export function requireCaseDate(date: unknown): string {
  if (!isCalendarDate(date)) {
    throw new AppError('INVALID_DATE', { path: 'date', zh: 'date 须为有效日期（YYYY-MM-DD）' });
  }
  return date;
}

/**
 * A subject from the registry, whose facts were validated when they were recorded: only made ready for
 * CEL (integers as BigInt, no nulls), without re-validating. For scans.
 */
export function trustedSubject(
  audience: 'person' | 'enterprise',
  facts: Record<string, unknown>,
): Record<string, unknown> {
  const subject = toCel(facts, audience === 'person' ? 'Person' : 'Enterprise', audience) as Record<
    string,
    unknown
  >;
  subject.history ??= [];
  return subject;
}
