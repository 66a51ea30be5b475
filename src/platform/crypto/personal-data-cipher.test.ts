import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../shared/identity/index.js';
import { maskBankAccount, maskPhone } from './mask.js';
import { PersonalDataCipher } from './personal-data-cipher.js';

const cipher = new PersonalDataCipher(crypto.randomBytes(32));

describe('PersonalDataCipher', () => {
  it('round-trips and never writes the plain text', () => {
    const id = '211382199509090085';
    const enc = cipher.encrypt(id);
    expect(enc.toString('latin1')).not.toContain(id);
    expect(cipher.decrypt(enc)).toBe(id);
  });

  it('uses a fresh IV each time, so equal values do not give equal ciphertexts', () => {
    expect(cipher.encrypt('13800138000').equals(cipher.encrypt('13800138000'))).toBe(false);
  });

  it('rejects a tampered ciphertext', () => {
    const enc = cipher.encrypt('6222020200112233445');
    enc[enc.length - 1]! ^= 1;
    expect(() => cipher.decrypt(enc)).toThrow();
  });

  it('hashes deterministically per kind and per key', () => {
    const other = new PersonalDataCipher(crypto.randomBytes(32));
    expect(cipher.hash('idNumber', 'x').equals(cipher.hash('idNumber', 'x'))).toBe(true);
    expect(cipher.hash('idNumber', 'x').equals(cipher.hash('phone', 'x'))).toBe(false);
    expect(cipher.hash('idNumber', 'x').equals(other.hash('idNumber', 'x'))).toBe(false);
  });
});

describe('masks', () => {
  it('shows the first 6 and last 4 of an ID number', () => {
    expect(maskIdNumber('211382199509090085')).toBe('211382********0085');
  });
  it('shows the first 3 and last 4 of a phone number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
  it('shows the last 4 of a bank account', () => {
    expect(maskBankAccount('6222020200112233445')).toBe('***************3445');
  });
});
