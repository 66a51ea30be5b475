/**
 * A synthetic but realistic population of 凌源市 (Lingyuan, 211382) for `jiuye seed`: households of
 * people with valid, unique resident ID numbers, names, phones, residence/hukou divisions and the
 * facts the employment service works with; plus enterprises (./synthetic-enterprises.ts).
 *
 * Deterministic: the output depends only on (seed, today, counts). Streamed: households are produced
 * one at a time; the only per-population state is the ID-number allocator's counters
 * (a Uint16Array over region × birth date × sex, ~3.5 MB). Fast: see ./synthetic-bench.ts.
 *
 * ─── Realism targets ─────────────────────────────────────────────────────────────────────────────
 * ALL FIGURES BELOW ARE ASSUMPTIONS FOR SYNTHETIC DATA, not statistics of Lingyuan. They are shaped
 * after public aggregates (sources named), rounded, and tuned so that the generated population shows
 * them; the test (synthetic-population.test.ts) checks the tolerances.
 *
 * Age structure (ageing Liaoning county): 0–14 ≈ 11 %, 15–59 ≈ 62 %, 60+ ≈ 27 %. Liaoning's 7th census
 * communiqué (2020) reports 11.12 % / 63.16 % / 25.72 %; a rural county five years later is older.
 * The pyramid emerges from household composition: few births since 2017, a bulge at ages 50–64
 * (1960s–70s birth cohorts), thinning after 75.
 * Sex: 101 boys per 100 girls at birth (as asked; the census sex ratio at birth for Liaoning is
 * higher), more women than men among the old (lone elderly are ≈ 70 % women; spouses ≈ 2 years
 * younger than husbands).
 * Households: mean size ≈ 2.6 (as asked; the 2020 census found 2.29 per family household in Liaoning,
 * but a hukou-based registry also lists members who live elsewhere); singles ≈ 19 % (young singles and
 * widowed elderly), couples without co-resident children ≈ 26 % (mostly empty nests), couple/parent +
 * children ≈ 35 %, three-generation ≈ 13 %, skipped-generation (grandparents with left-behind
 * grandchildren, rural) ≈ 4 %, other (siblings, relatives) ≈ 4 %. Mothers are 19–40 at a birth (mean 24 rural, 26 urban);
 * number of children by the mother's birth cohort and urban/rural (3+ common before 1955, mostly one
 * child in towns 1965–1989, more two-child families again after 2016).
 * Hukou: residence = hukou for most; ≈ 15 % of town (community) households have their hukou in a
 * village of Lingyuan; ≈ 2 % of households have their hukou outside Lingyuan (hukouDivision null);
 * 4 % of married-in spouses kept an outside hukou. ID-number region: 211382 for ≈ 95 % of locals,
 * other Chaoyang codes (211300/211302/211303/211321/211322/211324/211381) and neighbours (Hebei 平泉
 * 宽城 青龙, Inner Mongolia 宁城, 建昌, 锦州, 沈阳) for married-in spouses and outside-hukou households.
 * Education by birth cohort and urban/rural (table EDUCATION below, an assumption in the spirit of the
 * 2020 census: older people mostly primary/junior secondary; 1990s cohorts ≈ 35 % (villages) to 60 %
 * (towns) college or more, master ≈ 1–3.5 %, doctorate ≈ 0.1–0.3 %). A person's final level is drawn first; the standard completion ages
 * (primary 12, junior 15, senior/vocational 18, college 21, bachelor 22, master 25, doctorate 28, +1 year
 * for September–December births and some repeaters) give `leftSchoolOn` = 1 July of the leaving year;
 * someone whose leaving date lies after `today` is still at school and has the level completed so far
 * (or none) and no `leftSchoolOn`.
 * Employment (16–59): employed ≈ 65 % (students, early-retired women 50–59 and the disabled pull it
 * down; farmers count as employed, so rural elderly keep working longer); registered unemployed
 * ≈ 3.5 % (only among the not employed of legal working age: men 16–59, women 16–54; never together
 * with employed = true). Disabled ≈ 6 % overall, rising with age (after the 2006 national sample survey
 * on disability: 6.34 %), ≈ 35 % of them severe (grade 1–2). ableToWork false for most severely disabled
 * people and for the very old (80+ always, 70–79 partly). Veterans ≈ 1.5 % of men 25+.
 * insuredMonths: for most employed people in towns, a third in villages (rural farmers rarely pay
 * employee insurance), and for many registered unemployed — a share of the months since leaving school
 * (not before 1993).
 * Households: 低保 (lowIncomeFamily) ≈ 4 % of households, more in villages, among the elderly, the disabled
 * and jobless households; 建档立卡 registered poor ≈ 3 % of rural (村委会) households and none in
 * communities (Lingyuan counted as a poverty county — a provincial one: after 2001 no Liaoning county was a
 * national key county; the 3 % is the brief's figure); poorDisabledFamily = a disabled
 * member in a 低保 or registered-poor household; zeroEmploymentFamily = someone of working age, none of
 * them employed, at least one registered unemployed.
 * Names: ./synthetic-names.ts. Phones: ≈ 96 % of adults under 60, fewer of the old, none under 16;
 * China Mobile prefixes dominate (as in Liaoning), 8 random digits.
 *
 * ─── Programme facts (./synthetic-person-programmes.ts) ─────────────────────────────────────────
 * What the programmes of policy/lingyuan-2019 read. AGAIN ASSUMPTIONS FOR SYNTHETIC DATA, chosen so
 * that a 政策找人 scan of 1,000,000 persons finds a few hundred to a few tens of thousands per programme.
 * Every date lies strictly before `today`, after the 16th birthday and after leaving school; recent
 * dates are drawn exponentially back from `today` (mean given), so some fall inside each policy window.
 * - contractEndedOn: ≈ 88 % of the registered unemployed with insured months, ≈ 25 % of other
 *   non-employed people under 60 with insured months (mean 14 resp. 30 months ago, after the insured
 *   months could have been worked) — about half of the registered unemployed.
 * - unemploymentInsuranceEligible: set for every registered unemployed person; true (≈ 25 % of them)
 *   for 70 % of those with ≥ 12 insured months whose contract ended within the benefit period
 *   (12 / 18 / 24 months for < 5 / < 10 / ≥ 10 insured years).
 * - employmentDifficulty: 85 % of registered unemployed who are older (women 40+, men 50+), disabled,
 *   from a 低保 / registered-poor / zero-employment household or without a contract for ≥ 1 year; 6 % of the rest.
 * - hardshipTier: only registered unemployed with an ended contract and no insurance benefit: 60 % of
 *   those from hardship households or disabled (tiers 1/2/3 = 35/40/25 %), 25 % of the others (10/35/55 %).
 * - training (latest course, ended a mean 8 months ago, 10–40 catalogue days): 16 % of the registered
 *   unemployed, 10 % of registered-poor working-age people, 5 % of veterans, 2.5 % of the employed,
 *   1.5 % of others under 60 able to work; paid by themselves 80 % (poor 50 %, employed 40 %, else
 *   fee 0), passed 90 % (60 % with absences), unemployment benefit chosen by half of the eligible.
 *   Catalogue items and standards (600–1,800 yuan) are assumptions after Liaoning's 补贴目录.
 * - certificate (职业分类大典 codes): 65 % of passed courses with an occupation lead to a level-5
 *   certificate 1–7 weeks later; otherwise held by 6 % (towns) / 3.5 % (villages) of the employed
 *   18–59, 2 % of the registered unemployed; levels 5/4/3/2/1 = 45/33/16/5/1 %, obtained a mean
 *   2.5 years ago; skillLevel from 2020, either kind in 2019, vocationalQualification before.
 *   ≈ 5 % of the employed 18–59 hold one.
 * - business (个体工商户 or own company): 9 % (towns) / 5 % (villages) of the employed 20–64, 3 % of
 *   the registered unemployed (starting up), 20 % of college graduates from registered-poor households;
 *   registered in Lingyuan 93 %, rented venue 55 % (2,400–36,000 yuan a year), high-tech 6 % of graduates,
 *   other loan target group (returning migrant workers …) 20 %.
 * - talent: employed 22–50 with a doctorate 35 %, master 12 %, bachelor 2.5 %; arrived after leaving
 *   school, a mean 4 years ago; categories by degree (doctorate A/B/C, master B/C/D, bachelor C/D);
 *   first home in Lingyuan 60 %.
 * - publicWelfarePost: employed 18–59 from a 低保 / registered-poor / poor-disabled household, or
 *   disabled, 特困 or a martyr's child: college graduates 15 %, others 40+ 8 %; 1–36 months in the post.
 * - extremePoverty (特困): people living alone, not employed, not in a 低保 household, 60+ or disabled and
 *   unable to work: 8 % in villages, 3.5 % in towns (≈ 0.25 % of all persons). martyrChild: 0.02 % of 18–75.
 *
 * Fact policy (the writer stores one row per key): facts that are true for a minority are set only when
 * true (registeredUnemployed, disabled, veteran, employmentDifficulty, extremePoverty, martyrChild),
 * ableToWork only when false; `employed` is set (true/false) for everyone 16+;
 * unemploymentInsuranceEligible (true/false) for every registered unemployed person; education when some
 * level is completed; leftSchoolOn when schooling is finished; insuredMonths when > 0; the object facts
 * when the person has one. ≈ 3.2 fact rows per person (plus ≈ 0.1 per household).
 */
