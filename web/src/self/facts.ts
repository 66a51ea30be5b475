import type { Decision } from '../lib/applications';
import type { FactField } from './types';

/**
 * The apply form's logic, without React: which facts the registry already knows, which to ask, the
 * answers as the nested `declared` object the API takes, and each answer checked before sending.
 */

/** Where a fact came from: anything but the applicant's declaration or the history counts as known. */
export function knownFrom(sources: Decision['sources'] | undefined, path: string): string | undefined {
  const top = path.split('.')[0]!;
  const s = sources?.[top];
  if (!s || s.kind === 'declared' || s.kind === 'applications') return undefined;
  return s.kind;
}

/** A value by its dotted path. */
export function getAt(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The facts to ask: not known to the registry; a birth date or sex is not asked beside an ID number. */
export function questionsFor(fields: readonly FactField[], sources: Decision['sources'] | undefined) {
  const asked = fields.filter((f) => !knownFrom(sources, f.path));
  const withId = new Set(
    asked.filter((f) => f.path.endsWith('idNumber')).map((f) => f.path.slice(0, -'idNumber'.length)),
  );
  return asked.filter((f) => {
    const m = /^(.*?)(birthDate|sex)$/.exec(f.path);
    return !(m && m[1] && withId.has(m[1]));
  });
}

/** A share from 0 to 1 is asked as a percentage. */
export const isPercent = (f: FactField) => f.type === 'number' && f.min === 0 && f.max === 1;

export type Answers = Record<string, unknown>;

/** The answers (by path) as the nested object the API takes; unanswered questions are left out. */
export function toDeclared(fields: readonly FactField[], answers: Answers): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    let v = answers[f.path];
    if (v === undefined || v === null || v === '') continue;
    if (isPercent(f) && typeof v === 'number') v = Math.round(v * 100) / 10000;
    if (typeof v === 'string') v = v.trim();
    const parts = f.path.split('.');
    let cur = out;
    for (const p of parts.slice(0, -1)) {
      if (typeof cur[p] !== 'object' || cur[p] === null) cur[p] = {};
      cur = cur[p] as Record<string, unknown>;
    }
    cur[parts.at(-1)!] = v;
  }
  return out;
}

/** What was declared before, as answers for the form. */
export function fromDeclared(fields: readonly FactField[], declared: Record<string, unknown>): Answers {
  const out: Answers = {};
  for (const f of fields) {
    let v = getAt(declared, f.path);
    if (v === undefined || v === null) continue;
    if (isPercent(f) && typeof v === 'number') v = Math.round(v * 10000) / 100;
    out[f.path] = v;
  }
  return out;
}

export type FieldProblem =
  | { key: 'required' }
  | { key: 'invalidNumber' }
  | { key: 'invalidDate' }
  | { key: 'tooSmall'; min: number }
  | { key: 'tooLarge'; max: number };

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** An answer checked as the API will (every question must be answered to submit). */
export function checkAnswer(f: FactField, v: unknown): FieldProblem | undefined {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return { key: 'required' };
  if (f.type === 'integer' || f.type === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v)) return { key: 'invalidNumber' };
    if (f.type === 'integer' && !Number.isInteger(v)) return { key: 'invalidNumber' };
    const [min, max] = isPercent(f) ? [0, 100] : [f.min, f.max];
    if (min !== undefined && v < min) return { key: 'tooSmall', min };
    if (max !== undefined && v > max) return { key: 'tooLarge', max };
  }
  if (f.type === 'date' && (typeof v !== 'string' || !validDate(v))) return { key: 'invalidDate' };
  return undefined;
}

/** Every problem of the form, by path. */
export function checkAll(fields: readonly FactField[], answers: Answers): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  for (const f of fields) {
    const p = checkAnswer(f, answers[f.path]);
    if (p) out[f.path] = p;
  }
  return out;
}

/** The API names a field of `declared` (`declared.business.rentPaidYearly`): the question it belongs to. */
export function questionOfPath(
  fields: readonly FactField[],
  apiPath: string | undefined,
): string | undefined {
  if (!apiPath) return undefined;
  const p = apiPath.replace(/^(declared|person|enterprise)\./, '').replace(/^(person|enterprise)\./, '');
  return fields.find((f) => p === f.path || p.startsWith(`${f.path}.`))?.path;
}

/** `person.business.rentPaidYearly` (as the engine names a missing fact) → `business.rentPaidYearly`. */
export const relativePath = (p: string) => p.replace(/^(person|enterprise)\./, '');
