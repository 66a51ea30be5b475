/**
 * Personal and enterprise names as typed by hand in other departments' lists, folded to a key that
 * compares what a person would call "the same name": simplified and traditional characters alike
 * (OpenCC's traditional → mainland-simplified tables, applied character by character: a name is not a
 * phrase), compatibility forms unified (NFKC: full-width letters, CJK compatibility ideographs), spaces
 * of every kind and the middle dot of minority names (U+00B7 and its look-alikes) removed.
 */
import { Converter } from 'opencc-js/t2cn';

const toSimplified = Converter({ from: 't', to: 'cn' });
const charCache = new Map<string, string>();

/** Middle dots seen in transliterated names: ·・•‧．∙⋅･·᛫ and the ASCII full stop. */
const DOTS = new Set([
  '\u00b7',
  '\u30fb',
  '\u2022',
  '\u2027',
  '\uff0e',
  '\u2219',
  '\u22c5',
  '\uff65',
  '\u0387',
  '\u16eb',
  '\u2e31',
  '.',
]);

function isSpace(ch: string): boolean {
  return /^[\s\u200b-\u200d\u2060\ufeff]$/u.test(ch);
}

function foldChar(ch: string): string {
  const cached = charCache.get(ch);
  if (cached !== undefined) return cached;
  const s: string = toSimplified(ch) ?? ch;
  // Only one-for-one replacements: a character never becomes two.
  const out = [...s].length === 1 ? s : ch;
  charCache.set(ch, out);
  return out;
}

/** The comparison key of a name; '' when nothing is left. */
export function nameKey(name: string | null | undefined): string {
  if (!name) return '';
  const n = name.normalize('NFKC');
  let out = '';
  for (const ch of n) {
    if (DOTS.has(ch) || isSpace(ch)) continue;
    const code = ch.codePointAt(0)!;
    // ASCII letters compare case-blind (a few names carry Latin letters).
    if (code < 0x80) {
      out += ch.toUpperCase();
      continue;
    }
    out += foldChar(ch);
  }
  return out;
}

/** The name as it should be shown and stored: NFKC, trimmed, inner runs of spaces removed. */
export function cleanName(name: string | null | undefined): string {
  if (!name) return '';
  return name
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/gu, '')
    .trim();
}

/**
 * Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions) between two keys,
 * by code point; stops early and returns `max + 1` once the distance must exceed `max`.
 */
export function nameDistance(a: string, b: string, max = 2): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  const n = x.length;
  const m = y.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[m]!, max + 1);
}

export type NameAgreement = 'same' | 'close' | 'different';

/**
 * How two name keys agree: `same`; `close` — one character added, dropped, changed, or two swapped, in
 * names of at least two characters (a typing error, or a sibling: never enough on its own); `different`.
 */
export function compareNames(a: string, b: string): NameAgreement {
  if (!a || !b) return 'different';
  if (a === b) return 'same';
  if (Math.min([...a].length, [...b].length) < 2) return 'different';
  return nameDistance(a, b, 1) <= 1 ? 'close' : 'different';
}

/** The key of an enterprise name: as a personal name, with the brackets of 有限公司（分公司） unified. */
export function enterpriseNameKey(name: string | null | undefined): string {
  return nameKey(name).replace(/[()（）[\]【】]/g, '');
}