import { makeIdNumber } from '../../../shared/identity/index.js';
import { EducationSchema, type Education } from '../../../shared/facts/vocabulary.js';
import { DateTable, MAX_AGE } from './synthetic-calendar.js';
import { dottedName, generationChar, givenName, SURNAMES } from './synthetic-names.js';
import { mobilePhone, resolveCounty } from './synthetic-common.js';
import { MemberScratch, PersonProgrammeFacts } from './synthetic-person-programmes.js';
import { Places, type Place } from './synthetic-places.js';
import { hash32, Rng, WeightedTable } from './synthetic-random.js';
import type {
  Relation,
  SyntheticHousehold,
  SyntheticHouseholdFacts,
  SyntheticOptions,
  SyntheticPerson,
  SyntheticPersonFacts,
} from './synthetic-types.js';

export type {
  EnterpriseSize,
  Relation,
  SyntheticEnterprise,
  SyntheticEnterpriseFacts,
  SyntheticHousehold,
  SyntheticHouseholdFacts,
  SyntheticOptions,
  SyntheticPerson,
  SyntheticPersonFacts,
} from './synthetic-types.js';
export { generateEnterprises } from './synthetic-enterprises.js';
export { DEFAULT_COUNTY } from './synthetic-common.js';

const MAX_MEMBERS = 8;

// ─── ID numbers ─────────────────────────────────────────────────────────────────────────────────

