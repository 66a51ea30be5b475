/**
 * Resident identity numbers (公民身份号码, GB 11643-1999) and the number
 * formats that share its structure.
 *
 * Structure of an 18-character number (positions are 1-based):
 *
 *   1-6    address code (地址码): GB/T 2260 administrative division code of the
 *          county where the holder's household is registered
 *   7-14   birth date YYYYMMDD (出生日期码)
 *   15-17  sequence code (顺序码); position 17 odd = male, even = female
 *   18     check character, ISO 7064 MOD 11-2 (0-9 or X)
 *
 * Legacy 15-digit numbers (GB 11643-1989, issued before the 1999 reform) have a
 * 6-digit YYMMDD birth date, no check character, and are always 1900s births;
 * they are upgraded by inserting "19" and appending the check character.
 *
 * Prefixes accepted besides mainland provinces:
 *
 *   810000 / 820000 / 830000  Residence permits for Hong Kong, Macao and Taiwan
 *          residents (港澳台居民居住证, issued since 2018-09). The number uses the
 *          resident-ID structure with the fixed address codes 810000 (Hong Kong),
 *          820000 (Macao) and 830000 (Taiwan); the full 6-digit prefix is required.
 *
 *   9...   Foreign Permanent Resident ID Card (外国人永久居留身份证), 2023 edition,
 *          issued by the National Immigration Administration since 2023-12-01.
 *          What is documented publicly (NIA "新版外国人永久居留身份证机读信息规则
 *          (2023版)" as reproduced by card-reader vendors): the number changed from
 *          15 characters (3 letters + 12 digits) to 18 (17 digits + 1 check
 *          character); the first digit is "9" as the foreigner identity marker
 *          (citizen numbers start with 1-8); the former 3-letter country code
 *          became a numeric code; the check character uses MOD 11-2 exactly like
 *          the citizen number. Third-party implementations further read digits 2-3
 *          as the province-level code of the accepting (受理地) authority, digits
 *          4-6 as a numeric nationality code (ISO 3166-1 numeric, presumably),
 *          digits 7-14 as the birth date, digits 15-17 as the sequence code with the
 *          usual odd = male rule. We could not read the official position table
 *          itself, so this module validates only: 18 characters `9\d{16}[\dX]`,
 *          the MOD 11-2 check character, and a valid birth date at positions 7-14.
 *          Digits 2-3 and 4-6 are reported (as `regionCode` = digits 2-3 + "0000",
 *          and `nationalityCode`) but NOT validated.
 *
 * Mainland numbers: only the province-level part (first two digits) is checked
 * against the list of province-level divisions (11-15, 21-23, 31-37, 41-46,
 * 50-54, 61-65). Lower levels are not validated because county codes change over
 * time and a number keeps the code that was valid when it was issued.
 *
 * All functions are pure; none allocates regular expressions, and the hot paths
 * (check character, generator) work on char codes without temporary arrays.
 */

import { isDigitCode, normalizeCode } from './normalize.js';

export type IdNumberKind = 'mainland' | 'hongKong' | 'macao' | 'taiwan' | 'foreign';

export type Sex = 'male' | 'female';

export interface ParsedIdNumber {
  /** Canonical 18-character number (upgraded from 15 digits if needed). */
  normalized: string;
  kind: IdNumberKind;
  /**
   * 6-digit region code. Mainland: the address code (positions 1-6).
   * Hong Kong / Macao / Taiwan: 810000 / 820000 / 830000.
   * Foreign permanent residents: province-level code of the accepting authority
   * (positions 2-3) followed by "0000"; not validated.
   */
  regionCode: string;
  /** Birth date as YYYY-MM-DD. */
  birthDate: string;
  sex: Sex;
  /** True when the input was a legacy 15-digit number. */
  convertedFrom15: boolean;
  /** Foreign permanent residents only: positions 4-6 (numeric nationality code, not validated). */
  nationalityCode?: string;
}

export type IdNumberErrorReason = 'empty' | 'format' | 'checksum' | 'birthDate' | 'region';

export interface IdNumberError {
  reason: IdNumberErrorReason;
  messageZh: string;
  messageEn: string;
}

