/**
 * Money is computed in yuan as doubles inside expressions and rounded half-up to the fen at the end
 * of each component. The product is first rounded to 12 significant digits, so a value like
 * 1234.565 (stored as 1234.56499999…) rounds up as a person would expect.
 */
export function toFen(yuan: number): number {
  if (!Number.isFinite(yuan)) throw new RangeError(`not a finite amount: ${yuan}`);
  const cents = Number((yuan * 100).toPrecision(12));
  return Math.sign(cents) * Math.floor(Math.abs(cents) + 0.5);
}

export function fenToYuan(fen: number): number {
  return fen / 100;
}

export function roundFen(yuan: number): number {
  return fenToYuan(toFen(yuan));
}

/**
 * Rounded down to the fen, for amounts the text bounds from above (不超过): a share of a total never
 * exceeds it by rounding. The product is first rounded to 12 significant digits, as in toFen, so an
 * exact 1234.56 stored as 1234.5599999… stays 1234.56.
 */
export function floorFen(yuan: number): number {
  if (!Number.isFinite(yuan)) throw new RangeError(`not a finite amount: ${yuan}`);
  const cents = Number((yuan * 100).toPrecision(12));
  return Math.floor(cents) / 100;
}