/** Region codes that appear in ID numbers; index 0 must be the county itself. */
export const ID_REGIONS = [
  '211382', // 凌源市
  '211300', // 朝阳市 (prefecture-level code, older numbers)
  '211302', // 双塔区
  '211303', // 龙城区
  '211321', // 朝阳县
  '211322', // 建平县
  '211324', // 喀喇沁左翼蒙古族自治县
  '211381', // 北票市
  '211422', // 建昌县 (葫芦岛)
  '211402', // 葫芦岛 连山区
  '210703', // 锦州 凌河区
  '210106', // 沈阳 铁西区
  '130823', // 平泉县 (Hebei, code before 2017)
  '130827', // 宽城满族自治县 (Hebei)
  '130321', // 青龙满族自治县 (Hebei)
  '150429', // 宁城县 (Inner Mongolia)
  '150404', // 赤峰 松山区
] as const;

const region = (code: string): number => ID_REGIONS.indexOf(code as (typeof ID_REGIONS)[number]);

/** For people whose family has lived in Lingyuan. */
const REGION_LOCAL = new WeightedTable<number>([
  [0, 955],
  [region('211381'), 10],
  [region('211322'), 8],
  [region('211324'), 8],
  [region('211321'), 6],
  [region('211302'), 3],
  [region('211303'), 3],
  [region('211300'), 2],
  [region('130823'), 2],
  [region('150429'), 1],
  [region('211422'), 1],
  [region('210703'), 1],
]);
/** For spouses who married in. */
const REGION_MARRIED_IN = new WeightedTable<number>([
  [0, 800],
  [region('211381'), 25],
  [region('211322'), 25],
  [region('211324'), 25],
  [region('211321'), 20],
  [region('211302'), 10],
  [region('211303'), 10],
  [region('211300'), 5],
  [region('130823'), 20],
  [region('130827'), 12],
  [region('130321'), 8],
  [region('150429'), 15],
  [region('150404'), 5],
  [region('211422'), 10],
  [region('211402'), 4],
  [region('210703'), 4],
  [region('210106'), 2],
]);
/** For households whose hukou is outside Lingyuan. */
const REGION_OUTSIDE = new WeightedTable<number>([
  [region('211381'), 10],
  [region('211322'), 12],
  [region('211324'), 10],
  [region('211321'), 8],
  [region('211302'), 5],
  [region('211303'), 5],
  [region('130823'), 12],
  [region('130827'), 8],
  [region('130321'), 6],
  [region('150429'), 10],
  [region('150404'), 4],
  [region('211422'), 6],
  [region('211402'), 2],
  [region('210703'), 1],
  [region('210106'), 1],
]);

/**
 * Allocates unique ID numbers: per (region, birth date, sex) a counter of used sequence codes. The
 * 499 codes of a bucket (odd 003–999 for men, even 002–998 for women) are handed out in a scrambled
 * order. When a bucket is full, the neighbouring dates within the allowed window are tried
 * (d+1, d−1, d+2, …), then the next region; so no two persons ever get the same number.
 */
export class IdAllocator {
  static readonly SLOTS = 499;
  private readonly counts: Uint16Array;
  /** Day index used by the last {@link allocate} (may differ from the requested one). */
  lastDay = -1;
  /** Region index used by the last {@link allocate}. */
  lastRegion = -1;

  constructor(
    private readonly regions: readonly string[],
    private readonly dates: DateTable,
  ) {
    this.counts = new Uint16Array(regions.length * dates.count * 2);
  }

  /** Number of counters (for the memory budget: 2 bytes each). */
  get size(): number {
    return this.counts.length;
  }

  allocate(regionIndex: number, day: number, male: boolean, lo: number, hi: number): string {
    const regions = this.regions.length;
    const days = this.dates.count;
    const slots = IdAllocator.SLOTS;
    for (let k = 0; k < regions; k++) {
      const r = (regionIndex + k) % regions;
      const span = hi - lo;
      for (let step = 0; step <= 2 * span; step++) {
        const d = day + (step & 1 ? (step + 1) >> 1 : -(step >> 1));
        if (d < lo || d > hi) continue;
        const idx = ((r * days + d) << 1) | (male ? 1 : 0);
        const used = this.counts[idx] as number;
        if (used >= slots) continue;
        this.counts[idx] = used + 1;
        this.lastDay = d;
        this.lastRegion = r;
        const perm = 1 + ((used * 211 + (hash32(idx) % slots)) % slots);
        return makeIdNumber(
          this.regions[r] as string,
          this.dates.dates[d] as string,
          perm * 2 + (male ? 1 : 0),
          male ? 'male' : 'female',
        );
      }
    }
    throw new RangeError('identity number space exhausted for this birth window');
  }
}

// ─── Tables ─────────────────────────────────────────────────────────────────────────────────────

/** Per-year age weights from piecewise-linear (age, weight) points. */
function ageTable(points: readonly (readonly [number, number])[]): WeightedTable<number> {
  const entries: [number, number][] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a0, w0] = points[i] as readonly [number, number];
    const [a1, w1] = points[i + 1] as readonly [number, number];
    for (let a = a0; a < a1; a++) entries.push([a, w0 + ((w1 - w0) * (a - a0)) / (a1 - a0)]);
  }
  const [last, lw] = points[points.length - 1] as readonly [number, number];
  entries.push([last, lw]);
  return new WeightedTable(entries.filter(([a, w]) => a >= 0 && a <= MAX_AGE && w > 0));
}

