import { describe, expect, it } from 'vitest';
import { cleanNameFast, compareNamesFast, nameKeyFast } from './fast-names.js';
import { cleanName, compareNames, nameKey } from './names.js';

const POOL = [
  '王',
  '建',
  '国',
  '军',
  '劉',
  '刘',
  '麗',
  '丽',
  '華',
  '华',
  '乾',
  '干',
  '·',
  '・',
  ' ',
  'a',
  'Ａ',
  '𠀋',
  '乌',
  '云',
  '兀',
  '豈',
];
let state = 12345;
const rnd = (n: number) => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state % n;
};
const randomName = () => Array.from({ length: 1 + rnd(4) }, () => POOL[rnd(POOL.length)]).join('');

describe('fast name functions', () => {
  it('give the same keys and clean forms as names.ts', () => {
    for (let i = 0; i < 20_000; i++) {
      const s = randomName();
      expect(nameKeyFast(s)).toBe(nameKey(s));
      expect(cleanNameFast(s)).toBe(cleanName(s));
    }
    expect(nameKeyFast('劉麗華')).toBe('刘丽华');
    expect(nameKeyFast('')).toBe('');
  });

  it('compare as compareNames does', () => {
    const cases: [string, string][] = [
      ['王建国', '王建国'],
      ['王建国', '王建军'],
      ['王建国', '王国建'],
      ['王伟', '王伟伟'],
      ['王伟', '李芳'],
      ['王', '汪'],
      ['王建国', '建国'],
      ['王建国', '王建国华'],
      ['王建国', '王国'],
      ['𠀋建国', '𠀋建军'],
      ['𠀋国', '国'],
      ['AB', 'BA'],
    ];
    for (const [a, b] of cases) {
      expect(compareNamesFast(a, b)).toBe(compareNames(a, b));
      expect(compareNamesFast(b, a)).toBe(compareNames(b, a));
    }
    for (let i = 0; i < 50_000; i++) {
      const a = nameKey(randomName());
      const b = rnd(3)
        ? nameKey(randomName())
        : a.slice(0, rnd(a.length + 1)) + POOL[rnd(POOL.length)] + a.slice(rnd(a.length + 1));
      expect(compareNamesFast(a, b)).toBe(compareNames(a, b));
    }
  });
});
