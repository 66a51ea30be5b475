/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015) for legal
 * entities and other organisations.
 *
 * Structure (18 characters over the 31-character set
 * `0123456789ABCDEFGHJKLMNPQRTUWXY`, i.e. digits and upper-case letters without
 * I, O, Z, S, V; positions are 1-based):
 *
 *   1      registration authority code (登记管理部门代码): 1 机构编制, 2 外交,
 *          3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商/市场监管,
 *          A 中央军委改革和编制办公室, N 农业, Y 其他
 *   2      category code (机构类别代码), defined per authority (e.g. under 9:
 *          1 企业, 2 个体工商户, 3 农民专业合作社); only the charset is checked
 *   3-8    administrative division code of the registering authority (GB/T 2260),
 *          6 digits; not checked against a division table
 *   9-17   subject identifier = organisation code (组织机构代码, GB 11714-1997):
 *          8 body characters + 1 check character
 *   18     check character, GB/T 17710 (ISO 7064 MOD 31-3 style): weights
 *          3^(i-1) mod 31 = 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 over the
 *          character values (index in the charset), check = (31 − sum mod 31) mod 31
 *          mapped back through the charset.
 *
 * Organisation code check (GB 11714-1997): character values are 0-9 for digits
 * and 10-35 for A-Z (A=10 … Z=35, the full Latin alphabet, not the 31-char
 * charset index), weights 3 7 9 10 5 8 4 2, check = 11 − (sum mod 11) with
 * 10 → 'X' and 11 → '0'.
 *
 * Real-world caveats (see the module's tests and the project notes):
 * - GB 32100 specifies positions 9-17 as a GB 11714 organisation code (for newly
 *   registered entities it typically comes from letter-prefixed segments such as
 *   "MA…", which carry a GB 11714 check character as well). Every published code
 *   we could verify satisfies both checks, and we found no authoritative statement
 *   that some entity type carries an org-code part without a valid check. The check
 *   is therefore on by default; `parseUscc(input, { checkOrgCode: false })` is an
 *   escape hatch for imports of historical data that turn out to violate it.
 * - Publicly reported: some real codes issued by local registries before 2016
 *   (e.g. in Xiamen) fail even the position-18 check. Such codes are rejected
 *   with reason 'checksum'; callers importing historical data may need a manual
 *   review path for them.
 */

import { isDigitCode, normalizeCode } from './normalize.js';

/** The 31 characters allowed in a unified social credit code, in check-value order. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Registration authority codes (position 1) defined by GB 32100-2015. */
export const USCC_REGISTRATION_AUTHORITIES = '123456789ANY';

export interface ParsedUscc {
  /** Canonical 18-character code. */
  normalized: string;
  /** Position 1. */
  registrationAuthority: string;
  /** Position 2. */
  category: string;
  /** Positions 3-8. */
  regionCode: string;
  /** Positions 9-17 (8 body characters + check character), without hyphen. */
  orgCode: string;
}

export type UsccErrorReason = 'empty' | 'format' | 'checksum' | 'orgCodeChecksum';

export interface UsccError {
  reason: UsccErrorReason;
  messageZh: string;
  messageEn: string;
}

export type UsccResult = { ok: true; value: ParsedUscc } | { ok: false; error: UsccError };

export interface ParseUsccOptions {
  /** Validate the GB 11714 check character at position 17 (default true). */
  checkOrgCode?: boolean;
}

export interface MakeUsccOptions {
  /** Registration authority code, default '9' (market regulation). */
  authority?: string;
  /** Category code, default '1' (enterprise under authority 9). */
  category?: string;
}

function failure(reason: UsccErrorReason, messageZh: string, messageEn: string): UsccResult {
  return Object.freeze({ ok: false, error: Object.freeze({ reason, messageZh, messageEn }) });
}

const FAIL_EMPTY = failure('empty', '统一社会信用代码不能为空', 'Unified social credit code is empty');
const FAIL_FORMAT = failure(
  'format',
  '统一社会信用代码格式不正确，应为18位数字或大写字母（不含I、O、Z、S、V）',
  'Invalid unified social credit code format: expected 18 digits or upper-case letters (excluding I, O, Z, S, V)',
);
const FAIL_AUTHORITY = failure(
  'format',
  '统一社会信用代码第1位（登记管理部门代码）无效',
  'Invalid registration authority code (position 1) in unified social credit code',
);
const FAIL_REGION = failure(
  'format',
  '统一社会信用代码第3至8位（登记管理机关行政区划码）应为6位数字',
  'Positions 3-8 (administrative division code) of a unified social credit code must be digits',
);
const FAIL_CHECKSUM = failure(
  'checksum',
  '统一社会信用代码校验位错误',
  'Unified social credit code check character is wrong',
);
const FAIL_ORG_CHECKSUM = failure(
  'orgCodeChecksum',
  '统一社会信用代码中的组织机构代码校验位错误',
  'The organization code embedded in the unified social credit code has a wrong check character',
);

/** Charset value (0-30) by ASCII char code, -1 for characters outside the charset. */
const USCC_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_CHARSET.length; i++) USCC_VALUE[USCC_CHARSET.charCodeAt(i)] = i;