export type IdNumberResult = { ok: true; value: ParsedIdNumber } | { ok: false; error: IdNumberError };

/** Check characters indexed by (weighted sum mod 11), per GB 11643-1999. */
const CHECK_CHARS = '10X98765432';
/** Earliest accepted birth date as a YYYYMMDD integer. */
const MIN_BIRTH_YMD = 19000101;

function failure(reason: IdNumberErrorReason, messageZh: string, messageEn: string): IdNumberResult {
  return Object.freeze({ ok: false, error: Object.freeze({ reason, messageZh, messageEn }) });
}

// Failure results are immutable singletons: parsing invalid input allocates nothing.
const FAIL_EMPTY = failure('empty', '公民身份号码不能为空', 'Identity number is empty');
const FAIL_FORMAT = failure(
  'format',
  '公民身份号码格式不正确，应为18位（或15位旧号码）',
  'Invalid identity number format: expected 18 characters (or a legacy 15-digit number)',
);
const FAIL_CHECKSUM = failure(
  'checksum',
  '公民身份号码校验位错误',
  'Identity number check character is wrong',
);
const FAIL_REGION = failure(
  'region',
  '公民身份号码地址码无效',
  'Invalid region (address) code in identity number',
);
const FAIL_REGION_LEGACY = failure(
  'region',
  '15位旧号码的地址码无效（应为内地省级行政区划代码）',
  'Invalid region code in legacy 15-digit number (must be a mainland province-level code)',
);
const FAIL_BIRTH_INVALID = failure(
  'birthDate',
  '公民身份号码中的出生日期不是有效日期',
  'Birth date in identity number is not a valid calendar date',
);
const FAIL_BIRTH_FUTURE = failure(
  'birthDate',
  '公民身份号码中的出生日期晚于当前日期',
  'Birth date in identity number is in the future',
);
const FAIL_BIRTH_EARLY = failure(
  'birthDate',
  '公民身份号码中的出生日期早于1900年1月1日',
  'Birth date in identity number is before 1900-01-01',
);

// ---------------------------------------------------------------------------
// Low-level helpers (no allocation)
// ---------------------------------------------------------------------------

function allDigits(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (!isDigitCode(s.charCodeAt(i))) return false;
  }
  return true;
}

