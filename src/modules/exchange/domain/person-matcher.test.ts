import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../shared/identity/index.js';
import { readIdCell } from './id-cell.js';
import { readDate, readSex, mapColumns } from './list-kinds.js';
import { compareNames, nameDistance, nameKey } from './names.js';
import { PersonIndex, type ListPersonRow } from './person-matcher.js';

const AS_OF = '2019-06-30';
const hash = (id: string) => crypto.createHmac('sha256', 'k').update(id).digest('hex');

describe('nameKey', () => {
  it('folds traditional to simplified, spaces and the middle dot in its code points', () => {
    expect(nameKey('劉麗華')).toBe('刘丽华');
    expect(nameKey(' 王  建国 ')).toBe('王建国');
    expect(nameKey('王\u3000建国')).toBe('王建国');
    for (const dot of ['·', '・', '•', '‧', '．', '∙', '⋅', '･', '.'])
      expect(nameKey(`乌云${dot}其木格`)).toBe('乌云其木格');
    expect(nameKey('乌云其木格')).toBe('乌云其木格');
    expect(nameKey('ａｂ')).toBe('AB');
    expect(nameKey('')).toBe('');
  });
  it('keeps different names different', () => {
    expect(nameKey('王建国')).not.toBe(nameKey('王建军'));
  });
});

describe('compareNames', () => {
  it('tells same, close (one edit) and different', () => {
    expect(compareNames('王建国', '王建国')).toBe('same');
    expect(compareNames('王建国', '王建军')).toBe('close');
    expect(compareNames('王建国', '王国建')).toBe('close'); // swapped
    expect(compareNames('王伟', '王伟伟')).toBe('close');
    expect(compareNames('王伟', '李芳')).toBe('different');
    expect(compareNames('王', '汪')).toBe('different');
    expect(nameDistance('王建国', '李建军', 2)).toBe(2);
  });
});

describe('readIdCell', () => {
  const id = makeIdNumber('211382', '1968-03-05', 123, 'male');
  it('normalises full-width digits, spaces, lower-case x and old 15-digit numbers', () => {
    const fw = id.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(readIdCell(fw, AS_OF)).toMatchObject({ kind: 'valid', normalized: id });
    expect(readIdCell(` ${id.slice(0, 6)} ${id.slice(6)} `, AS_OF)).toMatchObject({
      kind: 'valid',
      normalized: id,
    });
    expect(readIdCell(id.slice(0, 6) + id.slice(8, 17), AS_OF)).toMatchObject({
      kind: 'valid',
      normalized: id,
      convertedFrom15: true,
    });
    const x = makeIdNumber('110105', '1949-12-31', 2, 'female');
    expect(readIdCell(x.toLowerCase(), AS_OF)).toMatchObject({ kind: 'valid', normalized: x });
  });
  it('tells missing from invalid, keeping the birth date a damaged number still shows', () => {
    expect(readIdCell('', AS_OF)).toEqual({ kind: 'missing' });
    expect(readIdCell('  ', AS_OF)).toEqual({ kind: 'missing' });
    const typo = id.slice(0, 16) + (id[16] === '1' ? '2' : '1') + id[17];
    expect(readIdCell(typo, AS_OF)).toEqual({
      kind: 'invalid',
      reason: 'checksum',
      birthDateHint: '1968-03-05',
    });
    expect(readIdCell('2.11382E+17', AS_OF)).toMatchObject({ kind: 'invalid', reason: 'scientific' });
  });
});

describe('columns and cells', () => {
  it('finds columns by their Chinese headers, full-width brackets or not', () => {
    expect(mapColumns(['序号', '姓名', '身份证号', '乡镇(街道)'], 'person')).toEqual({
      columns: { name: 1, idNumber: 2, township: 3 },
      missing: [],
    });
    expect(mapColumns(['姓名'], 'person').missing).toEqual(['公民身份号码']);
  });
  it('reads dates and sexes as written', () => {
    expect(readDate('1985/3/2', AS_OF)).toBe('1985-03-02');
    expect(readDate('1985年3月2日', AS_OF)).toBe('1985-03-02');
    expect(readDate('19850302', AS_OF)).toBe('1985-03-02');
    expect(readDate('1985-02-30', AS_OF)).toBeNull();
    expect(readDate('2020-01-01', AS_OF)).toBeNull();
    expect(readSex('男')).toBe('male');
    expect(readSex('女')).toBe('female');
    expect(readSex('?')).toBeNull();
  });
});

