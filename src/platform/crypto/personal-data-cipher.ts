import crypto from 'node:crypto';

/**
 * Encryption at rest for personal data (AES-256-GCM) and keyed hashes (HMAC-SHA256) to find a
 * record by an encrypted value without decrypting every row. Two sub-keys are derived from the
 * master key with HKDF, so the hash key never equals the encryption key.
 *
 * Ciphertext layout: version (1 byte) | IV (12) | tag (16) | ciphertext.
 */
const VERSION = 1;
const IV_LEN = 12;
const TAG_LEN = 16;

export class PersonalDataCipher {
  readonly #encKey: Buffer;
  readonly #macKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
    this.#encKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jiuye/pd/enc/v1', 32));
    this.#macKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jiuye/pd/mac/v1', 32));
  }

  encrypt(plain: string): Buffer {
    const iv = crypto.randomBytes(IV_LEN);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]);
  }

  decrypt(data: Buffer): string {
    if (data[0] !== VERSION) throw new Error('unknown ciphertext version');
    const iv = data.subarray(1, 1 + IV_LEN);
    const tag = data.subarray(1 + IV_LEN, 1 + IV_LEN + TAG_LEN);
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.#encKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data.subarray(1 + IV_LEN + TAG_LEN)), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Keyed hash for equality look-ups; `kind` separates the spaces (an ID number never matches a phone). */
  hash(kind: 'idNumber' | 'phone' | 'bankAccount', value: string): Buffer {
    return crypto.createHmac('sha256', this.#macKey).update(kind).update('\0').update(value).digest();
  }
}
