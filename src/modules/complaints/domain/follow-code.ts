import crypto from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another (no I, O, 0, 1). */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const FOLLOW_CODE_LENGTH = 8;

/** A new follow code: 8 characters drawn by the system's CSPRNG (40 bits). */
export function newFollowCode(): string {
  let s = '';
  for (let i = 0; i < FOLLOW_CODE_LENGTH; i++) s += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return s;
}

/** What is stored: SHA-256 of the reference and the code (upper case, spaces and dashes dropped). */
export function followCodeHash(reference: string, code: string): Buffer {
  const normal = code.toUpperCase().replace(/[\s-]/g, '');
  return crypto.createHash('sha256').update(`${reference}:${normal}`).digest();
}

const NOTHING = Buffer.alloc(32);

/** Does `code` open the complaint whose stored hash is `stored`? In constant time; `stored` undefined never matches. */
export function followCodeMatches(reference: string, code: string, stored: Buffer | undefined): boolean {
  const given = followCodeHash(reference, code);
  const against = stored && stored.length === given.length ? stored : NOTHING;
  return crypto.timingSafeEqual(given, against) && against !== NOTHING;
}

/** `TS` + yyyymmdd + the day's sequence in 6 digits. */
export function formatReference(day: string, seq: number): string {
  return `TS${day.replaceAll('-', '')}${String(seq).padStart(6, '0')}`;
}

export const REFERENCE_PATTERN = /^TS\d{14}$/;
