import { encodeGb18030 } from '../../../shared/text/gb18030.js';
import { describe, expect, it } from 'vitest';
import { readList } from './read-list.js';
import { splitCsvList } from './split-list.js';

/** The rows of both parts, numbered as in the whole list. */
async function rowsOfParts(bytes: Buffer, count = 2) {
  const parts = splitCsvList(bytes, count);
  if (!parts) return null;
  const out = [];
  for (const part of parts) {
    const t = await readList(part.content);
    out.push(...t.rows.map((r) => ({ ...r, rowNumber: r.rowNumber + part.recordsBefore })));
  }
  return out;
}

describe('splitCsvList', () => {
  const body = (n: number, row: (i: number) => string, eol = '\n') =>
    Array.from({ length: n }, (_, i) => row(i)).join(eol) + eol;

  it('cuts a list in parts whose rows, renumbered, are the whole list’s', async () => {
    const cases = [
      '姓名,公民身份号码\n' + body(101, (i) => `王${i},2113821968030512${i % 10}`),
      '\ufeff姓名,公民身份号码\r\n' + body(80, (i) => `李${i}, ${i} `, '\r\n'),
      // Blank lines keep their numbers; quoted cells may hold commas, quotes and line breaks.
      '姓名,公民身份号码\n' + body(60, (i) => (i % 7 === 0 ? '' : `"赵\n${i}","1,""${i}"""`)),
      '姓名,公民身份号码\n' + body(40, (i) => (i === 20 ? '"' + '孙\n'.repeat(200) + '",1' : `周${i},${i}`)),
    ];
    for (const text of cases) {
      const bytes = Buffer.from(text);
      const whole = (await readList(bytes)).rows;
      for (const count of [2, 3, 5]) {
        const parts = splitCsvList(bytes, count)!;
        expect(parts).toHaveLength(count);
        for (let k = 1; k < count; k++) {
          expect(parts[k]!.recordsBefore).toBeGreaterThan(parts[k - 1]!.recordsBefore);
          expect((await readList(parts[k]!.content)).header).toEqual((await readList(bytes)).header);
        }
        expect(await rowsOfParts(bytes, count)).toEqual(whole);
      }
    }
  });

  it('cuts GB18030 bytes at a line break, never inside a character', async () => {
    const text = '姓名,公民身份号码\r\n' + body(500, (i) => `乌云·其木格${i},${i}`, '\r\n');
    const bytes = Buffer.from(encodeGb18030(text));
    expect(await rowsOfParts(bytes, 3)).toEqual((await readList(bytes)).rows);
  });

  it('does not cut what it cannot cut safely', () => {
    expect(splitCsvList(Buffer.from('PK\u0003\u0004 a zip'))).toBeNull();
    expect(splitCsvList(Buffer.from('姓名\r王\r李\r'))).toBeNull(); // old Mac line ends
    expect(splitCsvList(Buffer.from('姓名\n"王\n李\n'))).toBeNull(); // an unclosed quote
    expect(splitCsvList(Buffer.from('姓名,公民身份号码\n'))).toBeNull(); // nothing after the header
    expect(splitCsvList(Buffer.from('姓名\n王'))).toBeNull(); // one record: nowhere to cut
  });
});
