import pg from 'pg';

/**
 * Calendar dates stay `YYYY-MM-DD` strings (never a local-time Date), and 64-bit integers become
 * numbers (ids, counts and fen amounts stay far below 2^53). Set once for the `pg` driver, which
 * both the PostgreSQL server and PGlite's `pg` adapter go through, so both return the same types.
 */
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

let installed = false;
export function installTypeParsers(): void {
  if (installed) return;
  installed = true;
  pg.types.setTypeParser(DATE_OID, (v: string) => v);
  pg.types.setTypeParser(INT8_OID, (v: string) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new Error(`int8 value out of safe integer range: ${v}`);
    return n;
  });
  pg.types.setTypeParser(NUMERIC_OID, (v: string) => Number(v));
}
