/** Money is integer fen (1 yuan = 100 fen) everywhere; yuan appear only as text for people. */

/** A whole, non-negative number of fen that a JavaScript number holds exactly. */
export function isFen(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** Fen as yuan with two decimals: 123456 → '1234.56', -5 → '-0.05'. No floating point on the way. */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Yuan written by people or banks ('1,234.5', '1234.56', '¥800') as fen; undefined when it is not an
 * amount with at most two decimals. Parsed as text, so '0.29' is 29 fen, never 28.999….
 */
export function parseYuan(text: string): number | undefined {
  const s = text
    .trim()
    .replace(/^[¥￥]/, '')
    .replaceAll(',', '');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
