/**
 * The desk's own check of a resident ID number (GB 11643-1999) before it is sent: 18 characters, the
 * birth date a real day not in the future, the MOD 11-2 check character; 15-digit legacy numbers pass
 * to the server, which upgrades them. The server checks again (and knows the other kinds of number).
 */
export type IdProblem = 'empty' | 'format' | 'birthDate' | 'future' | 'checksum';

const CHECK = '10X98765432';

export function checkCharacter(first17: string): string {
  let acc = 0;
  for (let i = 0; i < 17; i++) acc = ((acc + first17.charCodeAt(i) - 48) * 2) % 11;
  return CHECK.charAt(acc);
}

function realDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** What is wrong with the number, or null when it looks right; `today` as YYYY-MM-DD. */
export function idNumberProblem(input: string, today: string): IdProblem | null {
  const s = input.trim().toUpperCase();
  if (!s) return 'empty';
  if (/^\d{15}$/.test(s)) {
    const y = 1900 + Number(s.slice(6, 8));
    return realDate(y, Number(s.slice(8, 10)), Number(s.slice(10, 12))) ? null : 'birthDate';
  }
  if (!/^\d{17}[\dX]$/.test(s)) return 'format';
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1900 || !realDate(y, m, d)) return 'birthDate';
  if (`${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}` > today) return 'future';
  if (checkCharacter(s) !== s.charAt(17)) return 'checksum';
  return null;
}

/** The birth date and sex the number tells (for the clerk to compare with the card), when it is right. */
export function idNumberFacts(input: string): { birthDate: string; sex: 'male' | 'female' } | null {
  const s = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return null;
  return {
    birthDate: `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`,
    sex: Number(s.charAt(16)) % 2 === 1 ? 'male' : 'female',
  };
}

/** A mobile (11 digits starting 1) or a landline with area code; empty is allowed. */
export function phoneLooksRight(input: string): boolean {
  const s = input.replace(/[\s-]/g, '');
  return s === '' || /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}\d{7,8}$/.test(s);
}
