import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  activeOn,
  childrenOf,
  divisionLevelOfCode,
  divisionName,
  DivisionTree,
  getDivision,
  historyOf,
  isActiveDivision,
  isIsoDate,
  isWithin,
  levelOfCode,
  lingyuan,
  normalizeCode,
  resolveDivision,
  townshipOf,
  type Division,
} from './division-tree.js';

/** The 2019 township list as given in the project brief (NBS 2019 codes). */
const TOWNSHIPS_2019: Record<string, string> = {
  '211382001': '东城街道',
  '211382002': '北街街道',
  '211382003': '南街街道',
  '211382004': '凌北街道',
  '211382006': '热水汤街道',
  '211382007': '兴源街道',
  '211382008': '红山街道',
  '211382009': '城关街道',
  '211382101': '万元店镇',
  '211382102': '宋杖子镇',
  '211382103': '三十家子镇',
  '211382104': '杨杖子镇',
  '211382105': '刀尔登镇',
  '211382106': '松岭子镇',
  '211382107': '四官营子镇',
  '211382108': '沟门子镇',
  '211382110': '小城子镇',
  '211382111': '四合当镇',
  '211382113': '乌兰白镇',
  '211382114': '瓦房店镇',
  '211382115': '大河北镇',
  '211382116': '牛营子镇',
  '211382117': '三道河子镇',
  '211382118': '刘杖子镇',
  '211382204': '大王杖子乡',
  '211382206': '前进乡',
  '211382210': '北炉乡',
  '211382217': '三家子蒙古族乡',
  '211382219': '佛爷洞乡',
  '211382220': '河坎子乡',
};
const DISSOLVED_2020 = ['211382004', '211382006', '211382007'];

const codes = (list: readonly Division[]) => list.map((d) => d.code);
const countBy = (list: readonly Division[], key: (d: Division) => string) => {
  const out: Record<string, number> = {};
  for (const d of list) out[key(d)] = (out[key(d)] ?? 0) + 1;
  return out;
};

describe('coverage', () => {
  it('has 30 townships on 2019-12-31, exactly the NBS 2019 list with its names', () => {
    const t = activeOn('2019-12-31', 'township');
    expect(t).toHaveLength(30);
    expect(Object.fromEntries(t.map((d) => [d.code, d.name]))).toEqual(TOWNSHIPS_2019);
    expect(countBy(t, (d) => d.kind)).toEqual({ street: 8, town: 16, township: 5, ethnicTownship: 1 });
    expect(getDivision('211382217', '2019-12-31')?.kind).toBe('ethnicTownship');
  });

  it('has 27 townships from 2020-06-30 on: the 2019 list less the three dissolved streets', () => {
    for (const asOf of ['2020-06-30', '2020-07-01', '2022-01-01', '2024-01-01']) {
      const t = activeOn(asOf, 'township');
      expect(t).toHaveLength(27);
      expect(codes(t)).toEqual(Object.keys(TOWNSHIPS_2019).filter((c) => !DISSOLVED_2020.includes(c)));
    }
    expect(countBy(activeOn('2024-01-01', 'township'), (d) => d.kind)).toEqual({
      street: 5,
      town: 16,
      township: 5,
      ethnicTownship: 1,
    });
  });

  it('has 285 villages/communities on 2024-01-01 and 283 in 2019 and 2020', () => {
    const v2024 = activeOn('2024-01-01', 'village');
    expect(v2024).toHaveLength(285);
    expect(countBy(v2024, (d) => d.kind)).toEqual({ community: 42, village: 243 });
    expect(activeOn('2019-12-31', 'village')).toHaveLength(283);
    expect(activeOn('2020-07-01', 'village')).toHaveLength(283);
    expect(activeOn('2021-10-31', 'village')).toHaveLength(285);
    expect(lingyuan.latest('village')).toHaveLength(285);
  });

  it('takes the units of the first snapshot (2019-10-31) to exist before it, from an open start', () => {
    expect(activeOn('2019-10-30')).toHaveLength(1 + 30 + 283);
    expect(activeOn('2019-01-01')).toEqual(activeOn('2019-10-31'));
    expect(getDivision('211382', '2019-01-01')?.validFromKnown).toBe(false);
    expect(getDivision('211382', '2019-01-01')?.validFrom).toBe('1900-01-01');
    expect(activeOn('1899-12-31')).toEqual([]);
  });

  it('records the snapshot dates (截止时间) of the five NBS releases', () => {
    expect(lingyuan.snapshots.map((s) => [s.id, s.cutoff])).toEqual([
      ['nbs-2019', '2019-10-31'],
      ['nbs-2020', '2020-06-30'],
      ['nbs-2021', '2021-10-31'],
      ['nbs-2022', '2022-10-31'],
      ['nbs-2023', '2023-06-30'],
    ]);
  });
});

