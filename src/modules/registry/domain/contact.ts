import { AppError } from '../../../platform/errors/index.js';
import { normalizeCode } from '../../../shared/identity/normalize.js';

/** A mainland mobile (11 digits from 13–19) or a landline with area code (0421-6812345). */
export function normalizePhone(input: string, path: string): string {
  const s = normalizeCode(input).replace(/[\s()（）]/g, '');
  if (/^1[3-9]\d{9}$/.test(s)) return s;
  const land = /^(0\d{2,3})-?(\d{7,8})$/.exec(s);
  if (land) return `${land[1]}-${land[2]}`;
  throw new AppError('INVALID_PHONE', { path });
}

/** A bank card or account number: 10 to 30 digits, spaces allowed on input. */
export function normalizeBankAccount(input: string, path: string): string {
  const s = normalizeCode(input).replace(/\s/g, '');
  if (!/^\d{10,30}$/.test(s)) {
    throw new AppError('VALIDATION_FAILED', {
      path,
      zh: '银行账号应为 10–30 位数字',
      en: 'Bank account must be 10-30 digits',
    });
  }
  return s;
}
