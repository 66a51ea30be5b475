import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PersonalDataCipher } from '../../../platform/crypto/index.js';
import type { Reason } from '../domain/person-matcher.js';
import {
  BlockWriter,
  openCells,
  packMatches,
  packRows,
  reasonsOf,
  REASON_CODES,
  rowFlags,
  unpackMatches,
  unpackRows,
  type DecidedRow,
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

  it('packs every kind of row with its candidates, township and subject key, and unpacks them unchanged', () => {
    const key = (b: number) => Buffer.alloc(32, b);
    const rows: DecidedRow[] = [
      row(2, 'matched', { subjectId: 7, subjectCounty: '211382', reasons: ['id', 'name-same'] }),
      row(5, 'candidate', {
        idValid: false,
        score: 72,
        reasons: ['id-missing', 'name-same', 'birth-same'],
        subjectId: 2 ** 40,
        subjectCounty: '211381',
        township: '211382100',
        subjectKey: key(1),
        candidates: [
          { personId: 2 ** 40, county: '211381', score: 72, reasons: ['name-same', 'birth-same'] },
          { personId: 9, county: '211382', score: 40, reasons: ['name-close'] },
        ],
      }),
      row(6, 'unmatched', { idValid: false, reasons: ['id-not-found'], township: '211382200' }),
      row(9, 'invalid', { idValid: false, reasons: ['id-invalid', 'name-missing'] }),
      row(10, 'candidate', {
        score: 55,
        subjectId: 0,
        subjectCounty: '211382',
        subjectKey: key(2),
        candidates: [{ personId: 0, county: '211382', score: 55, reasons: ['name-same'] }],
      }),
    ];
    const { matches, subjectKeys } = packRows(rows);
    expect(subjectKeys).toEqual(Buffer.concat([key(1), key(2)]));
    const b = unpackRows(matches);
    expect(b.rowNumbers).toEqual([2, 5, 6, 9, 10]);
    expect(b.statuses).toEqual(['matched', 'candidate', 'unmatched', 'invalid', 'candidate']);
    expect(b.subjectIds).toEqual([7, 2 ** 40, null, null, 0]);
    expect(b.subjectCounties).toEqual(['211382', '211381', null, null, '211382']);
    expect(b.townships).toEqual([null, '211382100', '211382200', null, null]);
    expect(b.scores).toEqual([100, 72, 0, 0, 55]);
    expect(b.flags.map((f) => f & 1)).toEqual([1, 0, 0, 0, 1]);
    expect(b.flags.map(reasonsOf)).toEqual(rows.map((r) => r.reasons));
    expect(b.candStart).toEqual([0, 0, 2, 2, 2, 3]);
    expect(b.candIds).toEqual([2 ** 40, 9, 0]);
    expect(b.candCounties).toEqual(['211381', '211382', '211382']);
    expect(b.candScores).toEqual([72, 40, 55]);
    expect(b.candFlags.map(reasonsOf)).toEqual([['name-same', 'birth-same'], ['name-close'], ['name-same']]);
    expect(() => packRows([row(3, 'candidate', {})])).toThrow(/subject key/);
    expect(() => packRows([row(3, 'matched', {}), row(3, 'matched', {})])).toThrow(/increase/);
    expect(() => unpackRows(packMatches([2], [1], [1]))).toThrow(/corrupt/);
  });

  it('renders blocks of at most blockRows rows, with the cells as given encrypted', () => {
    const w = new BlockWriter('211382', 9, cipher, 5, 0, 3);
    const cells = (i: number) => [`王${i},"x"`, ` 2113821968030512３x `, '男', '', '万元店镇'];
    for (let i = 0; i < 7; i++)
      w.add(
        row(2 + i * 2, 'matched', { subjectId: 100 + i, subjectCounty: i === 4 ? '211381' : '211382' }),
        cells(i),
      );
    w.flush();
    expect(w.blocks).toBe(3); // rows 0-2, 3-5, 6
    // Each line is CSV: county, import, block, first, last, rows, subject county (none), matches, cells, layout, keys.
    const csv = w
      .take()
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(',').map((f) => f.replace(/^"|"$/g, '')));
    expect(w.take()).toBe('');
    expect(csv.map((f) => [...f.slice(0, 7), ...f.slice(9)])).toEqual([
      ['211382', '9', '0', '2', '6', '3', '', '2', ''],
      ['211382', '9', '1', '8', '12', '3', '', '2', ''],
      ['211382', '9', '2', '14', '14', '1', '', '2', ''],
    ]);
    const m = unpackRows(Buffer.from(csv[1]![7]!.slice(2), 'hex'));
    expect(m.subjectIds).toEqual([103, 104, 105]);
    expect(m.subjectCounties).toEqual(['211382', '211381', '211382']);
    const c = openCells(cipher, Buffer.from(csv[2]![8]!.slice(2), 'hex'));
    expect(c).toEqual([[cells(6)[0]], [cells(6)[1]], ['男'], [''], ['万元店镇']]);
    expect(csv[2]![8]).not.toContain(Buffer.from('王6').toString('hex'));
  });
});

function row(rowNumber: number, status: DecidedRow['status'], more: Partial<DecidedRow>): DecidedRow {
  return {
    rowNumber,
    status,
    idValid: true,
    score: status === 'matched' ? 100 : 0,
    reasons: ['id'],
    subjectId: null,
    subjectCounty: null,
    candidates: [],
    township: null,
    subjectKey: null,
    ...more,
  };
}