type HouseholdType =
  'single' | 'couple' | 'nuclear' | 'singleParent' | 'threeGenDown' | 'threeGenUp' | 'skipped' | 'other';

const TYPES_URBAN = new WeightedTable<HouseholdType>([
  ['single', 20],
  ['couple', 24],
  ['nuclear', 36],
  ['singleParent', 5],
  ['threeGenDown', 5],
  ['threeGenUp', 5.5],
  ['skipped', 1.5],
  ['other', 3.5],
]);
const TYPES_RURAL = new WeightedTable<HouseholdType>([
  ['single', 16.5],
  ['couple', 28],
  ['nuclear', 28],
  ['singleParent', 3.5],
  ['threeGenDown', 8.5],
  ['threeGenUp', 6.5],
  ['skipped', 5],
  ['other', 4],
]);

const AGE_SINGLE = ageTable([
  [18, 0],
  [22, 1.1],
  [40, 0.9],
  [45, 0.7],
  [64, 1.0],
  [65, 1.8],
  [82, 1.8],
  [96, 0.1],
  [100, 0],
]);
const AGE_COUPLE = ageTable([
  [21, 0],
  [24, 0.35],
  [32, 0.35],
  [38, 0.15],
  [46, 0.5],
  [54, 1.5],
  [66, 2.2],
  [76, 1.8],
  [86, 0.5],
  [95, 0],
]);
const AGE_NUCLEAR = ageTable([
  [23, 0],
  [27, 0.6],
  [34, 1.1],
  [46, 1.4],
  [54, 1.4],
  [58, 0.7],
  [63, 0],
]);
const AGE_SINGLE_PARENT = ageTable([
  [24, 0],
  [32, 1],
  [50, 1],
  [60, 0],
]);
const AGE_THREE_GEN_DOWN = ageTable([
  [47, 0],
  [54, 1],
  [70, 1],
  [82, 0],
]);
const AGE_THREE_GEN_UP = ageTable([
  [27, 0],
  [34, 1],
  [56, 1],
  [64, 0],
]);
const AGE_SKIPPED = ageTable([
  [50, 0],
  [57, 1],
  [72, 1],
  [80, 0],
]);
const AGE_OTHER = ageTable([
  [22, 0],
  [35, 1],
  [78, 1],
  [90, 0],
]);

/** Education levels (index 0 = none / not recorded). */
const LEVELS: readonly (Education | null)[] = [null, ...EducationSchema.options];
/** Standard age at finishing each level. */
const STD_END = [0, 12, 15, 18, 18, 21, 22, 25, 28] as const;
/** Levels passed on the way to each final level. */
const PATHS: readonly (readonly number[])[] = [
  [],
  [1],
  [1, 2],
  [1, 2, 3],
  [1, 2, 4],
  [1, 2, 3, 5],
  [1, 2, 3, 6],
  [1, 2, 3, 6, 7],
  [1, 2, 3, 6, 7, 8],
];

/**
 * Final education by birth cohort (<1940, 1940s, …, 1990s, 2000+) in per-mille-ish weights for
 * [none, primary, junior, senior, vocational, college, bachelor, master, doctorate]; rural / urban.
 */
const EDUCATION: Readonly<Record<'rural' | 'urban', readonly (readonly number[])[]>> = {
  rural: [
    [35, 45, 14, 4, 0.5, 0.8, 0.5, 0, 0],
    [15, 50, 25, 7, 1, 1, 0.8, 0, 0],
    [6, 42, 38, 10, 1.5, 1.5, 1, 0, 0],
    [2.5, 30, 50, 11, 2.5, 2.5, 1.5, 0.05, 0],
    [1, 18, 58, 10, 5, 4.5, 3.3, 0.2, 0],
    [0.5, 8, 52, 11, 9, 10, 8.5, 0.8, 0.05],
    [0.3, 4, 36, 12, 14, 18, 14.5, 1.1, 0.1],
    [0.2, 2, 22, 13, 19, 24, 18.5, 1.2, 0.1],
  ],
  urban: [
    [18, 40, 22, 12, 2, 3, 3, 0, 0],
    [6, 30, 35, 18, 4, 4, 3, 0, 0],
    [2, 18, 42, 24, 5, 5, 4, 0.1, 0],
    [1, 10, 40, 26, 7, 8, 7.5, 0.4, 0.05],
    [0.5, 5, 34, 20, 10, 15, 14, 1.3, 0.1],
    [0.3, 2, 22, 15, 12, 22, 23, 3, 0.3],
    [0.2, 1, 14, 12, 14, 26, 29, 3.5, 0.3],
    [0.1, 0.5, 10, 12, 16, 28, 30, 3.2, 0.3],
  ],
};
const EDU_TABLES: Readonly<Record<'rural' | 'urban', readonly WeightedTable<number>[]>> = {
  rural: EDUCATION.rural.map((w) => new WeightedTable(w.map((x, i) => [i, x] as const))),
  urban: EDUCATION.urban.map((w) => new WeightedTable(w.map((x, i) => [i, x] as const))),
};

function cohortOf(birthYear: number): number {
  if (birthYear < 1940) return 0;
  if (birthYear >= 2000) return 7;
  return Math.floor((birthYear - 1930) / 10);
}

// ─── Household members ─────────────────────────────────────────────────────────────────────────

interface Spec {
  relation: Relation;
  age: number;
  male: boolean;
  surname: string;
  /** Generation character shared by siblings ('' = none). */
  genChar: string;
  /** Married into the family (spouse, child-in-law): more often an ID from elsewhere. */
  marriedIn: boolean;
}

