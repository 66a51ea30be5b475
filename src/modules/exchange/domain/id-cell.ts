import {
  normalizeIdNumber,
  parseIdNumber,
  type IdNumberErrorReason,
} from '../../../shared/identity/index.js';

/** What an ID-number cell of a department list holds, once normalised (src/shared/identity). */
export type IdCell =
  | { kind: 'missing' }
  | { kind: 'valid'; normalized: string; birthDate: string; sex: 'male' | 'female'; convertedFrom15: boolean }
  | {
      kind: 'invalid';
      reason: IdNumberErrorReason | 'scientific';
      /** The birth date the damaged number still shows (digits 7–14, or 7–12 of an old number), if it is a real date. */
      birthDateHint: string | null;
    };

function realDate(y: string, m: string, d: string): string | null {
  const iso = `${y}-${m}-${d}`;
  const t = Date.parse(iso + 'T00:00:00Z');
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso) return null;
  return Number(y) >= 1900 ? iso : null;
}

/**
 * Read an ID-number cell: full-width → half-width, spaces and hyphens dropped, x → X, 15 → 18 digits,
 * then GB 11643 checked (check character, birth date not after `asOf`, region). A number Excel has
 * turned into 2.11382E+17 has lost its last digits and is invalid.
 */
export function readIdCell(raw: string | null | undefined, asOf: string): IdCell {
  const text = (raw ?? '').trim();
  if (!text) return { kind: 'missing' };
  const n = normalizeIdNumber(text);
  if (!n) return { kind: 'missing' };
  if (/^[0-9.]+E\+?[0-9]+$/.test(n)) return { kind: 'invalid', reason: 'scientific', birthDateHint: null };
  const r = parseIdNumber(n, asOf);
  if (r.ok)
    return {
      kind: 'valid',
      normalized: r.value.normalized,
      birthDate: r.value.birthDate,
      sex: r.value.sex,
      convertedFrom15: r.value.convertedFrom15,
    };
  let hint: string | null = null;
  if (/^[0-9]{17}[0-9X]$/.test(n)) hint = realDate(n.slice(6, 10), n.slice(10, 12), n.slice(12, 14));
  else if (/^[0-9]{15}$/.test(n)) hint = realDate('19' + n.slice(6, 8), n.slice(8, 10), n.slice(10, 12));
  if (hint && hint > asOf) hint = null;
  return { kind: 'invalid', reason: r.error.reason, birthDateHint: hint };
}
