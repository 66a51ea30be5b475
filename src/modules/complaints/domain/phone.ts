import { AppError } from '../../../platform/errors/index.js';
import { normalizeCode } from '../../../shared/identity/normalize.js';

/**
 * A mainland mobile (11 digits from 13–19) or a landline with area code (0421-6812345): the same rule
 * as the registry's phones (registry/domain/contact.ts, not part of that module's public door).
 */
export function normalizePhone(input: string, path: string): string {
  const s = normalizeCode(input).replace(/[\s()（）]/g, '');
  if (/^1[3-9]\d{9}$/.test(s)) return s;
  const land = /^(0\d{2,3})-?(\d{7,8})$/.exec(s);
  if (land) return `${land[1]}-${land[2]}`;
  throw new AppError('INVALID_PHONE', { path });
}
