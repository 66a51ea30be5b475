import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readList } from './read-list.js';

describe('readList on CSV', () => {
  it('splits a plain CSV by hand exactly as csv-parse reads it (row numbers of blank lines kept)', async () => {
    const cases = [
      '姓名,公民身份号码\n王建国,211382196803051230\n',
      '姓名,公民身份号码\n\n王建国,1\n\n\n',
      '姓名,公民身份号码\r\n王建国,1\r\n\r\n李四,2',
      '姓名,公民身份号码\n王建国\n王建国,1,2\n',
      '\ufeff姓名,公民身份号码\n王建国, 1 \n',
      '姓名,公民身份号码',
      '\n\n姓名,公民身份号码\n王,1\n',
      '姓名,公民身份号码\n , \n王,1',
      '姓名,公民身份号码\n"王,建国",1\n', // quotes: csv-parse itself
      '姓名,公民身份号码\r\n王,1\n李,2\r\n', // mixed line ends: csv-parse itself
    ];
    for (const c of cases) {
      const records = parse(c, {
        relax_column_count: true,
        skip_empty_lines: false,
        bom: true,
      }) as string[][];
      const expected = records
        .slice(1)
        .map((r, i) => ({ rowNumber: i + 2, cells: r.map((x) => x.trim()) }))
        .filter((r) => r.cells.some((x) => x !== ''));
      const t = await readList(Buffer.from(c));
      expect(t.header).toEqual(records[0]!.map((h) => h.trim()));
      expect(t.rows).toEqual(expected);
    }
  });
});