function usccValue(c: number): number {
  return c < 128 ? (USCC_VALUE[c] ?? -1) : -1;
}

function isAuthority(c: number): boolean {
  return (c >= 0x31 && c <= 0x39) || c === 0x41 /* A */ || c === 0x4e /* N */ || c === 0x59; /* Y */
}

/** GB 11714 character value: digits 0-9, A-Z 10-35; -1 otherwise. */
function orgValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x5a) return c - 0x37;
  return -1;
}

/**
 * Charset index of the USCC check character for the 17 characters at the start
 * of `s` (caller guarantees they are in the charset).
 *
 * Weights are 3^(i-1) mod 31 for 1-based position i, so the weighted sum is
 * accumulated Horner-style from the last character to the first.
 */
function usccCheckIndex(s: string): number {
  let acc = 0;
  for (let i = 16; i >= 0; i--) acc = (acc * 3 + usccValue(s.charCodeAt(i))) % 31;
  return (31 - acc) % 31;
}

/**
 * GB 11714 check character for the 8 characters of `s` starting at `start`
 * (caller guarantees they are digits or A-Z).
 *
 * Weights 3 7 9 10 5 8 4 2 equal 2^(9-i) mod 11 for 1-based position i, so the
 * sum is accumulated Horner-style: acc = (acc + v) * 2 mod 11.
 */
function orgCheckCharAt(s: string, start: number): string {
  let acc = 0;
  for (let i = start; i < start + 8; i++) acc = ((acc + orgValue(s.charCodeAt(i))) * 2) % 11;
  const r = 11 - acc; // 1..11
  return r === 11 ? '0' : r === 10 ? 'X' : String.fromCharCode(0x30 + r);
}

/**
 * Canonicalises input: full-width → half-width, upper-case, and all whitespace
 * (including U+3000) and hyphens removed — not only at the ends, so codes
 * pasted with group separators also parse. No validation.
 */
export function normalizeUscc(input: string): string {
  return normalizeCode(input);
}

/**
 * Check character (position 18) for the first 17 characters of a unified
 * social credit code.
 *
 * @throws RangeError when `first17` is not 17 characters of {@link USCC_CHARSET}.
 */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckChar expects exactly 17 characters');
  for (let i = 0; i < 17; i++) {
    if (usccValue(first17.charCodeAt(i)) < 0) {
      throw new RangeError('usccCheckChar: characters must be from the USCC charset (no I, O, Z, S, V)');
    }
  }
  return USCC_CHARSET.charAt(usccCheckIndex(first17));
}

/**
 * GB 11714-1997 organisation-code check character for the 8 body characters
 * (digits or upper-case letters A-Z).
 *
 * @throws RangeError when `first8` is not 8 digits / upper-case letters.
 */
