import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageOn } from '../../../shared/dates/calendar-date.js';
import {
  enterpriseFactSchemas,
  householdFactSchemas,
  personFactSchemas,
} from '../../../shared/facts/vocabulary.js';
import { isValidUscc, parseIdNumber } from '../../../shared/identity/index.js';
import { divisionLevelOfCode, isActiveDivision } from '../../divisions/index.js';
import { isIndustryCode } from '../domain/industry.js';
import { DateTable } from './synthetic-calendar.js';
import {
  generateEnterprises,
  generateHouseholds,
  ID_REGIONS,
  IdAllocator,
  type SyntheticEnterprise,
  type SyntheticHousehold,
} from './synthetic-population.js';
import { Rng, WeightedTable } from './synthetic-random.js';

const TODAY = '2025-06-30';
const COMPOUND = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '慕容',
  '司徒',
  '令狐',
  '尉迟',
  '长孙',
  '夏侯',
  '爱新觉罗',
];
const opts = { seed: 20250630, today: TODAY };

function take<T>(it: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  if (n <= 0) return out;
  for (const x of it) {
    out.push(x);
    if (out.length >= n) break;
  }
  return out;
}

/** Collects failed checks (cheaper than one expect per person); at most 10 messages are kept. */
class Checks {
  readonly failures: string[] = [];
  count = 0;
  ok(cond: boolean, msg: () => string): void {
    if (cond) return;
    this.count++;
    if (this.failures.length < 10) this.failures.push(msg());
  }
  assert(): void {
    expect(this.failures, `${this.count} failed checks`).toEqual([]);
  }
}

const isVillage = (code: string): boolean =>
  divisionLevelOfCode(code) === 'village' && isActiveDivision(code, TODAY);

describe('synthetic randomness', () => {
  it('sfc32 is deterministic per (seed, stream) and roughly uniform', () => {
    const a = new Rng(1);
    const b = new Rng(1);
    const c = new Rng(2);
    const d = new Rng(1, 7);
    const xs = Array.from({ length: 8 }, () => a.u32());
    expect(Array.from({ length: 8 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 8 }, () => c.u32())).not.toEqual(xs);
    expect(Array.from({ length: 8 }, () => d.u32())).not.toEqual(xs);
    const r = new Rng(3);
    let sum = 0;
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const f = r.float();
      sum += f;
      buckets[Math.floor(f * 10)]!++;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    for (const k of buckets) expect(Math.abs(k - 10_000)).toBeLessThan(500);
    // Seeds beyond 32 bits and negative seeds are distinct too.
    expect(new Rng(2 ** 40).u32()).not.toBe(new Rng(0).u32());
    expect(new Rng(-1).u32()).not.toBe(new Rng(1).u32());
  });

  it('WeightedTable picks by weight', () => {
    const t = new WeightedTable<'a' | 'b' | 'c'>([
      ['a', 1],
      ['b', 3],
      ['c', 0],
    ]);
    const r = new Rng(5);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 40_000; i++) counts[t.pick(r)]++;
    expect(counts.c).toBe(0);
    expect(counts.b / 40_000).toBeCloseTo(0.75, 1);
  });
});

describe('IdAllocator', () => {
  const dates = new DateTable(TODAY);
  const age = 30;
  const lo = dates.ageFirst[age]!;
  const hi = dates.ageLast[age]!;

  it('moves to neighbouring dates, then to the next region, when a bucket is full; never repeats', () => {
    const ids = new IdAllocator(ID_REGIONS, dates);
    const day = lo + 100;
    const seen = new Set<string>();
    const days = new Map<number, number>();
    for (let i = 0; i < 3 * IdAllocator.SLOTS; i++) {
      const id = ids.allocate(0, day, true, lo, hi);
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      days.set(ids.lastDay, (days.get(ids.lastDay) ?? 0) + 1);
      const parsed = parseIdNumber(id, TODAY);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) {
        expect(parsed.value.sex).toBe('male');
        expect(parsed.value.birthDate).toBe(dates.dates[ids.lastDay]);
        expect(ageOn(parsed.value.birthDate, TODAY)).toBe(age);
      }
    }
    expect(days.get(day)).toBe(IdAllocator.SLOTS);
    expect(days.get(day + 1)).toBe(IdAllocator.SLOTS);
    expect(days.get(day - 1)).toBe(IdAllocator.SLOTS);

    // A one-day window: the overflow goes to the next region, same date.
    const one = new IdAllocator(ID_REGIONS, dates);
    for (let i = 0; i < IdAllocator.SLOTS; i++) one.allocate(0, day, false, day, day);
    const id = one.allocate(0, day, false, day, day);
    expect(one.lastRegion).toBe(1);
    expect(id.slice(0, 6)).toBe(ID_REGIONS[1]);
    expect(id.slice(6, 14)).toBe(dates.dates[day]!.replaceAll('-', ''));
  });

  it('throws when the whole window is exhausted in every region', () => {
    const small = new IdAllocator(['211382'], dates);
    for (let i = 0; i < IdAllocator.SLOTS; i++) small.allocate(0, lo, true, lo, lo);
    expect(() => small.allocate(0, lo, true, lo, lo)).toThrow(RangeError);
  });
});

