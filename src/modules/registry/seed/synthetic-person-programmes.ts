/**
 * The programme-related person facts of the synthetic population (see the realism targets at the top of
 * ./synthetic-population.ts, section "Programme facts"): labour-contract end and unemployment-insurance
 * eligibility, employment difficulty, temporary hardship, vocational training, certificates, own
 * businesses, talents, public-welfare posts, 特困 and martyrs' children. Applied to a household once its
 * members and household facts are known. ALL SHARES HERE ARE ASSUMPTIONS FOR SYNTHETIC DATA.
 *
 * Dates are day indices of the generator's {@link DateTable} (index `count - 1` is `today`), so the hot
 * path never parses a date; every date fact lies strictly before `today`.
 */
import type { DateTable } from './synthetic-calendar.js';
import { daysFromCivil } from './synthetic-calendar.js';
import { WeightedTable, type Rng } from './synthetic-random.js';
import type { SyntheticPerson, SyntheticPersonFacts } from './synthetic-types.js';

// ─── Tables ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Occupations of the 职业分类大典 (2015) with skill-level assessment, as certificates name them.
 * Codes as published in assessment catalogues (e.g. 中式烹调师 4-03-02-01, 电工 6-31-01-03).
 */
const OCC = {
  chineseCook: '4-03-02-01', // 中式烹调师
  pastryCook: '4-03-02-02', // 中式面点师
  netSecurity: '4-04-04-02', // 网络与信息安全管理员
  carMechanic: '4-12-01-01', // 汽车维修工
  elderlyCarer: '4-10-01-05', // 养老护理员
  infantCarer: '4-10-01-02', // 育婴员
  housekeeper: '4-10-01-06', // 家政服务员
  salesman: '4-01-02-01', // 营销员
  turner: '6-18-01-01', // 车工
  miller: '6-18-01-02', // 铣工
  welder: '6-18-02-04', // 焊工
  fitter: '6-20-01-01', // 钳工
  craneOperator: '6-30-05-01', // 起重装卸机械操作工
  excavatorDriver: '6-30-05-05', // 挖掘铲运和桩工机械司机
  electrician: '6-31-01-03', // 电工
} as const;

/** Certificates not tied to a recorded training course: by how common the assessments are (assumption). */
const CERT_OCCUPATIONS = new WeightedTable<string>([
  [OCC.electrician, 10],
  [OCC.welder, 7],
  [OCC.chineseCook, 8],
  [OCC.pastryCook, 4],
  [OCC.carMechanic, 5],
  [OCC.turner, 3],
  [OCC.miller, 2],
  [OCC.fitter, 4],
  [OCC.craneOperator, 3],
  [OCC.excavatorDriver, 3],
  [OCC.elderlyCarer, 4],
  [OCC.infantCarer, 3],
  [OCC.housekeeper, 2],
  [OCC.salesman, 3],
  [OCC.netSecurity, 1],
]);

/** Certificate level (5 = 初级 … 1 = 高级技师). */
const CERT_LEVELS = new WeightedTable<number>([
  [5, 45],
  [4, 33],
  [3, 16],
  [2, 5],
  [1, 1],
]);

interface CatalogueItem {
  /** As listed in the 职业培训政府补贴目录 (≤ 50 characters). */
  name: string;
  /** The occupation whose certificate a pass may lead to; null for courses without one. */
  occupation: string | null;
  /** The catalogue's subsidy standard, yuan. */
  standard: number;
  /** Course days. */
  days: number;
}

