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

/** Random IVs are drawn from a pool refilled 16 KB at a time: one `randomBytes` call per IV costs more than the encryption. */
const POOL_SIZE = 16 * 1024;

export class PersonalDataCipher {
  readonly #encKey: crypto.KeyObject;
  readonly #macKey: crypto.KeyObject;
  readonly #masterKey: Buffer;
  #pool = Buffer.alloc(0);
  #poolOffset = POOL_SIZE;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
    const derive = (info: string) =>
      crypto.createSecretKey(Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32)));
    this.#masterKey = Buffer.from(masterKey);
    this.#encKey = derive('jiuye/pd/enc/v1');
    this.#macKey = derive('jiuye/pd/mac/v1');
  }

  /** The master key, to build the same cipher in a worker thread of this process (never logged or stored). */
  masterKeyForWorker(): Buffer {
    return Buffer.from(this.#masterKey);
  }

  #randomIv(): Buffer {
    if (this.#poolOffset + IV_LEN > this.#pool.length) {
      this.#pool = crypto.randomBytes(POOL_SIZE);
      this.#poolOffset = 0;
    }
    const iv = this.#pool.subarray(this.#poolOffset, this.#poolOffset + IV_LEN);
    this.#poolOffset += IV_LEN;
    return iv;
  }

  encrypt(plain: string): Buffer {
    const iv = this.#randomIv();
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
  hash(kind: 'idNumber' | 'phone' | 'bankAccount' | 'limitKey', value: string): Buffer {
    return crypto
      .createHmac('sha256', this.#macKey)
      .update(kind + '\0' + value)
      .digest();
  }
}