const clampAge = (a: number): number => (a < 0 ? 0 : a > MAX_AGE ? MAX_AGE : a);

class HouseholdGenerator {
  readonly rng: Rng;
  readonly dates: DateTable;
  readonly places: Places;
  readonly ids: IdAllocator;
  private readonly todayYear: number;
  private readonly monthsSince1993: number;
  private readonly leftSchoolCache = new Map<number, string>();
  private readonly programmes: PersonProgrammeFacts;
  private readonly scratch = new MemberScratch();

  constructor(opts: SyntheticOptions) {
    const county = resolveCounty(opts);
    this.rng = new Rng(opts.seed, 1);
    this.dates = new DateTable(opts.today);
    this.places = new Places(opts.today, county);
    this.ids = new IdAllocator(ID_REGIONS, this.dates);
    this.todayYear = this.dates.todayYear;
    this.monthsSince1993 = (this.todayYear - 1993) * 12 + this.dates.todayMonth - 1;
    this.programmes = new PersonProgrammeFacts(this.rng, this.dates);
  }

  // ── structure ──

  private spouseAgeOf(age: number, husband: boolean): number {
    const gap = Math.round(2 + 2.5 * this.rng.normal());
    return clampAge(husband ? Math.max(20, age - gap) : Math.max(22, age + gap));
  }

  private childCount(motherBirthYear: number, urban: boolean): number {
    const u = this.rng.float();
    let p1: number;
    let p2: number;
    if (motherBirthYear < 1955) [p1, p2] = [0.15, 0.4];
    else if (motherBirthYear < 1965) [p1, p2] = [0.3, 0.5];
    else if (motherBirthYear < 1975) [p1, p2] = urban ? [0.8, 0.18] : [0.45, 0.48];
    else if (motherBirthYear < 1990) [p1, p2] = urban ? [0.82, 0.17] : [0.58, 0.39];
    else [p1, p2] = urban ? [0.75, 0.23] : [0.62, 0.35];
    return u < p1 ? 1 : u < p1 + p2 ? 2 : 3;
  }

  /** Ages of the children of a mother aged `motherAge` (only those already born), eldest first. */
  private childAges(motherAge: number, urban: boolean): number[] {
    const rng = this.rng;
    const n = this.childCount(this.todayYear - motherAge, urban);
    const older = this.todayYear - motherAge < 1960;
    const mean = older ? 23 : urban ? 26 : 24;
    let at = Math.round(mean + 3 * rng.normal());
    at = at < 19 ? 19 : at > 40 ? 40 : at;
    const ages: number[] = [];
    for (let i = 0; i < n && at <= 45; i++) {
      const age = motherAge - at;
      if (age < 0) break;
      ages.push(age);
      at += 2 + rng.int(6);
    }
    return ages;
  }

  private child(father: Spec | null, mother: Spec | null, age: number, genChar: string): Spec {
    const rng = this.rng;
    let surname: string;
    if (father && !(mother && rng.float() < 0.06)) surname = father.surname;
    else if (mother && rng.float() < 0.2) surname = mother.surname;
    else surname = father ? father.surname : SURNAMES.pick(rng);
    // Adult children still at home are more often sons (daughters marry out).
    return {
      relation: 'child',
      age,
      male: rng.float() < (age >= 18 ? 0.58 : 0.5025),
      surname,
      genChar,
      marriedIn: false,
    };
  }

  /** Children living at home; adult children have often moved out (the youngest is always kept). */
  private coResidentChildren(ages: number[], keepAdults: number): number[] {
    const kept: number[] = [];
    for (let i = 0; i < ages.length; i++) {
      const a = ages[i] as number;
      const p = a <= 22 ? 1 : a <= 27 ? 0.9 * keepAdults : a <= 32 ? 0.55 * keepAdults : 0.15 * keepAdults;
      if (this.rng.float() < p || (i === ages.length - 1 && kept.length === 0)) kept.push(a);
    }
    return kept;
  }

  private siblingsChar(ages: readonly number[], male: boolean): string {
    if (ages.length < 2 || this.rng.float() >= 0.25) return '';
    return generationChar(this.rng, male, this.todayYear - (ages[0] as number));
  }

  private adult(relation: Relation, age: number, male: boolean, marriedIn = false, surname = ''): Spec {
    return {
      relation,
      age: clampAge(age),
      male,
      surname: surname || SURNAMES.pick(this.rng),
      genChar: '',
      marriedIn,
    };
  }

  private addChildren(out: Spec[], father: Spec | null, mother: Spec | null, ages: readonly number[]): void {
    const g = this.siblingsChar(ages, this.rng.float() < 0.5);
    for (const a of ages) out.push(this.child(father, mother, a, g));
  }

