import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The master key for personal data: `JIUYE_DATA_KEY` (32 bytes as base64 or 64 hex digits), or a key
 * generated once into `<dataDir>/keys/data.key` with mode 0600. Losing this key loses every encrypted
 * ID number, phone and bank account: back it up apart from the database.
 */
export function loadOrCreateDataKey(dataDir: string, fromEnv: string | undefined): Buffer {
  if (fromEnv) return parseKey(fromEnv, 'JIUYE_DATA_KEY');
  const file = path.join(dataDir, 'keys', 'data.key');
  if (fs.existsSync(file)) return parseKey(fs.readFileSync(file, 'utf8').trim(), file);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  try {
    fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      return parseKey(fs.readFileSync(file, 'utf8').trim(), file);
    throw e;
  }
  return key;
}

export function parseKey(text: string, where: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${where}: the data key must be 32 bytes (base64 or 64 hex digits)`);
  return key;
}