/** [item, weight in towns, weight in villages]; standards and lengths are assumptions in the range Liaoning publishes. */
const CATALOGUE: readonly (readonly [CatalogueItem, number, number])[] = [
  [{ name: '中式烹调师（五级/初级工）', occupation: OCC.chineseCook, standard: 1200, days: 30 }, 10, 6],
  [{ name: '中式面点师（五级/初级工）', occupation: OCC.pastryCook, standard: 1100, days: 25 }, 6, 4],
  [{ name: '电工（五级/初级工）', occupation: OCC.electrician, standard: 1400, days: 30 }, 8, 5],
  [{ name: '焊工（五级/初级工）', occupation: OCC.welder, standard: 1600, days: 40 }, 6, 5],
  [{ name: '汽车维修工（五级/初级工）', occupation: OCC.carMechanic, standard: 1500, days: 35 }, 4, 2],
  [
    {
      name: '挖掘铲运和桩工机械司机（五级/初级工）',
      occupation: OCC.excavatorDriver,
      standard: 1800,
      days: 40,
    },
    3,
    4,
  ],
  [{ name: '养老护理员（五级/初级工）', occupation: OCC.elderlyCarer, standard: 900, days: 20 }, 7, 4],
  [{ name: '育婴员（五级/初级工）', occupation: OCC.infantCarer, standard: 900, days: 20 }, 6, 3],
  [{ name: '家政服务员（五级/初级工）', occupation: OCC.housekeeper, standard: 800, days: 15 }, 6, 3],
  [{ name: '创业培训（SYB）', occupation: null, standard: 1200, days: 10 }, 8, 4],
  [{ name: '电子商务（网店运营）', occupation: null, standard: 1000, days: 20 }, 5, 3],
  [{ name: '食用菌栽培技术', occupation: null, standard: 600, days: 10 }, 1, 10],
  [{ name: '设施蔬菜种植技术', occupation: null, standard: 600, days: 10 }, 1, 8],
  [{ name: '肉牛养殖技术', occupation: null, standard: 600, days: 10 }, 0.5, 6],
];
const CATALOGUE_URBAN = new WeightedTable(CATALOGUE.map(([item, w]) => [item, w] as const));
const CATALOGUE_RURAL = new WeightedTable(CATALOGUE.map(([item, , w]) => [item, w] as const));

/** What the household generator knows of a member beyond its facts (reused between households). */
export class MemberScratch {
  readonly age = new Int32Array(8);
  /** Day index of the birth date. */
  readonly birth = new Int32Array(8);
  /** Day index of leftSchoolOn, -1 when none (never at school, or still at school). */
  readonly left = new Int32Array(8);
  readonly inSchool = new Uint8Array(8);
  readonly able = new Uint8Array(8);
}

export interface HouseholdFlags {
  urban: boolean;
  lowIncome: boolean;
  registeredPoor: boolean;
  zeroEmployment: boolean;
  poorDisabled: boolean;
}

const COLLEGE = new Set(['college', 'bachelor', 'master', 'doctorate']);

export class PersonProgrammeFacts {
  private readonly todayIdx: number;
  /** daysFromCivil of day index 0. */
  private readonly day0: number;
  private readonly since2020: number;
  private readonly since2019: number;

  constructor(
    private readonly rng: Rng,
    private readonly dates: DateTable,
  ) {
    this.todayIdx = dates.count - 1;
    this.day0 = daysFromCivil(dates.todayYear, dates.todayMonth, dates.todayDay) - this.todayIdx;
    this.since2020 = daysFromCivil(2020, 1, 1) - this.day0;
    this.since2019 = daysFromCivil(2019, 1, 1) - this.day0;
  }

  /** Day index of a calendar date (may be outside the table). */
  dayIndex(year: number, month: number, day: number): number {
    return daysFromCivil(year, month, day) - this.day0;
  }

  /**
   * A day in [earliest, today - 1], exponentially more likely near today (mean `mean` days back);
   * draws that fall before `earliest` are spread uniformly over the allowed range. -1 when the range is empty.
   */
  private recentDay(mean: number, earliest: number): number {
    const last = this.todayIdx - 1;
    const lo = earliest < 0 ? 0 : earliest;
    if (lo > last) return -1;
    const k = Math.floor(-Math.log(1 - this.rng.float()) * mean);
    const d = last - k;
    return d >= lo ? d : lo + this.rng.int(last - lo + 1);
  }

  /** The first day a person counts as an adult worker: the later of leaving school and the 16th birthday. */
  private startOfWork(s: MemberScratch, i: number, minAge: number): number {
    const adult = (s.birth[i] as number) + 366 * minAge;
    const left = s.left[i] as number;
    return left > adult ? left : adult;
  }