export function orgCodeCheckChar(first8: string): string {
  if (first8.length !== 8) throw new RangeError('orgCodeCheckChar expects exactly 8 characters');
  for (let i = 0; i < 8; i++) {
    if (orgValue(first8.charCodeAt(i)) < 0) {
      throw new RangeError('orgCodeCheckChar: characters must be digits or upper-case letters');
    }
  }
  return orgCheckCharAt(first8, 0);
}

/**
 * Normalises and validates a unified social credit code.
 *
 * Checks, in order: empty → format (length 18, charset, position 1 a registration
 * authority code, positions 3-8 digits) → position-18 check character
 * ('checksum') → organisation-code check character at position 17
 * ('orgCodeChecksum', skipped with `{ checkOrgCode: false }`).
 */
export function parseUscc(input: string, options?: ParseUsccOptions): UsccResult {
  if (input === null || input === undefined) return FAIL_EMPTY;
  if (typeof input !== 'string') return FAIL_FORMAT;

  const s = normalizeCode(input);
  const len = s.length;
  if (len === 0) return FAIL_EMPTY;
  if (len !== 18) return FAIL_FORMAT;
  for (let i = 0; i < 18; i++) {
    if (usccValue(s.charCodeAt(i)) < 0) return FAIL_FORMAT;
  }
  if (!isAuthority(s.charCodeAt(0))) return FAIL_AUTHORITY;
  for (let i = 2; i < 8; i++) {
    if (!isDigitCode(s.charCodeAt(i))) return FAIL_REGION;
  }
  if (USCC_CHARSET.charCodeAt(usccCheckIndex(s)) !== s.charCodeAt(17)) return FAIL_CHECKSUM;
  if (options?.checkOrgCode !== false && orgCheckCharAt(s, 8).charCodeAt(0) !== s.charCodeAt(16)) {
    return FAIL_ORG_CHECKSUM;
  }
  return {
    ok: true,
    value: {
      normalized: s,
      registrationAuthority: s.charAt(0),
      category: s.charAt(1),
      regionCode: s.slice(2, 8),
      orgCode: s.slice(8, 17),
    },
  };
}

/** True when {@link parseUscc} accepts the input. */
export function isValidUscc(input: string, options?: ParseUsccOptions): boolean {
  return parseUscc(input, options).ok;
}

/**
 * Deterministic synthetic generator of valid unified social credit codes for
 * test and demo data: `authority + category + regionCode6 + orgCode + check`,
 * where the organisation-code body is `serial` as 8 zero-padded digits, followed
 * by its GB 11714 check character. Distinct serials give distinct codes.
 *
 * @param regionCode6 6 digits (not checked against a division table)
 * @param serial integer 0 … 99,999,999
 * @throws RangeError on malformed arguments.
 */
export function makeUscc(regionCode6: string, serial: number, opts?: MakeUsccOptions): string {
  const authority = opts?.authority ?? '9';
  const category = opts?.category ?? '1';
  if (authority.length !== 1 || !isAuthority(authority.charCodeAt(0))) {
    throw new RangeError(`makeUscc: authority must be one of ${USCC_REGISTRATION_AUTHORITIES}`);
  }
  if (category.length !== 1 || usccValue(category.charCodeAt(0)) < 0) {
    throw new RangeError('makeUscc: category must be one character of the USCC charset');
  }
  if (regionCode6.length !== 6) throw new RangeError('makeUscc: regionCode6 must be exactly 6 digits');
  for (let i = 0; i < 6; i++) {
    if (!isDigitCode(regionCode6.charCodeAt(i))) {
      throw new RangeError('makeUscc: regionCode6 must be exactly 6 digits');
    }
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > 99_999_999) {
    throw new RangeError('makeUscc: serial must be an integer in 0-99999999');
  }
  const orgBody = String(serial).padStart(8, '0');
  const body = authority + category + regionCode6 + orgBody + orgCheckCharAt(orgBody, 0);
  return body + USCC_CHARSET.charAt(usccCheckIndex(body));
}
