/**
 * The personal-data cipher's keyed hash of ID numbers (`cipher.hash('idNumber', value)`: HMAC-SHA256 with
 * the key HKDF derives from the master key) computed with two one-shot SHA-256 calls over a reused
 * buffer, instead of a new Hmac object per value: a list of a million rows hashes most of them, and the
 * Hmac objects cost more in allocation and garbage collection than the hashing. It checks itself
 * against the cipher and is used only when the two agree.
 */
import crypto from 'node:crypto';
import type { PersonalDataCipher } from '../../../platform/crypto/index.js';

const BLOCK = 64;

export type IdHasher = (value: string) => Buffer;

function oneShotHasher(macKey: Buffer, kind: string): IdHasher {
  const ipad = Buffer.alloc(BLOCK);
  const opad = Buffer.alloc(BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    ipad[i] = (macKey[i] ?? 0) ^ 0x36;
    opad[i] = (macKey[i] ?? 0) ^ 0x5c;
  }
  const prefix = kind + '\0';
  let inner = Buffer.alloc(BLOCK + 256);
  ipad.copy(inner);
  const outer = Buffer.alloc(BLOCK + 32);
  opad.copy(outer);
  return (value) => {
    const text = prefix + value;
    if (BLOCK + text.length * 3 > inner.length) {
      inner = Buffer.alloc(BLOCK + text.length * 3);
      ipad.copy(inner);
    }
    const n = inner.write(text, BLOCK, 'utf8');
    const h = crypto.hash('sha256', inner.subarray(0, BLOCK + n), 'buffer') as unknown as Buffer;
    h.copy(outer, BLOCK);
    return crypto.hash('sha256', outer, 'buffer') as unknown as Buffer;
  };
}

/** A function equal to `value => cipher.hash('idNumber', value)`, faster when it can be. */
export function idHasher(cipher: PersonalDataCipher, masterKey: Buffer | null): IdHasher {
  const slow: IdHasher = (v) => cipher.hash('idNumber', v);
  if (!masterKey || typeof crypto.hash !== 'function') return slow;
  const macKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jiuye/pd/mac/v1', 32));
  const fast = oneShotHasher(macKey, 'idNumber');
  for (const probe of ['', '211382196803051230', '王建国\u0000x'.repeat(40)])
    if (!fast(probe).equals(slow(probe))) return slow;
  return fast;
}
