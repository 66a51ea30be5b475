import { describe, expect, it } from 'vitest';
import { csvLine as platformCsvLine } from '../../../platform/db/database.js';
import { csvLine } from './copy-csv.js';

describe('csvLine', () => {
  it('renders as the database layer does', () => {
    const rows: unknown[][] = [
      ['211382', 7, 12n, null, undefined, true, false, Buffer.from([0, 255, 16])],
      ['王,"建国"', '', 'a\nb', { a: 1 }, [1, 2], -3.5],
    ];
    for (const r of rows) expect(csvLine(r)).toBe(platformCsvLine(r));
  });
});