  apply(members: readonly SyntheticPerson[], s: MemberScratch, h: HouseholdFlags): void {
    const rng = this.rng;
    const dates = this.dates.dates;
    const today = this.todayIdx;
    const hardHousehold = h.lowIncome || h.registeredPoor || h.zeroEmployment;
    const alone = members.length === 1;
    for (let i = 0; i < members.length; i++) {
      const p = members[i] as SyntheticPerson;
      const f: SyntheticPersonFacts = p.facts;
      const age = s.age[i] as number;
      if (age < 16) continue;
      const male = p.sex === 'male';
      const inSchool = s.inSchool[i] === 1;
      const able = s.able[i] === 1;
      const employed = f.employed === true;
      const registered = f.registeredUnemployed === true;
      const insured = f.insuredMonths ?? 0;
      const workingAge = !inSchool && age < 60;
      const college = f.education !== undefined && COLLEGE.has(f.education);

      // Labour contract ended (and unemployment-insurance eligibility) for the non-employed with an
      // employee-insurance history.
      let ended = -1;
      if (!employed && workingAge && insured > 0 && rng.float() < (registered ? 0.88 : 0.25)) {
        const earliest = this.startOfWork(s, i, 16) + Math.floor(insured * 30.4);
        ended = this.recentDay(registered ? 420 : 900, earliest);
        if (ended >= 0) f.contractEndedOn = dates[ended] as string;
      }
      let uiEligible = false;
      if (registered) {
        if (ended >= 0 && insured >= 12) {
          const benefitDays = insured < 60 ? 365 : insured < 120 ? 548 : 730;
          uiEligible = today - ended < benefitDays && rng.float() < 0.7;
        }
        f.unemploymentInsuranceEligible = uiEligible;
        // 就业困难人员 (as identified: older, disabled, hardship household, or a year without work).
        const older = male ? age >= 50 : age >= 40;
        const longTerm = ended >= 0 && today - ended >= 365;
        if (rng.float() < (older || hardHousehold || longTerm || f.disabled === true ? 0.85 : 0.06))
          f.employmentDifficulty = true;
        // Temporary hardship: only with an ended contract and no unemployment insurance.
        if (ended >= 0 && !uiEligible) {
          const hard = hardHousehold || f.disabled === true;
          if (rng.float() < (hard ? 0.6 : 0.25)) {
            const u = rng.float();
            f.hardshipTier = hard ? (u < 0.35 ? 1 : u < 0.75 ? 2 : 3) : u < 0.1 ? 1 : u < 0.45 ? 2 : 3;
          }
        }
      }

      // Vocational training (the latest course).
      let trainedOccupation: string | null = null;
      let trainingEnded = -1;
      if (workingAge && able) {
        const poor = h.registeredPoor;
        const pTrain = registered ? 0.16 : poor ? 0.1 : f.veteran === true ? 0.05 : employed ? 0.025 : 0.015;
        if (rng.float() < pTrain) {
          const item = (h.urban ? CATALOGUE_URBAN : CATALOGUE_RURAL).pick(rng);
          const span = Math.round(item.days * (1.15 + 0.3 * rng.float()));
          const end = this.recentDay(240, this.startOfWork(s, i, 16) + span);
          if (end >= 0) {
            trainingEnded = end;
            const attended = rng.float() < 0.3 ? item.days - rng.int(Math.ceil(item.days / 5)) : item.days;
            const passed = rng.float() < (attended >= item.days * 0.9 ? 0.9 : 0.6);
            const paidBySelf = rng.float() < (employed ? 0.4 : poor ? 0.5 : 0.8);
            const fee = paidBySelf ? Math.round((item.standard * (0.9 + 0.5 * rng.float())) / 10) * 10 : 0;
            f.training = {
              catalogItem: item.name,
              standardAmount: item.standard,
              feePaid: fee,
              paidBySelf,
              passed,
              daysAttended: attended,
              startedOn: dates[end - span + 1] as string,
              endedOn: dates[end] as string,
              choseUnemploymentBenefit: uiEligible && rng.float() < 0.5,
            };
            if (passed) trainedOccupation = item.occupation;
          }
        }
      }

      // Certificates: after a passed course (often), or held by skilled workers.
      if (trainedOccupation !== null && rng.float() < 0.65) {
        const on = trainingEnded + 7 + rng.int(40);
        if (on < today) {
          f.certificate = {
            kind: this.certificateKind(on),
            occupation: trainedOccupation,
            level: 5,
            obtainedOn: dates[on] as string,
          };
        }
      } else if (workingAge && age >= 18) {
        const pCert = employed ? (h.urban ? 0.06 : 0.035) : registered ? 0.02 : 0.008;
        if (rng.float() < pCert) {
          let level = CERT_LEVELS.pick(rng);
          if (level <= 2 && age < 30) level = 4;
          const on = this.recentDay(900, this.startOfWork(s, i, 18));
          if (on >= 0) {
            f.certificate = {
              kind: this.certificateKind(on),
              occupation: CERT_OCCUPATIONS.pick(rng),
              level,
              obtainedOn: dates[on] as string,
            };
          }
        }
      }

      // Own business (个体工商户 or small company), or one being started by a registered unemployed person.
      if (!inSchool && age >= 20 && age < 65 && able) {
        let pBusiness = employed ? (h.urban ? 0.09 : 0.05) : registered ? 0.03 : 0;
        if (college && h.registeredPoor && age < 60) pBusiness = 0.2; // poverty-alleviation start-ups
        if (pBusiness > 0 && rng.float() < pBusiness) {
          const rents = rng.float() < 0.55;
          const u = rng.float();
          f.business = {
            registeredInLingyuan: rng.float() < 0.93,
            rentPaidYearly: rents ? Math.round((2400 + 33600 * u * u) / 100) * 100 : 0,
            highTech: rng.float() < (college ? 0.06 : 0.005),
            loanTargetGroup: rng.float() < 0.2,
          };
        }
      }

      // Talents (人才): a few highly educated people who came to work in Lingyuan.
      if (employed && age >= 22 && age <= 50 && (s.left[i] as number) >= 0) {
        const e = f.education;
        const pTalent = e === 'doctorate' ? 0.35 : e === 'master' ? 0.12 : e === 'bachelor' ? 0.025 : 0;
        if (pTalent > 0 && rng.float() < pTalent) {
          const on = this.recentDay(1460, s.left[i] as number);
          if (on >= 0) {
            const u = rng.float();
            const category =
              e === 'doctorate'
                ? u < 0.05
                  ? 'A'
                  : u < 0.5
                    ? 'B'
                    : 'C'
                : e === 'master'
                  ? u < 0.05
                    ? 'B'
                    : u < 0.5
                      ? 'C'
                      : 'D'
                  : u < 0.1
                    ? 'C'
                    : 'D';
            f.talent = { category, arrivedOn: dates[on] as string, firstHomeInLingyuan: rng.float() < 0.6 };
          }
        }
      }

      // 特困 (extreme poverty): old or severely disabled people living alone without income; not with 低保.
      if (alone && !employed && !h.lowIncome && (age >= 60 || (f.disabled === true && !able))) {
        if (rng.float() < (h.urban ? 0.035 : 0.08)) f.extremePoverty = true;
      }
      // Children of martyrs (烈士子女): very rare.
      if (age >= 18 && age <= 75 && rng.float() < 0.0002) f.martyrChild = true;

      // Public-welfare posts (公益性岗位): employed people placed in a post — graduates in hardship, and
      // (more often) older people from poor or 低保 households.
      if (employed && age >= 18 && age < 60) {
        const hardship =
          h.lowIncome ||
          h.registeredPoor ||
          h.poorDisabled ||
          f.disabled === true ||
          f.martyrChild === true ||
          f.extremePoverty === true;
        const pPost = !hardship ? 0 : college ? 0.15 : age >= 40 ? 0.08 : 0;
        if (pPost > 0 && rng.float() < pPost) {
          const left = s.left[i] as number;
          const since = left >= 0 ? Math.floor((today - left) / 30.4) : 36;
          const cap = since < 1 ? 1 : since < 36 ? since : 36;
          f.publicWelfarePost = { months: 1 + rng.int(cap) };
        }
      }
    }
  }

  /** 职业资格 certificates gave way to 职业技能等级 certificates from 2019–2020. */
  private certificateKind(day: number): 'vocationalQualification' | 'skillLevel' {
    if (day >= this.since2020) return 'skillLevel';
    if (day >= this.since2019) return this.rng.float() < 0.5 ? 'skillLevel' : 'vocationalQualification';
    return 'vocationalQualification';
  }
}