describe('generateHouseholds', { timeout: 60_000 }, () => {
  let households: SyntheticHousehold[] = [];
  beforeAll(() => {
    households = [...generateHouseholds(200_000, opts)];
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = take(generateHouseholds(5_000, opts), 1000);
    const b = take(generateHouseholds(5_000, opts), 1000);
    expect(a).toHaveLength(1000);
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = take(generateHouseholds(5_000, { ...opts, seed: opts.seed + 1 }), 1000);
    expect(c).not.toEqual(a);
    // The same stream regardless of the requested total (only the last household is cut).
    expect(households.slice(0, 1000)).toEqual(a);
    // A different `today` gives a different population.
    expect(take(generateHouseholds(5_000, { ...opts, today: '2024-06-30' }), 10)).not.toEqual(a.slice(0, 10));
  });

  it('produces exactly the requested number of persons, 1–8 per household, head first', () => {
    for (const n of [0, 1, 7, 12_345]) {
      let total = 0;
      for (const h of generateHouseholds(n, { ...opts, seed: n })) {
        expect(h.members.length).toBeGreaterThanOrEqual(1);
        expect(h.members.length).toBeLessThanOrEqual(8);
        expect(h.members[0]!.relation).toBe('head');
        total += h.members.length;
      }
      expect(total).toBe(n);
    }
    expect(households.reduce((s, h) => s + h.members.length, 0)).toBe(200_000);
    expect(() => [...generateHouseholds(-1, opts)]).toThrow(RangeError);
  });

  it('gives every person a valid, unique ID number matching birth date and sex', () => {
    const c = new Checks();
    const seen = new Set<string>();
    let local = 0;
    for (const h of households) {
      for (const p of h.members) {
        const r = parseIdNumber(p.idNumber, TODAY);
        c.ok(r.ok && r.value.kind === 'mainland', () => `invalid ${p.idNumber}`);
        if (r.ok) {
          c.ok(r.value.birthDate === p.birthDate, () => `${p.idNumber} vs birth date ${p.birthDate}`);
          c.ok(r.value.sex === p.sex, () => `${p.idNumber} vs sex ${p.sex}`);
        }
        c.ok(!seen.has(p.idNumber), () => `duplicate ${p.idNumber}`);
        seen.add(p.idNumber);
        if (p.idNumber.startsWith('211382')) local++;
      }
    }
    c.assert();
    expect(seen.size).toBe(200_000);
    expect(local / seen.size).toBeGreaterThan(0.85);
    expect(local / seen.size).toBeLessThan(0.97);
  });

  it('places everyone in villages/communities active on `today`; hukou in Lingyuan or null', () => {
    const cache = new Map<string, boolean>();
    const ok = (code: string): boolean => {
      let v = cache.get(code);
      if (v === undefined) cache.set(code, (v = isVillage(code)));
      return v;
    };
    const c = new Checks();
    let nullHukou = 0;
    let otherHukou = 0;
    let inStreets = 0;
    let persons = 0;
    for (const h of households) {
      c.ok(ok(h.residenceDivision), () => `residence ${h.residenceDivision}`);
      if (Number(h.residenceDivision.slice(6, 9)) < 100) inStreets += h.members.length;
      for (const p of h.members) {
        persons++;
        c.ok(p.residenceDivision === h.residenceDivision, () => `member residence ${p.residenceDivision}`);
        if (p.hukouDivision === null) nullHukou++;
        else {
          c.ok(ok(p.hukouDivision), () => `hukou ${String(p.hukouDivision)}`);
          if (p.hukouDivision !== p.residenceDivision) otherHukou++;
        }
      }
    }
    c.assert();
    expect(cache.size).toBeGreaterThan(250); // nearly all of the 285 units are used
    expect(nullHukou / persons).toBeGreaterThan(0.01);
    expect(nullHukou / persons).toBeLessThan(0.06);
    expect(otherHukou / persons).toBeGreaterThan(0.02);
    expect(otherHukou / persons).toBeLessThan(0.12);
    // Urban streets hold about 30 % of the people.
    expect(inStreets / persons).toBeGreaterThan(0.26);
    expect(inStreets / persons).toBeLessThan(0.35);
  });

  it('has facts that satisfy the fact vocabulary and are consistent', () => {
    const c = new Checks();
    const householdSchemas: Record<string, { safeParse(v: unknown): { success: boolean } }> =
      householdFactSchemas;
    const personSchemas: Record<string, { safeParse(v: unknown): { success: boolean } }> = personFactSchemas;
    for (const h of households.slice(0, 20_000)) {
      for (const [name, value] of Object.entries(h.facts)) {
        c.ok(
          value === true && householdSchemas[name]?.safeParse(value).success === true,
          () => `household ${name}`,
        );
      }
      for (const p of h.members) {
        for (const [name, value] of Object.entries(p.facts)) {
          c.ok(personSchemas[name]?.safeParse(value).success === true, () => `${name}=${String(value)}`);
        }
      }
    }
    for (const h of households) {
      for (const p of h.members) {
        const age = ageOn(p.birthDate, TODAY);
        const f = p.facts;
        const who = (): string => `${p.birthDate} ${p.sex} ${JSON.stringify(f)}`;
        c.ok(!(f.employed === true && f.registeredUnemployed === true), who);
        if (f.leftSchoolOn !== undefined) {
          const leftAge = Number(f.leftSchoolOn.slice(0, 4)) - Number(p.birthDate.slice(0, 4));
          c.ok(
            f.leftSchoolOn <= TODAY && f.leftSchoolOn.endsWith('-07-01') && f.education !== undefined,
            who,
          );
          c.ok(leftAge >= 12 && leftAge <= 31, who);
        }
        if (age < 12) c.ok(f.education === undefined, who);
        if (age < 18)
          c.ok(
            f.education === undefined || f.education === 'primary' || f.education === 'juniorSecondary',
            who,
          );
        if (age < 16) {
          c.ok(p.phone === null && f.employed === undefined && f.registeredUnemployed === undefined, who);
        } else {
          c.ok(typeof f.employed === 'boolean', who);
        }
        if (f.registeredUnemployed) c.ok(age < (p.sex === 'male' ? 60 : 55), who);
        if (f.employmentDifficulty) c.ok(f.registeredUnemployed === true, who);
        if (f.insuredMonths !== undefined)
          c.ok(f.insuredMonths > 0 && f.insuredMonths <= (age - 15) * 12, who);
        if (p.phone !== null) c.ok(/^1[3-9]\d{9}$/.test(p.phone), who);
        c.ok(p.name.length >= 2 && p.name.length <= 9, () => p.name);
      }
      // zeroEmploymentFamily exactly as defined.
      const working = h.members.filter((p) => {
        const age = ageOn(p.birthDate, TODAY);
        return age >= 16 && age < (p.sex === 'male' ? 60 : 55) && p.facts.ableToWork !== false;
      });
      const zero =
        working.some((p) => p.facts.registeredUnemployed === true) &&
        !working.some((p) => p.facts.employed === true);
      c.ok((h.facts.zeroEmploymentFamily === true) === zero, () => `zero employment ${JSON.stringify(h)}`);
      if (h.facts.poorDisabledFamily) {
        c.ok(
          h.members.some((p) => p.facts.disabled) &&
            (h.facts.lowIncomeFamily || h.facts.registeredPoor) === true,
          () => JSON.stringify(h.facts),
        );
      }
    }
    c.assert();
  });

  it('has plausible family structure', () => {
    const c = new Checks();
    for (const h of households) {
      const head = h.members[0]!;
      const headAge = ageOn(head.birthDate, TODAY);
      c.ok(headAge >= 18, () => `head aged ${headAge}`);
      for (const p of h.members.slice(1)) {
        const age = ageOn(p.birthDate, TODAY);
        const what = (): string => `${p.relation} ${age} of head ${headAge}`;
        if (p.relation === 'spouse') c.ok(p.sex !== head.sex && Math.abs(age - headAge) <= 14, what);
        else if (p.relation === 'child') c.ok(headAge - age >= 12 && headAge - age <= 60, what);
        else if (p.relation === 'grandchild') c.ok(headAge - age >= 30, what);
        else if (p.relation === 'parent') c.ok(age - headAge >= 15, what);
      }
    }
    c.assert();
  });

  it('matches the realism targets within tolerance', () => {
    let persons = 0;
    let a014 = 0;
    let a1559 = 0;
    let a60 = 0;
    let work = 0;
    let employed = 0;
    let registered = 0;
    let disabled = 0;
    let men25 = 0;
    let veterans = 0;
    let dotted = 0;
    let rural = 0;
    let poor = 0;
    let low = 0;
    let boys = 0;
    let infants = 0;
    let old = 0;
    let oldWomen = 0;
    let phones = 0;
    let adults = 0;
    let higherYoung = 0;
    let young = 0;
    let higherOld = 0;
    let olds = 0;
    const sizes = new Array<number>(9).fill(0);
    const surnames = new Set<string>();
    for (const h of households) {
      sizes[h.members.length]!++;
      if (Number(h.residenceDivision.slice(9)) >= 200) {
        rural++;
        if (h.facts.registeredPoor) poor++;
      } else expect(h.facts.registeredPoor).toBeUndefined();
      if (h.facts.lowIncomeFamily) low++;
      for (const p of h.members) {
        persons++;
        const age = ageOn(p.birthDate, TODAY);
        if (age <= 14) a014++;
        else if (age <= 59) a1559++;
        else a60++;
        if (age >= 16 && age <= 59) {
          work++;
          if (p.facts.employed) employed++;
          if (p.facts.registeredUnemployed) registered++;
        }
        if (p.facts.disabled) disabled++;
        if (p.sex === 'male' && age >= 25) {
          men25++;
          if (p.facts.veteran) veterans++;
        }
        if (p.name.includes('·')) dotted++;
        else {
          const compound = COMPOUND.find((s) => p.name.startsWith(s));
          surnames.add(compound ?? p.name.slice(0, 1));
        }
        if (age <= 4) {
          infants++;
          if (p.sex === 'male') boys++;
        }
        if (age >= 80) {
          old++;
          if (p.sex === 'female') oldWomen++;
        }
        if (age >= 16) {
          adults++;
          if (p.phone) phones++;
        }
        const higher = ['college', 'bachelor', 'master', 'doctorate'].includes(p.facts.education ?? '');
        if (age >= 25 && age <= 34) {
          young++;
          if (higher) higherYoung++;
        }
        if (age >= 70) {
          olds++;
          if (higher) higherOld++;
        }
      }
    }
    const share = (x: number, of: number): number => x / of;
    expect(share(a014, persons)).toBeGreaterThan(0.095);
    expect(share(a014, persons)).toBeLessThan(0.125);
    expect(share(a1559, persons)).toBeGreaterThan(0.6);
    expect(share(a1559, persons)).toBeLessThan(0.64);
    expect(share(a60, persons)).toBeGreaterThan(0.25);
    expect(share(a60, persons)).toBeLessThan(0.29);
    expect(share(employed, work)).toBeGreaterThan(0.6);
    expect(share(employed, work)).toBeLessThan(0.7);
    expect(share(registered, work)).toBeGreaterThan(0.03);
    expect(share(registered, work)).toBeLessThan(0.04);
    expect(share(disabled, persons)).toBeGreaterThan(0.055);
    expect(share(disabled, persons)).toBeLessThan(0.07);
    expect(share(veterans, men25)).toBeGreaterThan(0.012);
    expect(share(veterans, men25)).toBeLessThan(0.018);
    expect(share(low, households.length)).toBeGreaterThan(0.035);
    expect(share(low, households.length)).toBeLessThan(0.047);
    expect(share(poor, rural)).toBeGreaterThan(0.025);
    expect(share(poor, rural)).toBeLessThan(0.037);
    expect(share(dotted, persons)).toBeGreaterThan(0.001);
    expect(share(dotted, persons)).toBeLessThan(0.0035);
    expect(share(boys, infants)).toBeGreaterThan(0.48);
    expect(share(boys, infants)).toBeLessThan(0.53);
    expect(share(oldWomen, old)).toBeGreaterThan(0.54);
    expect(share(phones, adults)).toBeGreaterThan(0.8);
    expect(share(higherYoung, young)).toBeGreaterThan(0.3);
    expect(share(higherOld, olds)).toBeLessThan(0.08);
    const mean = persons / households.length;
    expect(mean).toBeGreaterThan(2.45);
    expect(mean).toBeLessThan(2.75);
    expect(share(sizes[1]! + sizes[2]! + sizes[3]!, households.length)).toBeGreaterThan(0.7);
    expect(sizes[6]! + sizes[7]! + sizes[8]!).toBeGreaterThan(0);
    expect(surnames.size).toBeGreaterThanOrEqual(100);
    for (const s of ['王', '李', '张', '刘', '于', '孙']) expect(surnames.has(s), s).toBe(true);
    expect(COMPOUND.some((s) => surnames.has(s))).toBe(true);
  });

  it('keeps memory bounded while streaming', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // Measure the heap between two points of one live stream: it must not grow with the persons produced.
    const stream = generateHouseholds(400_000, { ...opts, seed: 98 });
    let n = 0;
    let next = stream.next();
    while (!next.done && n < 50_000) {
      n += next.value.members.length;
      next = stream.next();
    }
    gc();
    const before = process.memoryUsage().heapUsed;
    while (!next.done) {
      n += next.value.members.length;
      next = stream.next();
    }
    gc();
    const after = process.memoryUsage().heapUsed;
    expect(n).toBe(400_000);
    expect(after - before).toBeLessThan(8 * 1024 * 1024);
  });

  it('rejects unsupported options', () => {
    expect(() => [...generateHouseholds(1, { ...opts, county: '211381' })]).toThrow(RangeError);
    expect(() => [...generateHouseholds(1, { ...opts, today: '1999-12-31' })]).toThrow(RangeError);
    expect(() => [...generateHouseholds(1, { ...opts, today: '2025-02-30' })]).toThrow(RangeError);
    expect(() => [...generateHouseholds(1, { ...opts, seed: Number.NaN })]).toThrow(RangeError);
    // Division snapshots of 2019 (eight streets) are supported too.
    const [h] = take(generateHouseholds(3, { ...opts, today: '2019-12-31' }), 1);
    expect(isActiveDivision(h!.residenceDivision, '2019-12-31')).toBe(true);
  });
});

