import { AppError } from '../../../platform/errors/index.js';
import { parseIdNumber, parseUscc, type ParsedIdNumber } from '../../../shared/identity/index.js';
import { covers, type Actor } from '../../access/index.js';
import { divisionLevelOfCode, isActiveDivision } from '../../divisions/index.js';

export function requireIdNumber(input: string, path: string): ParsedIdNumber {
  const r = parseIdNumber(input);
  if (!r.ok) {
    throw new AppError('INVALID_ID_NUMBER', {
      path,
      zh: `公民身份号码 ${input.length > 24 ? input.slice(0, 24) + '…' : input} 不正确：${r.error.messageZh}`,
      en: `Invalid resident ID number: ${r.error.messageEn}`,
    });
  }
  return r.value;
}

export function requireUscc(input: string, path: string): string {
  const r = parseUscc(input);
  if (!r.ok) {
    throw new AppError('INVALID_USCC', {
      path,
      zh: `统一社会信用代码 ${input.slice(0, 24)} 不正确：${r.error.messageZh}`,
      en: `Invalid unified social credit code: ${r.error.messageEn}`,
    });
  }
  return r.value.normalized;
}

/**
 * A place where people live or enterprises sit: an active township or village of our county tree,
 * inside the actor's jurisdiction.
 */
export function requireLocalDivision(actor: Actor, code: string, path: string): void {
  const level = divisionLevelOfCode(code);
  if (!isActiveDivision(code) || (level !== 'township' && level !== 'village')) {
    throw new AppError('UNKNOWN_DIVISION', {
      path,
      zh: `行政区划代码 ${code} 不存在或已撤销，应为现行的乡镇（街道）或村（社区）代码`,
    });
  }
  if (!covers(actor, code)) throw new AppError('DIVISION_OUT_OF_SCOPE', { path });
}

/** A household-registration place: any well-formed code; inside our county it must be a known unit. */
export function requireHukouDivision(code: string, path: string): void {
  if (code.startsWith('211382') && !isActiveDivision(code)) {
    throw new AppError('UNKNOWN_DIVISION', { path });
  }
}