/** Reads `count` digits at `start` as an integer; caller guarantees they are digits. */
function readInt(s: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/**
 * MOD 11-2 check character for the 17 digits at the start of `s` (caller
 * guarantees they are digits).
 *
 * The GB 11643 weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 are 2^(18-i) mod 11
 * for 1-based position i, so the weighted sum can be accumulated Horner-style:
 * acc = (acc + d) * 2 mod 11 for each digit, left to right.
 */
function checkCharOf(s: string): string {
  let acc = 0;
  for (let i = 0; i < 17; i++) acc = ((acc + s.charCodeAt(i) - 48) * 2) % 11;
  return CHECK_CHARS.charAt(acc);
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function isRealDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Province-level division codes used in mainland identity numbers (GB/T 2260). */
function isMainlandProvince(code: number): boolean {
  return (
    (code >= 11 && code <= 15) ||
    (code >= 21 && code <= 23) ||
    (code >= 31 && code <= 37) ||
    (code >= 41 && code <= 46) ||
    (code >= 50 && code <= 54) ||
    (code >= 61 && code <= 65)
  );
}

/**
 * Parses a `YYYY-MM-DD` calendar date into a YYYYMMDD integer, or returns -1
 * when the string is not exactly that format or not a real date.
 */
function parseIsoDate(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d) return -1;
  if (!allDigits(s, 0, 4) || !allDigits(s, 5, 7) || !allDigits(s, 8, 10)) return -1;
  const y = readInt(s, 0, 4);
  const m = readInt(s, 5, 2);
  const d = readInt(s, 8, 2);
  return isRealDate(y, m, d) ? y * 10000 + m * 100 + d : -1;
}

/** Today's date in China Standard Time (UTC+8, no DST) as a YYYYMMDD integer. */
function todayInChinaYmd(): number {
  const t = new Date(Date.now() + 8 * 3600 * 1000);
  return t.getUTCFullYear() * 10000 + (t.getUTCMonth() + 1) * 100 + t.getUTCDate();
}

function resolveToday(today: string | undefined): number {
  if (today === undefined) return todayInChinaYmd();
  const ymd = parseIsoDate(today);
  if (ymd < 0) throw new RangeError(`today must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`);
  return ymd;
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/**
 * Canonicalises user input: full-width digits/letters (０-９, Ｘ, ｘ, …) become
 * half-width, all whitespace (including U+3000 ideographic space) and hyphens are
 * removed, letters are upper-cased (x → X). Does NOT upgrade 15-digit numbers
 * (see {@link convert15To18}) and does not validate anything.
 */
export function normalizeIdNumber(input: string): string {
  return normalizeCode(input);
}

/**
 * ISO 7064 MOD 11-2 check character for the first 17 digits of an identity
 * number (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 mapped to
 * 1 0 X 9 8 7 6 5 4 3 2).
 *
 * @throws RangeError when `first17` is not exactly 17 ASCII digits.
 */
export function idCheckChar(first17: string): string {
  if (first17.length !== 17 || !allDigits(first17, 0, 17)) {
    throw new RangeError('idCheckChar expects exactly 17 digits');
  }
  return checkCharOf(first17);
}

/**
 * Upgrades a legacy 15-digit number to 18 characters: inserts "19" before the
 * YYMMDD birth date (15-digit numbers were only issued to people born in the
 * 1900s) and appends the MOD 11-2 check character. The input is normalised
 * first (full-width digits, spaces); no other validation is performed.
 *
 * @throws RangeError when the normalised input is not exactly 15 digits.
 */
export function convert15To18(id15: string): string {
  const s = normalizeCode(id15);
  if (s.length !== 15 || !allDigits(s, 0, 15)) {
    throw new RangeError('convert15To18 expects exactly 15 digits');
  }
  const body = s.slice(0, 6) + '19' + s.slice(6);
  return body + checkCharOf(body);
}

/**
 * Normalises and validates an identity number (18 characters, or a legacy
 * 15-digit number which is upgraded to 18).
 *
 * Checks, in order: empty → format (`\d{17}[\dX]` / `\d{15}`) → check character
 * (18-character input only; 15-digit numbers have none) → region → birth date
 * (a real calendar date, not before 1900-01-01, not after `today`).
 *
 * @param today YYYY-MM-DD used as "today" for the future-birth-date check;
 *   defaults to the current date in China (UTC+8). Pass it for deterministic
 *   results in tests and batch imports.
 * @throws RangeError only when `today` is given and is not a valid YYYY-MM-DD date.
 */
export function parseIdNumber(input: string, today?: string): IdNumberResult {
  // Defensive runtime checks for untyped callers (imports, JSON).
  if (input === null || input === undefined) return FAIL_EMPTY;
  if (typeof input !== 'string') return FAIL_FORMAT;

  const raw = normalizeCode(input);
  const len = raw.length;
  if (len === 0) return FAIL_EMPTY;

  let s: string;
  let convertedFrom15 = false;
  if (len === 18) {
    if (!allDigits(raw, 0, 17)) return FAIL_FORMAT;
    const last = raw.charCodeAt(17);
    if (!isDigitCode(last) && last !== 0x58 /* X */) return FAIL_FORMAT;
    if (checkCharOf(raw).charCodeAt(0) !== last) return FAIL_CHECKSUM;
    s = raw;
  } else if (len === 15) {
    if (!allDigits(raw, 0, 15)) return FAIL_FORMAT;
    const body = raw.slice(0, 6) + '19' + raw.slice(6);
    s = body + checkCharOf(body);
    convertedFrom15 = true;
  } else {
    return FAIL_FORMAT;
  }

  // Region / kind.
  const d0 = s.charCodeAt(0) - 48;
  const d1 = s.charCodeAt(1) - 48;
  let kind: IdNumberKind;
  if (d0 === 9) {
    if (convertedFrom15) return FAIL_REGION_LEGACY;
    kind = 'foreign';
  } else if (d0 === 8) {
    if (convertedFrom15) return FAIL_REGION_LEGACY;
    // Residence permits use the fixed address codes 810000 / 820000 / 830000.
    if (d1 < 1 || d1 > 3 || readInt(s, 2, 4) !== 0) return FAIL_REGION;
    kind = d1 === 1 ? 'hongKong' : d1 === 2 ? 'macao' : 'taiwan';
  } else if (isMainlandProvince(d0 * 10 + d1)) {
    kind = 'mainland';
  } else {
    return convertedFrom15 ? FAIL_REGION_LEGACY : FAIL_REGION;
  }

  // Birth date (positions 7-14 for every accepted kind).
  const y = readInt(s, 6, 4);
  const m = readInt(s, 10, 2);
  const d = readInt(s, 12, 2);
  if (!isRealDate(y, m, d)) return FAIL_BIRTH_INVALID;
  const ymd = y * 10000 + m * 100 + d;
  if (ymd < MIN_BIRTH_YMD) return FAIL_BIRTH_EARLY;
  if (ymd > resolveToday(today)) return FAIL_BIRTH_FUTURE;

  const value: ParsedIdNumber = {
    normalized: s,
    kind,
    regionCode: kind === 'foreign' ? s.slice(1, 3) + '0000' : s.slice(0, 6),
    birthDate: s.slice(6, 10) + '-' + s.slice(10, 12) + '-' + s.slice(12, 14),
    sex: (s.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
    convertedFrom15,
  };
  if (kind === 'foreign') value.nationalityCode = s.slice(3, 6);
  return { ok: true, value };
}

/** True when {@link parseIdNumber} accepts the input. */
export function isValidIdNumber(input: string, today?: string): boolean {
  return parseIdNumber(input, today).ok;
}

/**
 * Masks an identity number for display and logs: the first 6 and last 4
 * characters stay visible, everything in between becomes '*'
 * (18 characters → 6 + 8 stars + 4; 15 → 6 + 5 stars + 4). The input is
 * normalised first. Inputs of 10 characters or fewer are masked completely,
 * since showing 6 + 4 characters would reveal them entirely.
 */
export function maskIdNumber(id: string): string {
  const s = normalizeCode(id);
  const len = s.length;
  if (len <= 10) return '*'.repeat(len);
  return s.slice(0, 6) + '*'.repeat(len - 10) + s.slice(len - 4);
}

/**
 * Builds a synthetic but structurally valid 18-character identity number for
 * test and demo data.
 *
 * - `regionCode6`: any 6 digits; deliberately NOT validated so that negative test
 *   data (e.g. region 00) can be produced. Use 810000 / 820000 / 830000 for
 *   residence permits, a leading 9 for the foreign permanent resident format.
 * - `birthDate`: YYYY-MM-DD, must be a real calendar date (not range-checked).
 * - `sequence3`: integer 0-999; its last digit is forced to match `sex` (odd =
 *   male, even = female) by adding 1 (male, even input — never exceeds 999) or
 *   subtracting 1 (female, odd input — never below 0).
 *
 * @throws RangeError on malformed arguments.
 */
export function makeIdNumber(regionCode6: string, birthDate: string, sequence3: number, sex: Sex): string {
  if (regionCode6.length !== 6 || !allDigits(regionCode6, 0, 6)) {
    throw new RangeError('makeIdNumber: regionCode6 must be exactly 6 digits');
  }
  if (parseIsoDate(birthDate) < 0) {
    throw new RangeError('makeIdNumber: birthDate must be a real YYYY-MM-DD date');
  }
  if (!Number.isInteger(sequence3) || sequence3 < 0 || sequence3 > 999) {
    throw new RangeError('makeIdNumber: sequence3 must be an integer in 0-999');
  }
  let seq = sequence3;
  if (sex === 'male') {
    if (seq % 2 === 0) seq += 1;
  } else if (sex === 'female') {
    if (seq % 2 === 1) seq -= 1;
  } else {
    throw new RangeError("makeIdNumber: sex must be 'male' or 'female'");
  }
  const body =
    regionCode6 +
    birthDate.slice(0, 4) +
    birthDate.slice(5, 7) +
    birthDate.slice(8, 10) +
    String.fromCharCode(48 + ((seq / 100) | 0), 48 + (((seq / 10) | 0) % 10), 48 + (seq % 10));
  return body + checkCharOf(body);
}