describe('the 2020 dissolution of 凌北, 热水汤 and 兴源 streets', () => {
  it('凌北街道 exists on 2019-12-31 and not on 2020-07-01 (validTo 2020-06-30 is exclusive)', () => {
    expect(getDivision('211382004', '2019-12-31')?.name).toBe('凌北街道');
    expect(getDivision('211382004', '2020-06-29')?.name).toBe('凌北街道');
    expect(getDivision('211382004', '2020-06-30')).toBeUndefined();
    expect(getDivision('211382004', '2020-07-01')).toBeUndefined();
    for (const c of DISSOLVED_2020) {
      const h = historyOf(c);
      expect(h).toHaveLength(1);
      expect(h[0]).toMatchObject({ validFrom: '1900-01-01', validTo: '2020-06-30', validToKnown: false });
      expect(h[0]?.source).toBe('nbs-2019');
    }
  });

  it('keeps history: without a date a dissolved code still resolves to its last record', () => {
    expect(getDivision('211382006')?.name).toBe('热水汤街道');
    expect(isActiveDivision('211382006')).toBe(false);
    expect(isActiveDivision('211382006', '2020-01-01')).toBe(true);
    expect(divisionName('211382007')).toBe('兴源街道');
  });

  it('lists the villages of the dissolved streets as of 2019 and none afterwards', () => {
    expect(childrenOf('211382004', '2019-12-31')).toHaveLength(9);
    expect(childrenOf('211382006', '2019-12-31').map((d) => d.shortName)).toEqual(['热水汤村']);
    expect(childrenOf('211382007', '2019-12-31')).toHaveLength(6);
    for (const c of DISSOLVED_2020) {
      expect(childrenOf(c, '2020-07-01')).toEqual([]);
      expect(childrenOf(c)).toEqual([]);
    }
  });

  it('links re-coded villages to their new codes (same name, new township)', () => {
    expect(getDivision('211382004001', '2019-12-31')?.successors).toEqual(['211382001007']);
    expect(getDivision('211382001007')?.predecessors).toEqual(['211382004001']);
    expect(resolveDivision('211382004001').map((d) => [d.code, d.shortName])).toEqual([
      ['211382001007', '红山社区'],
    ]);
    expect(resolveDivision('211382006200').map((d) => d.code)).toEqual(['211382008209']);
    // 莫胡店社区 moved to 东城街道 in 2020 and is gone from 2021 on: no current unit
    expect(resolveDivision('211382004002')).toEqual([]);
    expect(resolveDivision('211382004002', '2021-01-01').map((d) => d.code)).toEqual(['211382001008']);
    // a dissolved street resolves to the townships its villages moved to
    expect(getDivision('211382004')?.successors).toEqual(['211382001', '211382002']);
    expect(resolveDivision('211382004').map((d) => d.name)).toEqual(['东城街道', '北街街道']);
    expect(resolveDivision('211382007').map((d) => d.name)).toEqual(['红山街道']);
  });

  it('does not create new township codes: 2020+ townships were all in the 2019 list', () => {
    const after = lingyuan.records.filter((d) => d.level === 'township' && d.validFrom > '2019-10-31');
    expect(after).toEqual([]);
  });
});

