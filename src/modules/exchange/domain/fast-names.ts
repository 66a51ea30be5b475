/**
 * The name functions of names.ts with a fast path for the common case, giving the same answers: a name
 * made only of CJK ideographs that fold to themselves is its own key and its own clean form, and two
 * names of BMP characters are compared without building arrays. A million registry names and a million
 * list rows go through here.
 */
import { cleanName, compareNames, nameKey, type NameAgreement } from './names.js';

/** Per BMP code unit: 0 not yet known, 1 an ideograph that is its own key, 2 anything else. */
const STABLE = new Uint8Array(0x10000);

function classify(c: number): number {
  // CJK Unified Ideographs and Extension A: no decomposition, never composed with a neighbour under NFKC.
  if (!((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf))) return 2;
  const ch = String.fromCharCode(c);
  return nameKey(ch) === ch ? 1 : 2;
}

function allStable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let k = STABLE[c]!;
    if (k === 0) k = STABLE[c] = classify(c);
    if (k !== 1) return false;
  }
  return true;
}

/** `nameKey(name)`. */
export function nameKeyFast(name: string): string {
  if (!name) return '';
  return allStable(name) ? name : nameKey(name);
}

/** `cleanName(name)`. */
export function cleanNameFast(name: string): string {
  if (!name) return '';
  return allStable(name) ? name : cleanName(name);
}

function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** `compareNames(a, b)`: same, close (one edit or two adjacent swapped, names of ≥ 2 characters), different. */
export function compareNamesFast(a: string, b: string): NameAgreement {
  if (!a || !b) return 'different';
  if (a === b) return 'same';
  const la = a.length;
  const lb = b.length;
  if (la - lb > 2 || lb - la > 2) return 'different'; // more than one code point apart even with surrogates
  if (hasSurrogate(a) || hasSurrogate(b)) return compareNames(a, b);
  if (la < 2 || lb < 2) return 'different';
  if (la === lb) {
    let first = -1;
    let second = -1;
    for (let i = 0; i < la; i++)
      if (a.charCodeAt(i) !== b.charCodeAt(i)) {
        if (first < 0) first = i;
        else if (second < 0) second = i;
        else return 'different';
      }
    if (second < 0) return 'close'; // one substitution
    return second === first + 1 && a[first] === b[second] && a[second] === b[first] ? 'close' : 'different';
  }
  if (la - lb > 1 || lb - la > 1) return 'different';
  // One character added or dropped.
  const [s, l] = la < lb ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
  for (let j = i; j < s.length; j++) if (s.charCodeAt(j) !== l.charCodeAt(j + 1)) return 'different';
  return 'close';
}
