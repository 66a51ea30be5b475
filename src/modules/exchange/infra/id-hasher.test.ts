import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PersonalDataCipher } from '../../../platform/crypto/index.js';
import { idHasher } from './id-hasher.js';

describe('idHasher', () => {
  it('hashes as the cipher does', () => {
    const key = crypto.randomBytes(32);
    const cipher = new PersonalDataCipher(key);
    const h = idHasher(cipher, key);
    for (const v of [
      '211382196803051230',
      '21138219680305123X',
      '',
      'exchange-row\0王建国\0\0\0',
      'x'.repeat(500),
    ])
      expect(h(v).equals(cipher.hash('idNumber', v))).toBe(true);
  });
  it('falls back to the cipher when the key is not the cipher’s', () => {
    const cipher = new PersonalDataCipher(crypto.randomBytes(32));
    const h = idHasher(cipher, crypto.randomBytes(32));
    expect(h('1').equals(cipher.hash('idNumber', '1'))).toBe(true);
  });
});