describe('renames and NBS naming style', () => {
  it('keeps one record across pure style changes (村民委员会 → 村村民委员会)', () => {
    const h = historyOf('211382001202');
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ name: '东五官村村民委员会', shortName: '东五官村', validTo: null });
    expect(h[0]?.attestedIn).toEqual(['nbs-2019', 'nbs-2020', 'nbs-2021', 'nbs-2022', 'nbs-2023']);
  });

  it('splits the record when the short name changes (老官村 → 老官营子村 in the 2022 release)', () => {
    const h = historyOf('211382101206');
    expect(h.map((d) => [d.shortName, d.validFrom, d.validTo])).toEqual([
      ['老官村', '1900-01-01', '2022-10-31'],
      ['老官营子村', '2022-10-31', null],
    ]);
    expect(divisionName('211382101206', '2021-01-01')).toBe('老官村民委员会');
    expect(divisionName('211382101206')).toBe('老官营子村村民委员会');
  });
});

describe('queries', () => {
  it('getDivision / childrenOf / townshipOf', () => {
    expect(getDivision('211382')).toMatchObject({
      name: '凌源市',
      level: 'county',
      kind: 'countyLevelCity',
      parent: '211300',
    });
    expect(getDivision('211382000000')?.name).toBe('凌源市');
    expect(getDivision('211382101000')?.name).toBe('万元店镇');
    expect(getDivision('999999')).toBeUndefined();
    expect(childrenOf('211382', '2024-01-01')).toHaveLength(27);
    expect(childrenOf('211382')).toHaveLength(27);
    expect(codes(childrenOf('211382101'))).toEqual([
      '211382101200',
      '211382101201',
      '211382101202',
      '211382101205',
      '211382101206',
      '211382101207',
      '211382101208',
    ]);
    expect(childrenOf('211382101200')).toEqual([]);
    expect(townshipOf('211382101200')?.name).toBe('万元店镇');
    expect(townshipOf('211382101')?.name).toBe('万元店镇');
    expect(townshipOf('211382004001', '2019-12-31')?.name).toBe('凌北街道');
    expect(townshipOf('211382004001')).toBeUndefined();
    expect(townshipOf('211382')).toBeUndefined();
  });

  it('isWithin follows the code prefix hierarchy 6 → 9 → 12 digits (inclusive)', () => {
    expect(isWithin('211382101', '211382')).toBe(true);
    expect(isWithin('211382101200', '211382101')).toBe(true);
    expect(isWithin('211382101200', '211382')).toBe(true);
    expect(isWithin('211382101200', '211382101200')).toBe(true);
    expect(isWithin('211382101200', '211382102')).toBe(false);
    expect(isWithin('211382', '211382101')).toBe(false);
    expect(isWithin('211382101200', '211382000000')).toBe(true);
    expect(isWithin('211381101200', '211382')).toBe(false);
    expect(isWithin('2113821', '211382')).toBe(false);
  });

  it('levelOfCode / divisionLevelOfCode / normalizeCode', () => {
    expect(levelOfCode('211382')).toBe('county');
    expect(levelOfCode('211382101')).toBe('township');
    expect(levelOfCode('211382101200')).toBe('village');
    expect(levelOfCode('21138')).toBeNull();
    expect(levelOfCode('21138210120a')).toBeNull();
    expect(divisionLevelOfCode('211382101000')).toBe('township');
    expect(normalizeCode('211382000000')).toBe('211382');
    expect(normalizeCode('211382101200')).toBe('211382101200');
    expect(normalizeCode('2113')).toBeNull();
  });

  it('rejects malformed dates instead of guessing', () => {
    expect(() => activeOn('2024-1-1')).toThrow(RangeError);
    expect(() => getDivision('211382', '2023-02-29')).toThrow(RangeError);
    expect(() => childrenOf('211382', '20240101')).toThrow(RangeError);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
  });
});