describe('generateEnterprises', { timeout: 60_000 }, () => {
  let list: SyntheticEnterprise[] = [];
  beforeAll(() => {
    list = [...generateEnterprises(20_000, opts)];
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(take(generateEnterprises(500, opts), 500)).toEqual(list.slice(0, 500));
    expect(take(generateEnterprises(500, { ...opts, seed: 1 }), 500)).not.toEqual(list.slice(0, 500));
  });

  it('gives unique names and valid, unique USCCs', () => {
    expect(new Set(list.map((e) => e.name)).size).toBe(list.length);
    expect(new Set(list.map((e) => e.uscc)).size).toBe(list.length);
    const c = new Checks();
    for (const e of list) {
      c.ok(isValidUscc(e.uscc) && e.uscc.slice(2, 8) === '211382', () => e.uscc);
      c.ok(e.uscc.charAt(1) === (e.name.endsWith('专业合作社') ? '3' : '1'), () => `${e.uscc} ${e.name}`);
      c.ok(/(有限公司|有限责任公司|股份有限公司|专业合作社)$/.test(e.name), () => e.name);
    }
    c.assert();
    expect(list.some((e) => e.name.startsWith('凌源市') && e.name.endsWith('专业合作社'))).toBe(true);
    expect(list.some((e) => /^凌源.*建筑工程有限公司$/.test(e.name))).toBe(true);
  });

  it('has valid industries, divisions, contacts and facts', () => {
    const c = new Checks();
    const schemas: Record<string, { safeParse(v: unknown): { success: boolean } }> = enterpriseFactSchemas;
    const villages = new Map<string, boolean>();
    for (const e of list) {
      const who = (): string => JSON.stringify(e);
      c.ok(/^[A-S]\d{4}$/.test(e.industry) && isIndustryCode(e.industry), who);
      let v = villages.get(e.division);
      if (v === undefined) villages.set(e.division, (v = isVillage(e.division)));
      c.ok(v, who);
      c.ok(e.legalRepresentative.length >= 2 && e.contactName.length >= 2, who);
      c.ok(/^(1[3-9]\d{9}|0421-\d{7})$/.test(e.contactPhone), who);
      for (const [name, value] of Object.entries(e.facts))
        c.ok(schemas[name]?.safeParse(value).success === true, who);
      const f = e.facts;
      c.ok(f.employees > 0 && f.insuredEmployees <= f.employees && f.laidOffLastYear <= f.employees, who);
      if (!f.insured) {
        c.ok(f.insuredEmployees === 0 && !f.premiumArrears && f.unemploymentPremiumPaidLastYear === 0, who);
      } else {
        c.ok(f.insuredEmployees > 0 && f.unemploymentPremiumPaidLastYear > 0, who);
        c.ok(
          Math.round(f.unemploymentPremiumPaidLastYear * 100) / 100 === f.unemploymentPremiumPaidLastYear,
          who,
        );
      }
    }
    c.assert();
  });

  it('is mostly micro and small, with the industry mix of a rural county', () => {
    const count = (pred: (e: SyntheticEnterprise) => boolean): number =>
      list.filter(pred).length / list.length;
    expect(count((e) => e.size === 'micro')).toBeGreaterThan(0.77);
    expect(count((e) => e.size === 'micro')).toBeLessThan(0.83);
    expect(count((e) => e.size === 'small')).toBeGreaterThan(0.13);
    expect(count((e) => e.size === 'small')).toBeLessThan(0.18);
    expect(count((e) => e.size === 'large')).toBeLessThan(0.01);
    expect(count((e) => e.size === 'large')).toBeGreaterThan(0);
    const sections = ['A', 'C', 'E', 'F', 'H'].map((s) => count((e) => e.industry.startsWith(s)));
    for (const s of sections) expect(s).toBeGreaterThan(0.05);
    expect(count((e) => e.industry.startsWith('F'))).toBeGreaterThan(0.2);
    const big = list.filter((e) => e.size === 'large');
    expect(big.every((e) => e.facts.employees >= 200)).toBe(true);
    expect(list.filter((e) => e.size === 'micro').every((e) => e.facts.employees < 20)).toBe(true);
  });
});