  buildMembers(urban: boolean): Spec[] {
    const rng = this.rng;
    const type = (urban ? TYPES_URBAN : TYPES_RURAL).pick(rng);
    const m: Spec[] = [];
    switch (type) {
      case 'single': {
        const age = AGE_SINGLE.pick(rng);
        const pMale = age < 45 ? 0.68 : age < 65 ? 0.55 : 0.25;
        m.push(this.adult('head', age, rng.float() < pMale));
        break;
      }
      case 'couple': {
        const headMale = rng.float() < 0.88;
        const age = AGE_COUPLE.pick(rng);
        if (age >= 72 && rng.float() < (age - 70) * 0.02) {
          // Widowhood: the surviving partner is usually the wife.
          m.push(this.adult('head', age - 2, rng.float() < 0.2));
          break;
        }
        const head = this.adult('head', age, headMale);
        m.push(head, this.adult('spouse', this.spouseAgeOf(age, headMale), !headMale, true));
        break;
      }
      case 'nuclear':
      case 'threeGenUp': {
        const table = type === 'nuclear' ? AGE_NUCLEAR : AGE_THREE_GEN_UP;
        const headMale = rng.float() < 0.85;
        const age = table.pick(rng);
        const head = this.adult('head', age, headMale);
        const withSpouse = type === 'nuclear' || rng.float() < 0.88;
        const spouse = withSpouse
          ? this.adult('spouse', this.spouseAgeOf(age, headMale), !headMale, true)
          : null;
        m.push(head);
        if (spouse) m.push(spouse);
        const father = headMale ? head : spouse;
        const mother = headMale ? spouse : head;
        const motherAge = mother ? mother.age : age - 2;
        const kids = this.coResidentChildren(this.childAges(motherAge, urban), type === 'nuclear' ? 1 : 0.5);
        if (type === 'threeGenUp' && rng.float() < 0.2) kids.length = 0;
        this.addChildren(m, father, mother, kids);
        if (type === 'threeGenUp') {
          const gap = 22 + rng.int(12);
          const pAge = age + gap;
          if (pAge <= MAX_AGE) {
            // The head's own parents; a lone surviving parent is usually the mother.
            if (rng.float() < 0.35 && pAge + 2 <= MAX_AGE) {
              m.push(this.adult('parent', pAge + 1, true, false, head.surname));
              m.push(this.adult('parent', Math.max(age + 18, this.spouseAgeOf(pAge + 1, true)), false, true));
            } else if (rng.float() < 0.3) {
              m.push(this.adult('parent', pAge, true, false, head.surname));
            } else {
              m.push(this.adult('parent', pAge, false, true));
            }
          }
        }
        break;
      }
      case 'singleParent': {
        const headMale = rng.float() < 0.3;
        const age = AGE_SINGLE_PARENT.pick(rng);
        const head = this.adult('head', age, headMale);
        m.push(head);
        const kids = this.coResidentChildren(this.childAges(headMale ? age - 2 : age, urban), 1);
        this.addChildren(m, headMale ? head : null, headMale ? null : head, kids);
        break;
      }
      case 'threeGenDown': {
        const couple = rng.float() < 0.7;
        const headMale = couple ? rng.float() < 0.9 : rng.float() < 0.25;
        const age = AGE_THREE_GEN_DOWN.pick(rng);
        const head = this.adult('head', age, headMale);
        m.push(head);
        let grandmother: Spec | null = headMale ? null : head;
        let grandfather: Spec | null = headMale ? head : null;
        if (couple) {
          const sp = this.adult('spouse', this.spouseAgeOf(age, headMale), !headMale, true);
          m.push(sp);
          if (headMale) grandmother = sp;
          else grandfather = sp;
        }
        const gmAge = grandmother ? grandmother.age : age - 2;
        let at = Math.round(24 + 3 * rng.normal());
        at = at < 19 ? 19 : at > 38 ? 38 : at;
        const childAge = Math.max(22, gmAge - at);
        const son = rng.float() < 0.85; // patrilocal mostly; sometimes a daughter and son-in-law
        const c = this.child(grandfather, grandmother, childAge, '');
        c.male = son;
        m.push(c);
        const cs = this.adult('other', this.spouseAgeOf(childAge, son), !son, true);
        m.push(cs);
        const youngFather = son ? c : cs;
        const youngMother = son ? cs : c;
        const u = rng.float();
        const n = u < 0.2 ? 0 : u < 0.75 ? 1 : u < 0.97 ? 2 : 3;
        let gat = Math.round((urban ? 27 : 25) + 3 * rng.normal());
        gat = gat < 20 ? 20 : gat;
        const gAges: number[] = [];
        for (let i = 0; i < n; i++) {
          const a = youngMother.age - gat;
          if (a < 0) break;
          gAges.push(a);
          gat += 2 + rng.int(5);
        }
        const g = this.siblingsChar(gAges, rng.float() < 0.5);
        for (const a of gAges) {
          const s = this.child(youngFather, youngMother, a, g);
          s.relation = 'grandchild';
          m.push(s);
        }
        break;
      }
      case 'skipped': {
        const couple = rng.float() < 0.7;
        const headMale = couple ? rng.float() < 0.9 : rng.float() < 0.3;
        const age = AGE_SKIPPED.pick(rng);
        const head = this.adult('head', age, headMale);
        m.push(head);
        if (couple) m.push(this.adult('spouse', this.spouseAgeOf(age, headMale), !headMale, true));
        const n = rng.float() < 0.7 ? 1 : 2;
        const paternal = rng.float() < 0.75;
        const surname = paternal
          ? headMale
            ? head.surname
            : (m[1]?.surname ?? SURNAMES.pick(rng))
          : SURNAMES.pick(rng);
        const first = 1 + rng.int(16);
        const ages = n === 1 ? [first] : [first, Math.max(0, first - 2 - rng.int(5))];
        const g = this.siblingsChar(ages, rng.float() < 0.5);
        for (const a of ages) {
          m.push({
            relation: 'grandchild',
            age: a,
            male: rng.float() < 0.5025,
            surname,
            genChar: g,
            marriedIn: false,
          });
        }
        break;
      }
      case 'other': {
        const headMale = rng.float() < 0.55;
        const age = AGE_OTHER.pick(rng);
        const head = this.adult('head', age, headMale);
        m.push(head);
        const n = rng.float() < 0.85 ? 1 : 2;
        for (let i = 0; i < n; i++) {
          const sibMale = rng.float() < 0.5;
          const sameName = rng.float() < 0.75;
          m.push(
            this.adult(
              'other',
              clampAge(age + Math.round(6 * rng.normal())),
              sibMale,
              false,
              sameName ? head.surname : '',
            ),
          );
        }
        break;
      }
    }
    if (m.length > MAX_MEMBERS) m.length = MAX_MEMBERS;
    return m;
  }

