/**
 * Chinese identity codes: resident identity numbers (GB 11643-1999, including
 * Hong Kong / Macao / Taiwan residence permits and the 2023 foreign permanent
 * resident ID) and unified social credit codes (GB 32100-2015).
 */

export {
  convert15To18,
  idCheckChar,
  isValidIdNumber,
  makeIdNumber,
  maskIdNumber,
  normalizeIdNumber,
  parseIdNumber,
} from './id-number.js';
export type {
  IdNumberError,
  IdNumberErrorReason,
  IdNumberKind,
  IdNumberResult,
  ParsedIdNumber,
  Sex,
} from './id-number.js';

export {
  USCC_CHARSET,
  USCC_REGISTRATION_AUTHORITIES,
  isValidUscc,
  makeUscc,
  normalizeUscc,
  orgCodeCheckChar,
  parseUscc,
  usccCheckChar,
} from './uscc.js';
export type {
  MakeUsccOptions,
  ParseUsccOptions,
  ParsedUscc,
  UsccError,
  UsccErrorReason,
  UsccResult,
} from './uscc.js';
