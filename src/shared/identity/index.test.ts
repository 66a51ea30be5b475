import { describe, it, expect } from 'vitest';
import * as identity from './index.js';

describe('identity index', () => {
  it('re-exports the public API', () => {
    for (const name of [
      'normalizeIdNumber',
      'idCheckChar',
      'convert15To18',
      'parseIdNumber',
      'isValidIdNumber',
      'maskIdNumber',
      'makeIdNumber',
      'normalizeUscc',
      'usccCheckChar',
      'orgCodeCheckChar',
      'parseUscc',
      'isValidUscc',
      'makeUscc',
    ]) {
      expect(typeof (identity as Record<string, unknown>)[name]).toBe('function');
    }
    expect(identity.USCC_CHARSET).toBe('0123456789ABCDEFGHJKLMNPQRTUWXY');
    expect(identity.isValidIdNumber(identity.makeIdNumber('211382', '1990-01-01', 7, 'male'))).toBe(true);
    expect(identity.isValidUscc(identity.makeUscc('211382', 7))).toBe(true);
  });
});