  // ── people and facts ──

  private leftSchoolOn(year: number): string {
    let s = this.leftSchoolCache.get(year);
    if (s === undefined) {
      s = `${year}-07-01`;
      this.leftSchoolCache.set(year, s);
    }
    return s;
  }

  /**
   * Builds a household from member specs; `specs` may have been cut to fit the requested total.
   */
  buildHousehold(place: Place, specs: readonly Spec[]): SyntheticHousehold {
    const rng = this.rng;
    const dates = this.dates;
    const today = dates.today;
    const urban = place.urban;
    const eduTables = EDU_TABLES[urban ? 'urban' : 'rural'];

    // Hukou of the household.
    const outside = rng.float() < (urban ? 0.04 : 0.012);
    const altHukou =
      !outside && rng.float() < (urban ? 0.15 : 0.03) ? this.places.rural.pick(rng).code : null;
    const householdHukou = outside ? null : (altHukou ?? place.code);
    const outsideRegion = outside ? REGION_OUTSIDE.pick(rng) : 0;

    const members: SyntheticPerson[] = new Array<SyntheticPerson>(specs.length);
    const scratch = this.scratch;
    let workingAge = 0;
    let workingEmployed = 0;
    let registered = 0;
    let anyDisabled = false;
    let allElderly = true;

    for (let i = 0; i < specs.length; i++) {
      const s = specs[i] as Spec;
      const age = s.age;
      const male = s.male;
      // Birth date within the age window; the ID allocator may move it to a neighbouring day.
      const lo = dates.ageFirst[age] as number;
      const hi = dates.ageLast[age] as number;
      const wantDay = lo + rng.int(hi - lo + 1);
      let regionIndex: number;
      if (outside) regionIndex = s.marriedIn && rng.float() < 0.5 ? REGION_OUTSIDE.pick(rng) : outsideRegion;
      else regionIndex = (s.marriedIn ? REGION_MARRIED_IN : REGION_LOCAL).pick(rng);
      const idNumber = this.ids.allocate(regionIndex, wantDay, male, lo, hi);
      const day = this.ids.lastDay;
      const birthYear = dates.years[day] as number;
      const birthMonth = dates.months[day] as number;

      // Name.
      const dotted = rng.float() < (place.ethnic ? 0.015 : 0.0015);
      const name = dotted ? dottedName(rng) : s.surname + givenName(rng, male, birthYear, s.genChar);

      const phone =
        age < 16
          ? null
          : rng.float() < (age < 60 ? 0.96 : age < 70 ? 0.88 : age < 80 ? 0.65 : 0.35)
            ? mobilePhone(rng)
            : null;

      let hukouDivision = householdHukou;
      if (hukouDivision !== null && s.marriedIn && rng.float() < 0.04) hukouDivision = null;

      // Education.
      const facts: SyntheticPersonFacts = {};
      const finalLevel = (eduTables[cohortOf(birthYear)] as WeightedTable<number>).pick(rng);
      let shift = birthMonth >= 9 ? 1 : 0;
      if (birthYear < 1970) shift += rng.int(3);
      else if (finalLevel >= 3 && rng.float() < 0.1) shift += 1;
      let inSchool = false;
      let leftAge = 16;
      scratch.left[i] = -1;
      if (finalLevel > 0) {
        const endYear = birthYear + (STD_END[finalLevel] as number) + shift;
        const left = this.leftSchoolOn(endYear);
        if (left <= today) {
          facts.education = LEVELS[finalLevel] as Education;
          facts.leftSchoolOn = left;
          leftAge = endYear - birthYear;
          scratch.left[i] = this.programmes.dayIndex(endYear, 7, 1);
        } else {
          inSchool = age >= 6;
          const path = PATHS[finalLevel] as readonly number[];
          for (let k = path.length - 2; k >= 0; k--) {
            const l = path[k] as number;
            if (this.leftSchoolOn(birthYear + (STD_END[l] as number) + shift) <= today) {
              facts.education = LEVELS[l] as Education;
              break;
            }
          }
        }
      }

      // Disability and ability to work.
      const pDisabled =
        age < 15
          ? 0.012
          : age < 30
            ? 0.02
            : age < 45
              ? 0.032
              : age < 60
                ? 0.058
                : age < 70
                  ? 0.095
                  : age < 80
                    ? 0.15
                    : 0.24;
      const disabled = rng.float() < pDisabled;
      let able = true;
      if (disabled) {
        facts.disabled = true;
        anyDisabled = true;
        const severe = rng.float() < (age < 15 ? 0.5 : 0.35);
        able = !(rng.float() < (severe ? 0.85 : 0.15));
      }
      if (age >= 80) able = false;
      else if (age >= 70 && rng.float() < (age >= 75 ? 0.6 : 0.3)) able = false;
      else if (age >= 65 && rng.float() < 0.1) able = false;
      if (!able && age >= 16) facts.ableToWork = false;
      if (age < 60) allElderly = false;

      // Work.
      const legalWorkingAge = age >= 16 && age < (male ? 60 : 55);
      let employed = false;
      if (age >= 16) {
        let p = 0;
        if (!inSchool) {
          if (age < 20) p = 0.45;
          else if (age < 25) p = 0.62;
          else if (age < 50) p = male ? 0.84 : 0.7;
          else if (age < 55) p = male ? 0.78 : 0.48;
          else if (age < 60) p = male ? 0.62 : 0.32;
          else if (age < 65) p = male ? 0.3 : 0.18;
          else if (age < 70) p = male ? 0.14 : 0.08;
          else if (age < 75) p = 0.04;
          else p = 0.01;
          if (age >= 60 && !urban) p *= 1.5;
          if (age < 60 && finalLevel >= 5) p += 0.04;
          if (!able) p = 0.02;
        }
        employed = rng.float() < p;
        facts.employed = employed;
      }
      let registeredUnemployed = false;
      if (legalWorkingAge && !employed && !inSchool && able) {
        workingAge++;
        registeredUnemployed = rng.float() < (urban ? 0.23 : 0.125);
        if (registeredUnemployed) {
          facts.registeredUnemployed = true;
          registered++;
        }
      } else if (legalWorkingAge && employed) {
        workingAge++;
        // 零就业家庭 looks at the members able to work: someone unable to work who still has a job
        // (sheltered work) does not make the family one with employment.
        if (able) workingEmployed++;
      }

      // Veterans.
      if (age >= 25 && rng.float() < (male ? (age >= 45 ? 0.019 : 0.011) : 0.0008)) facts.veteran = true;

      // Contribution history.
      if (age >= 16 && !inSchool) {
        let pInsured: number;
        let lo2: number;
        if (employed) {
          pInsured = (urban ? 0.78 : 0.32) + (finalLevel >= 5 ? 0.15 : 0);
          lo2 = 0.25;
        } else if (registeredUnemployed) {
          pInsured = 0.55;
          lo2 = 0.1;
        } else if (age < 60) {
          pInsured = 0.12;
          lo2 = 0.1;
        } else {
          pInsured = urban ? 0.45 : 0.1;
          lo2 = 0.4;
        }
        if (rng.float() < pInsured) {
          const start = leftAge < 16 ? 16 : leftAge;
          let span = (age - start) * 12 + rng.int(12);
          if (span > this.monthsSince1993) span = this.monthsSince1993;
          if (age >= 60 && span > (60 - start) * 12) span = (60 - start) * 12;
          const months = Math.round(span * (lo2 + (1 - lo2) * rng.float()));
          if (months > 0) facts.insuredMonths = months;
        }
      }

      scratch.age[i] = age;
      scratch.birth[i] = day;
      scratch.inSchool[i] = inSchool ? 1 : 0;
      scratch.able[i] = able ? 1 : 0;
      members[i] = {
        name,
        idNumber,
        birthDate: dates.dates[day] as string,
        sex: male ? 'male' : 'female',
        phone,
        residenceDivision: place.code,
        hukouDivision,
        relation: s.relation,
        facts,
      };
    }

    // Household facts.
    const hf: SyntheticHouseholdFacts = {};
    const zeroEmployment = workingAge > 0 && workingEmployed === 0 && registered > 0;
    if (zeroEmployment) hf.zeroEmploymentFamily = true;
    let pLow = urban ? 0.016 : 0.027;
    if (anyDisabled) pLow *= 3;
    if (allElderly) pLow *= 1.7;
    if (zeroEmployment) pLow *= 5;
    else if (workingAge > 0 && workingEmployed === 0) pLow *= 1.8;
    const lowIncome = rng.float() < (pLow > 0.8 ? 0.8 : pLow);
    if (lowIncome) hf.lowIncomeFamily = true;
    let registeredPoor = false;
    if (!urban) {
      let pPoor = 0.021;
      if (anyDisabled) pPoor *= 2.2;
      if (allElderly) pPoor *= 1.4;
      if (lowIncome) pPoor *= 3;
      registeredPoor = rng.float() < pPoor;
      if (registeredPoor) hf.registeredPoor = true;
    }
    const poorDisabled = anyDisabled && (lowIncome || registeredPoor);
    if (poorDisabled) hf.poorDisabledFamily = true;

    // Programme facts (contract end, UI eligibility, employment difficulty, hardship, training, …).
    this.programmes.apply(members, scratch, {
      urban,
      lowIncome,
      registeredPoor,
      zeroEmployment,
      poorDisabled,
    });

    return { residenceDivision: place.code, facts: hf, members };
  }
}

/** Households until `persons` people have been produced (the last household is cut to fit exactly). */
export function* generateHouseholds(persons: number, opts: SyntheticOptions): Generator<SyntheticHousehold> {
  if (!Number.isInteger(persons) || persons < 0)
    throw new RangeError('persons must be a non-negative integer');
  const gen = new HouseholdGenerator(opts);
  let produced = 0;
  while (produced < persons) {
    const place = gen.places.residence.pick(gen.rng);
    const specs = gen.buildMembers(place.urban);
    const remaining = persons - produced;
    if (specs.length > remaining) specs.length = remaining;
    produced += specs.length;
    yield gen.buildHousehold(place, specs);
  }
}