describe('PersonIndex.decide', () => {
  const A = {
    id: 1,
    county: '211382',
    name: '王建国',
    birthDate: '1968-03-05',
    sex: 'male' as const,
    township: '211382101',
  };
  const B = {
    id: 2,
    county: '211382',
    name: '王建军',
    birthDate: '1970-08-01',
    sex: 'male' as const,
    township: '211382101',
  };
  const C = {
    id: 3,
    county: '211382',
    name: '张伟',
    birthDate: '1990-07-15',
    sex: 'male' as const,
    township: '211382001',
  };
  const idA = makeIdNumber('211382', A.birthDate, 123, 'male');
  const idB = makeIdNumber('211382', B.birthDate, 5, 'male');
  const index = new PersonIndex();
  for (const [p, id] of [
    [A, idA],
    [B, idB],
    [C, makeIdNumber('211382', C.birthDate, 7, 'male')],
  ] as const)
    index.add({ ...p, idHashHex: hash(id) });
  const row = (name: string, id: string, extra: Partial<ListPersonRow> = {}): ListPersonRow => {
    const cell = readIdCell(id, AS_OF);
    return {
      nameKey: nameKey(name),
      id: cell,
      idHashHex: cell.kind === 'valid' ? hash(cell.normalized) : null,
      birthDate: null,
      sex: null,
      township: null,
      ...extra,
    };
  };

  it('matches a valid number whose name is the same (after folding)', () => {
    expect(index.decide(row('王建國', idA))).toMatchObject({ status: 'matched', personId: 1, score: 100 });
  });
  it('never calls a sibling certain: a valid number with another name is a candidate', () => {
    const d = index.decide(row('王建军', idA));
    expect(d).toMatchObject({ status: 'candidate', personId: 1 });
    expect(d.reasons).toContain('name-close');
    expect(index.decide(row('李小红', idA))).toMatchObject({ status: 'candidate', personId: 1 });
  });
  it('does not call a valid number certain when the birth date column disagrees', () => {
    expect(index.decide(row('王建国', idA, { birthDate: '1968-03-06' })).status).toBe('candidate');
  });
  it('finds candidates by name and birth date when the number is missing or damaged', () => {
    const d = index.decide(row('王建国', '', { birthDate: A.birthDate }));
    expect(d).toMatchObject({ status: 'candidate', personId: 1 });
    expect(d.reasons).toEqual(expect.arrayContaining(['id-missing', 'name-same', 'birth-same']));
    const typo = idA.slice(0, 16) + (idA[16] === '1' ? '2' : '1') + idA[17];
    const t = index.decide(row('王建囯', typo));
    expect(t).toMatchObject({ status: 'candidate', personId: 1 });
    expect(t.reasons).toEqual(expect.arrayContaining(['id-invalid', 'name-close', 'birth-from-damaged-id']));
  });
  it('finds by name and township when nothing else is known; unmatched or invalid when nobody fits', () => {
    expect(index.decide(row('张伟', '', { township: '211382001' }))).toMatchObject({
      status: 'candidate',
      personId: 3,
    });
    expect(index.decide(row('张伟', '', { township: '211382101' })).status).toBe('unmatched');
    expect(index.decide(row('周大勇', makeIdNumber('130102', '1970-04-04', 55, 'male'))).status).toBe(
      'unmatched',
    );
    expect(index.decide(row('周大勇', '1301021970')).status).toBe('invalid');
    expect(index.decide(row('', '')).status).toBe('invalid');
  });
  it('honours earlier reviews: a dismissed pair is not proposed, a confirmed pair matches', () => {
    const r = row('王建国', '', { birthDate: A.birthDate });
    expect(index.decide(r, { confirmed: null, dismissed: new Set([1]) }).status).toBe('unmatched');
    expect(index.decide(r, { confirmed: 1, dismissed: new Set() })).toMatchObject({
      status: 'matched',
      personId: 1,
      reasons: ['confirmed-earlier'],
    });
    expect(index.decide(row('李小红', idA), { confirmed: null, dismissed: new Set([1]) }).status).toBe(
      'unmatched',
    );
  });
});