describe('programme facts', { timeout: 60_000 }, () => {
  const COLLEGE = new Set(['college', 'bachelor', 'master', 'doctorate']);
  const OCCUPATION = /^[1-8]-\d{2}-\d{2}-\d{2}$/;
  /** Whole days from a to b (YYYY-MM-DD). */
  const daysBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;
  type Schema = { parse(v: unknown): unknown };
  const personSchemas: Record<string, Schema> = personFactSchemas;
  const householdSchemas: Record<string, Schema> = householdFactSchemas;
  const enterpriseSchemas: Record<string, Schema> = enterpriseFactSchemas;
  /** Parse with the vocabulary's zod schema; the error message when it fails. */
  const invalid = (schemas: Record<string, Schema>, name: string, value: unknown): string | null => {
    const schema = schemas[name];
    if (!schema) return `unknown fact ${name}`;
    try {
      schema.parse(value);
      return null;
    } catch (e) {
      return `${name}=${JSON.stringify(value)}: ${String(e).slice(0, 200)}`;
    }
  };

  let households: SyntheticHousehold[] = [];
  let enterprises: SyntheticEnterprise[] = [];
  beforeAll(() => {
    households = [...generateHouseholds(200_000, opts)];
    enterprises = [...generateEnterprises(20_000, opts)];
  });

  it('validates every fact value against the vocabulary (50,000 persons, 2,000 enterprises)', () => {
    const c = new Checks();
    let persons = 0;
    const seen = new Set<string>();
    for (const h of households) {
      if (persons >= 50_000) break;
      for (const [name, value] of Object.entries(h.facts)) {
        const err = invalid(householdSchemas, name, value);
        c.ok(err === null, () => `household ${err}`);
      }
      for (const p of h.members) {
        persons++;
        for (const [name, value] of Object.entries(p.facts)) {
          seen.add(name);
          const err = invalid(personSchemas, name, value);
          c.ok(err === null, () => `person ${err}`);
        }
      }
    }
    for (const e of enterprises.slice(0, 2_000)) {
      for (const [name, value] of Object.entries(e.facts)) {
        seen.add(`enterprise.${name}`);
        const err = invalid(enterpriseSchemas, name, value);
        c.ok(err === null, () => `enterprise ${err}`);
      }
    }
    c.assert();
    expect(persons).toBeGreaterThanOrEqual(50_000);
    // Every person fact of the vocabulary that the registry can hold appears (household ones via households).
    // The facts the second reading added (December 2026) are declared by the applicant and not yet
    // generated by the synthetic registry.
    const declaredOnly = new Set(['deCapacityWorker', 'ruralTransferLabour', 'enrolledStudent']);
    for (const name of Object.keys(personFactSchemas)) {
      if (name in householdFactSchemas || declaredOnly.has(name)) continue;
      expect(seen.has(name), name).toBe(true);
    }
    for (const name of Object.keys(enterpriseFactSchemas))
      expect(seen.has(`enterprise.${name}`), name).toBe(true);
  });

  it('keeps dates before today and consistent with the person', () => {
    const c = new Checks();
    let inWindow = 0;
    let talents = 0;
    for (const h of households) {
      const hardship =
        h.facts.lowIncomeFamily === true ||
        h.facts.registeredPoor === true ||
        h.facts.poorDisabledFamily === true;
      for (const p of h.members) {
        const f = p.facts;
        const age = ageOn(p.birthDate, TODAY);
        const who = (): string => `${p.birthDate} ${p.sex} ${JSON.stringify(f)} ${JSON.stringify(h.facts)}`;
        const adultOn = (date: string, years = 16): boolean => ageOn(p.birthDate, date) >= years;
        const afterSchool = (date: string): boolean => f.leftSchoolOn === undefined || f.leftSchoolOn <= date;
        if (f.contractEndedOn !== undefined) {
          c.ok(
            f.contractEndedOn < TODAY && adultOn(f.contractEndedOn) && afterSchool(f.contractEndedOn),
            who,
          );
          c.ok(f.employed === false && (f.insuredMonths ?? 0) > 0 && age < 60, who);
        }
        if (f.unemploymentInsuranceEligible !== undefined) c.ok(f.registeredUnemployed === true, who);
        if (f.registeredUnemployed) c.ok(typeof f.unemploymentInsuranceEligible === 'boolean', who);
        if (f.unemploymentInsuranceEligible === true) {
          c.ok(f.contractEndedOn !== undefined && (f.insuredMonths ?? 0) >= 12, who);
          c.ok(daysBetween(f.contractEndedOn!, TODAY) < 731, who);
        }
        if (f.hardshipTier !== undefined) {
          c.ok(
            f.registeredUnemployed === true &&
              f.contractEndedOn !== undefined &&
              f.unemploymentInsuranceEligible === false,
            who,
          );
        }
        if (f.training) {
          const t = f.training;
          c.ok(t.startedOn <= t.endedOn && t.endedOn < TODAY, who);
          c.ok(adultOn(t.startedOn) && afterSchool(t.startedOn) && age < 60 && f.ableToWork !== false, who);
          c.ok(t.daysAttended >= 1 && t.daysAttended <= daysBetween(t.startedOn, t.endedOn) + 1, who);
          c.ok(t.paidBySelf ? t.feePaid > 0 : t.feePaid === 0, who);
          c.ok(t.catalogItem.length > 0 && t.standardAmount > 0, who);
          c.ok(!t.choseUnemploymentBenefit || f.unemploymentInsuranceEligible === true, who);
        }
        if (f.certificate) {
          const k = f.certificate;
          c.ok(k.obtainedOn < TODAY && adultOn(k.obtainedOn) && afterSchool(k.obtainedOn), who);
          c.ok(OCCUPATION.test(k.occupation), who);
          if (k.obtainedOn >= '2020-01-01') c.ok(k.kind === 'skillLevel', who);
          if (k.obtainedOn < '2019-01-01') c.ok(k.kind === 'vocationalQualification', who);
        }
        if (f.business)
          c.ok(age >= 20 && age < 65 && (f.leftSchoolOn !== undefined) === (f.education !== undefined), who);
        if (f.talent) {
          talents++;
          const a = f.talent.arrivedOn;
          c.ok(f.employed === true && age >= 22 && age <= 50, who);
          c.ok(['bachelor', 'master', 'doctorate'].includes(f.education ?? ''), who);
          c.ok(a < TODAY && f.leftSchoolOn !== undefined && f.leftSchoolOn <= a, who);
          if (a >= '2017-09-01' && a <= '2020-08-30') inWindow++;
        }
        if (f.publicWelfarePost) {
          c.ok(f.employed === true && age >= 18 && age < 60 && f.publicWelfarePost.months >= 1, who);
          const own = f.disabled === true || f.martyrChild === true || f.extremePoverty === true;
          c.ok(hardship || own, who);
          if (!COLLEGE.has(f.education ?? '')) c.ok(age >= 40, who);
        }
        if (f.extremePoverty) {
          c.ok(h.members.length === 1 && h.facts.lowIncomeFamily !== true && f.employed === false, who);
          c.ok(age >= 60 || (f.disabled === true && f.ableToWork === false), who);
        }
        if (f.martyrChild) c.ok(age >= 18 && age <= 75, who);
      }
    }
    c.assert();
    // Some talents came inside the housing-grant window (2017-09-01 … 2020-08-30), not all of them.
    expect(inWindow).toBeGreaterThan(0);
    expect(inWindow).toBeLessThan(talents);
  });

  it('gives a realistic minority each programme fact (shares within tolerance)', () => {
    let persons = 0;
    let registered = 0;
    let regTraining = 0;
    let regContract = 0;
    let regUi = 0;
    let contractNoUi = 0;
    let tiers = 0;
    let employed = 0;
    let certificates = 0;
    let employedBusiness = 0;
    let employed2064 = 0;
    let posts = 0;
    let graduatePosts = 0;
    let talents = 0;
    let extremePoverty = 0;
    let martyrs = 0;
    for (const h of households) {
      for (const p of h.members) {
        persons++;
        const f = p.facts;
        const age = ageOn(p.birthDate, TODAY);
        if (f.registeredUnemployed) {
          registered++;
          if (f.training) regTraining++;
          if (f.contractEndedOn) regContract++;
          if (f.unemploymentInsuranceEligible) regUi++;
          if (f.contractEndedOn && !f.unemploymentInsuranceEligible) {
            contractNoUi++;
            if (f.hardshipTier) tiers++;
          }
        }
        if (f.employed && age >= 18 && age < 60) {
          employed++;
          if (f.certificate) certificates++;
        }
        if (f.employed && age >= 20 && age < 65) {
          employed2064++;
          if (f.business) employedBusiness++;
        }
        if (f.publicWelfarePost) {
          posts++;
          if (COLLEGE.has(f.education ?? '')) graduatePosts++;
        }
        if (f.talent) talents++;
        if (f.extremePoverty) extremePoverty++;
        if (f.martyrChild) martyrs++;
      }
    }
    const within = (x: number, lo: number, hi: number, what: string): void => {
      expect(x, what).toBeGreaterThan(lo);
      expect(x, what).toBeLessThan(hi);
    };
    within(regTraining / registered, 0.12, 0.2, 'training among the registered unemployed');
    within(regContract / registered, 0.38, 0.6, 'contract ended among the registered unemployed');
    within(regUi / registered, 0.15, 0.35, 'unemployment insurance among the registered unemployed');
    within(tiers / contractNoUi, 0.25, 0.48, 'temporary hardship among those without insurance');
    within(certificates / employed, 0.035, 0.065, 'certificates among the employed 18–59');
    within(employedBusiness / employed2064, 0.045, 0.08, 'own business among the employed 20–64');
    within(posts / persons, 0.001, 0.004, 'public-welfare posts');
    expect(graduatePosts).toBeGreaterThan(20);
    within(talents / persons, 0.0006, 0.003, 'talents');
    within(extremePoverty / persons, 0.001, 0.005, '特困');
    within(martyrs / persons, 0, 0.0005, 'martyrs’ children');

    const share = (pred: (e: SyntheticEnterprise) => boolean): number =>
      enterprises.filter(pred).length / enterprises.length;
    within(
      share((e) => e.facts.temporaryDifficulty),
      0.025,
      0.055,
      'temporary difficulty',
    );
    within(
      share((e) => e.facts.apprenticeship !== undefined),
      0.006,
      0.02,
      'apprenticeships',
    );
    within(
      share((e) => e.facts.onJobTraining !== undefined),
      0.02,
      0.05,
      'on-the-job training',
    );
    within(
      share((e) => e.facts.educationExpense !== undefined),
      0.02,
      0.05,
      'education expenses',
    );
    // Two incubators per 4,000 enterprises, at fixed positions: 10 among 20,000, 2 among the first 2,000.
    expect(enterprises.filter((e) => e.facts.incubator).length).toBe(10);
    expect(enterprises.slice(0, 2_000).filter((e) => e.facts.incubator).length).toBe(2);
    // In difficulty, on-the-job training is much more common.
    const hard = enterprises.filter((e) => e.facts.temporaryDifficulty);
    expect(hard.filter((e) => e.facts.onJobTraining).length / hard.length).toBeGreaterThan(0.15);
  });

  it('keeps enterprise programme facts consistent', () => {
    const c = new Checks();
    for (const e of enterprises) {
      const f = e.facts;
      const who = (): string => JSON.stringify(e);
      c.ok(typeof f.temporaryDifficulty === 'boolean', who);
      if (f.insured) {
        const perHead = f.socialInsuranceDueMonthly! / f.insuredEmployees;
        c.ok(perHead >= 3500 * 0.34 && perHead <= 7000 * 0.37, who);
      } else c.ok(f.socialInsuranceDueMonthly === undefined, who);
      if (f.apprenticeship)
        c.ok(f.apprenticeship.apprentices >= 1 && f.apprenticeship.apprentices <= f.employees, who);
      if (f.onJobTraining) c.ok(f.onJobTraining.totalSpent > 0, who);
      if (f.educationExpense) {
        const x = f.educationExpense;
        c.ok(x.totalWages >= f.employees * 3500 * 12 && x.spent > 0 && x.spent <= x.totalWages, who);
        if (f.onJobTraining) c.ok(x.spent >= f.onJobTraining.totalSpent, who);
      }
      if (f.incubator) {
        c.ok(e.industry === 'L7221' && /创业(孵化基地|园)/.test(e.name), who);
        c.ok(f.incubator.recognised && f.incubator.entities >= 1 && f.incubator.freeSpaceYears >= 2, who);
      }
    }
    c.assert();
  });

  it('finds qualifiers for the 2019 programmes when today is in 2019', () => {
    const today = '2019-06-15';
    let temporary = 0;
    let trainingLiving = 0;
    let skill = 0;
    for (const h of generateHouseholds(100_000, { seed: 7, today })) {
      for (const p of h.members) {
        const f = p.facts;
        if (
          f.registeredUnemployed &&
          f.unemploymentInsuranceEligible === false &&
          f.hardshipTier !== undefined &&
          f.contractEndedOn! >= '2019-01-01'
        )
          temporary++;
        const t = f.training;
        if (t && f.employmentDifficulty && t.paidBySelf && t.passed && t.endedOn >= '2019-01-01')
          trainingLiving++;
        if (f.certificate && f.employed && (f.insuredMonths ?? 0) >= 12 && f.certificate.obtainedOn <= today)
          skill++;
        for (const d of [f.contractEndedOn, t?.endedOn, f.certificate?.obtainedOn, f.talent?.arrivedOn])
          if (d !== undefined) expect(d < today).toBe(true);
      }
    }
    expect(temporary).toBeGreaterThan(10);
    expect(trainingLiving).toBeGreaterThan(10);
    expect(skill).toBeGreaterThan(300);
    const hard = [...generateEnterprises(2_000, { seed: 7, today })].filter(
      (e) => e.facts.temporaryDifficulty,
    );
    expect(hard.length).toBeGreaterThan(20);
    expect(hard.every((e) => !e.facts.insured || e.facts.socialInsuranceDueMonthly! > 0)).toBe(true);
  });
});
