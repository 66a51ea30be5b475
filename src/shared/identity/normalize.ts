/**
 * Shared input normalisation for identity codes.
 *
 * Identity codes arrive from web forms, spreadsheets and legacy exports, so they
 * routinely contain full-width characters (typed with a Chinese IME), stray
 * spaces (including the ideographic space U+3000 and no-break spaces), hyphens
 * used as group separators and lower-case letters. This module folds all of that
 * into a canonical half-width, upper-case form in a single pass, without regular
 * expressions and without allocating when the input is already canonical.
 */

/**
 * True for characters that are dropped during normalisation: every character
 * matched by the JavaScript `\s` class (which includes U+3000 IDEOGRAPHIC SPACE,
 * U+00A0 NO-BREAK SPACE and U+FEFF BOM), the zero-width characters U+200B..U+200D
 * and U+2060 that often hide in copy-pasted text, and hyphen / dash characters
 * used as separators (ASCII '-', U+2010..U+2015, U+2212 MINUS SIGN, U+FF0D
 * FULLWIDTH HYPHEN-MINUS, U+FE63 SMALL HYPHEN-MINUS).
 */
function isDroppedChar(c: number): boolean {
  if (c <= 0x20) {
    // ASCII space and the \s control characters \t \n \v \f \r.
    return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  }
  if (c < 0x7f) return c === 0x2d; // '-'
  switch (c) {
    case 0x00a0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x2060:
    case 0x2212:
    case 0x3000:
    case 0xfe63:
    case 0xfeff:
    case 0xff0d:
      return true;
    default:
      // U+2000..U+200A (spaces), U+200B..U+200D (zero-width), U+2010..U+2015 (hyphens/dashes).
      return (c >= 0x2000 && c <= 0x200d) || (c >= 0x2010 && c <= 0x2015);
  }
}

/**
 * Maps a character code to its canonical form: full-width ASCII variants
 * (U+FF01..U+FF5E) become half-width, and lower-case ASCII letters become
 * upper-case. Returns the input code when no mapping applies.
 */
function canonicalCharCode(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  if (c >= 0x61 && c <= 0x7a) c -= 0x20;
  return c;
}

/**
 * Canonicalises an identity-code string: full-width → half-width, lower → upper
 * case, whitespace / zero-width characters / hyphens removed (anywhere in the
 * string, not only at the ends). Other characters are kept unchanged so that the
 * caller's format check can reject them.
 *
 * Fast path: when the input is already canonical it is returned as is.
 */
export function normalizeCode(input: string): string {
  const len = input.length;
  let i = 0;
  // Scan for the first character that needs work; typical inputs have none.
  for (; i < len; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) continue; // digit
    if (c >= 0x41 && c <= 0x5a) continue; // upper-case letter
    if (isDroppedChar(c) || canonicalCharCode(c) !== c) break;
  }
  if (i === len) return input;

  let out = input.slice(0, i);
  for (; i < len; i++) {
    const c = input.charCodeAt(i);
    if (isDroppedChar(c)) continue;
    const m = canonicalCharCode(c);
    out += m === c ? input.charAt(i) : String.fromCharCode(m);
  }
  return out;
}

/** True when `c` is the char code of an ASCII digit '0'..'9'. */
export function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