describe('data invariants', () => {
  const all = lingyuan.records;
  const boundaries = [
    ...new Set(all.flatMap((d) => (d.validTo ? [d.validFrom, d.validTo] : [d.validFrom]))),
  ].sort();

  it('has non-empty names, codes of the right length inside 211382, unique (code, validFrom)', () => {
    const keys = new Set<string>();
    for (const d of all) {
      expect(d.name.trim()).not.toBe('');
      expect(d.shortName.trim()).not.toBe('');
      expect(d.code.startsWith('211382')).toBe(true);
      expect(d.code).toHaveLength({ county: 6, township: 9, village: 12 }[d.level]);
      const key = `${d.code}@${d.validFrom}`;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
      expect(d.validFromKnown).toBe(false);
    }
  });

  it("every unit's parent is active whenever the unit is", () => {
    // activity only changes at interval boundaries, so checking every boundary covers every date
    for (const d of all.filter((x) => x.level !== 'county')) {
      for (const b of boundaries.filter((x) => x >= d.validFrom && (d.validTo === null || x < d.validTo))) {
        expect(getDivision(d.parent ?? '', b), `${d.code} on ${b}`).toBeDefined();
      }
    }
  });

  it('the JSON file is in canonical form (sorted, 2-space, trailing newline)', () => {
    const url = new URL('../data/lingyuan.json', import.meta.url);
    const text = readFileSync(url, 'utf8');
    const parsed = JSON.parse(text) as { divisions: Division[] };
    expect(text).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    const keys = parsed.divisions.map((d) => [d.code, d.validFrom] as const);
    const sorted = [...keys].sort(([c1, f1], [c2, f2]) =>
      c1 !== c2 ? (c1 < c2 ? -1 : 1) : f1 < f2 ? -1 : 1,
    );
    expect(keys).toEqual(sorted);
  });
});

describe('DivisionTree.fromJson validation', () => {
  const snapshots = [{ id: 's1', year: 2020, cutoff: '2020-06-30', published: '2020-11-06' }];
  const rec = (over: Partial<Division>): Division => ({
    code: '211382101',
    name: '万元店镇',
    shortName: '万元店镇',
    level: 'township',
    kind: 'town',
    parent: '211382',
    validFrom: '2020-06-30',
    validTo: null,
    validFromKnown: false,
    validToKnown: false,
    source: 's1',
    attestedIn: ['s1'],
    predecessors: [],
    successors: [],
    ...over,
  });
  const build = (divisions: Division[]) => DivisionTree.fromJson({ source: { snapshots }, divisions });

  it('accepts consecutive records of one code and answers by date', () => {
    const t = build([
      rec({ validTo: '2021-01-01', name: 'A镇', shortName: 'A镇' }),
      rec({ validFrom: '2021-01-01', name: 'B镇', shortName: 'B镇' }),
    ]);
    expect(t.getDivision('211382101', '2020-12-31')?.name).toBe('A镇');
    expect(t.getDivision('211382101', '2021-01-01')?.name).toBe('B镇');
    expect(t.getDivision('211382101')?.name).toBe('B镇');
  });

  it('rejects overlaps, wrong levels, wrong parents, bad dates and unknown sources', () => {
    expect(() => build([rec({}), rec({ validFrom: '2021-01-01' })])).toThrow(/overlap/);
    expect(() => build([rec({}), rec({})])).toThrow(/duplicate/);
    expect(() => build([rec({ level: 'village' })])).toThrow(/level/);
    expect(() => build([rec({ kind: 'community' })])).toThrow(/kind/);
    expect(() => build([rec({ parent: '211381' })])).toThrow(/parent/);
    expect(() => build([rec({ validTo: '2020-06-30' })])).toThrow(/before/);
    expect(() => build([rec({ validFrom: '2020-6-30' })])).toThrow(/YYYY-MM-DD/);
    expect(() => build([rec({ source: 'nope' })])).toThrow(/unknown snapshot/);
    expect(() => build([rec({ name: '' })])).toThrow(/name/);
  });
});
