import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PersonalDataCipher } from '../../../platform/crypto/index.js';
import type { Reason } from '../domain/person-matcher.js';
import {
  BlockWriter,
  openCells,
  packMatches,
  reasonsOf,
  REASON_CODES,
  rowFlags,
  unpackMatches,
} from './row-blocks.js';

const cipher = new PersonalDataCipher(crypto.randomBytes(32));

describe('row blocks', () => {
  it('gives back the reasons in the order a decision lists them, and the ID-valid bit', () => {
    const reasons: Reason[] = ['id-converted-15', 'name-same', 'birth-same', 'township-differs', 'sex-same'];
    expect(reasonsOf(rowFlags(reasons, true))).toEqual(reasons);
    expect(rowFlags(reasons, true) & 1).toBe(1);
    expect(rowFlags(['confirmed-earlier'], false) & 1).toBe(0);
    expect(reasonsOf(rowFlags(['confirmed-earlier'], false))).toEqual(['confirmed-earlier']);
    expect(reasonsOf(rowFlags([...REASON_CODES], true))).toEqual(REASON_CODES);
    expect(() => rowFlags(['nonsense' as Reason], true)).toThrow();
  });

  it('packs row numbers, subjects and flags and unpacks them unchanged', () => {
    const rows = [2, 3, 7, 1000, 1_048_577];
    const ids = [1, 4_000_000_000, 17, 2 ** 40, 0];
    const flags = [1, 0, rowFlags(['id', 'name-same'], true), 2 ** 20, 3];
    expect(unpackMatches(packMatches(rows, ids, flags))).toEqual({
      rowNumbers: rows,
      subjectIds: ids,
      flags,
    });
    expect(() => packMatches([3, 2], [1, 1], [0, 0])).toThrow();
  });

  it('renders blocks of at most blockRows rows, one county each, with the cells as given encrypted', () => {
    const w = new BlockWriter('211382', 9, cipher, 5, 3);
    const cells = (i: number) => [`王${i},"x"`, ` 2113821968030512３x `, '男', '', '万元店镇'];
    for (let i = 0; i < 7; i++) w.add(2 + i * 2, i === 4 ? '211381' : '211382', 100 + i, 1, cells(i));
    w.flush();
    expect(w.blocks).toBe(4); // rows 0-2, 3, 4 (another county), 5-6
    // Each line is CSV: county, import, block, first, last, rows, subject county, matches, cells.
    const csv = w
      .take()
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(',').map((f) => f.replace(/^"|"$/g, '')));
    expect(w.take()).toBe('');
    expect(csv.map((f) => f.slice(0, 7))).toEqual([
      ['211382', '9', '0', '2', '6', '3', '211382'],
      ['211382', '9', '1', '8', '8', '1', '211382'],
      ['211382', '9', '2', '10', '10', '1', '211381'],
      ['211382', '9', '3', '12', '14', '2', '211382'],
    ]);
    const m = unpackMatches(Buffer.from(csv[0]![7]!.slice(2), 'hex'));
    expect(m).toEqual({ rowNumbers: [2, 4, 6], subjectIds: [100, 101, 102], flags: [1, 1, 1] });
    const c = openCells(cipher, Buffer.from(csv[3]![8]!.slice(2), 'hex'));
    expect(c).toEqual([
      [cells(5)[0], cells(6)[0]],
      [cells(5)[1], cells(6)[1]],
      ['男', '男'],
      ['', ''],
      ['万元店镇', '万元店镇'],
    ]);
    expect(csv[3]![8]).not.toContain(Buffer.from('王5').toString('hex'));
  });
});
