import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readIdCell } from './id-cell.js';
import { compareNames, nameKey } from './names.js';
import { PersonIndex } from './person-matcher.js';

const hash = (s: string) => crypto.createHmac('sha256', 'k').update(s).digest('hex');
const CHARS = ['王', '建', '国', '军', '李', '华', '𠀋', '𠀍', '乌', '云'];

describe('PersonIndex, candidates by birth day', () => {
  it('proposes every same or close name born that day and nobody else (the quick name test loses none)', () => {
    let state = 7;
    const rnd = (n: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    const name = () => Array.from({ length: 1 + rnd(3) }, () => CHARS[rnd(CHARS.length)]).join('');
    const index = new PersonIndex();
    const names: string[] = [];
    for (let i = 0; i < 400; i++) {
      const n = name();
      names.push(nameKey(n));
      index.add({
        id: i + 1,
        county: '211382',
        name: n,
        idHashHex: hash(String(i)),
        birthDate: '1970-01-01',
        sex: 'male',
        township: '211382101',
      });
    }
    for (let k = 0; k < 300; k++) {
      const key = nameKey(name());
      const d = index.decide({
        nameKey: key,
        id: readIdCell('', '2019-01-01'),
        idHashHex: null,
        birthDate: '1970-01-01',
        sex: null,
        township: null,
      });
      const expected = names
        .map((n, i) => [compareNames(key, n), i + 1] as const)
        .filter(([c]) => c !== 'different')
        .map(([, id]) => id)
        .sort((a, b) => a - b);
      const got = d.candidates.map((c) => c.personId).sort((a, b) => a - b);
      if (expected.length <= 10) expect(got).toEqual(expected);
      else expect(d.status).toBe('unmatched');
    }
  });
});
