/**
 * Synthetic enterprises of 凌源市. ASSUMPTIONS for synthetic data:
 *
 * Size (per the MIIT 2011 classification of SMEs, 工信部联企业〔2011〕300号): micro ≈ 80 %, small ≈ 16 %,
 * medium ≈ 3.2 %, large ≈ 0.3 %. Employees by size and sector after the same classification
 * (e.g. industry: micro < 20, small 20–299, medium 300–999, large 1000+; retail: micro < 10, small
 * 10–49, medium 50–299; wholesale: micro < 5, small 5–19, medium 20–199), skewed towards the lower end.
 * Industries (GB/T 4754-2017 four-digit classes that exist): weighted to what a rural county in
 * western Liaoning has — trade and retail, construction and renovation, agriculture (edible fungi,
 * vegetables in greenhouses, cattle/pig/sheep raising, often as 农民专业合作社), agricultural processing
 * (grain, meat, fungi, 白酒), building materials, and for the larger firms steel (凌源 has an
 * iron-and-steel works), iron-ore mining, power and heat; plus catering, lodging, transport, services.
 * Names: `凌源市/凌源/辽宁/朝阳 + brand + trade + 有限公司` (co-operatives: `凌源市[乡镇]brand + trade +
 * 专业合作社`), unique within a run (a Set of names — enterprises are far fewer than persons).
 * USCC: authority 9 (market regulation), category 1 (enterprise) or 3 (farmers' co-operative),
 * region 211382, distinct serials from a seeded bijection.
 * Insurance: insured ≈ 65 % of micro, 90 % small, 98 % medium, all large; insured employees 50–100 %
 * of staff; arrears ≈ 2–8 % of the insured; layoffs last year for up to ≈ 12 % of micro (fewer of the tiniest) up to ≈ 95 % of
 * large firms (0.5–6 % of staff); unemployment premium paid last year = insured employees × monthly
 * contribution base (3,500–7,000 yuan) × 12 × 0.5 % employer rate (Liaoning's reduced total rate of
 * 1 %, split evenly) × months-covered factor, lower with arrears; rounded to cents.
 *
 * Programme facts (assumptions as well):
 * - temporaryDifficulty, known for every enterprise: true for ≈ 6 % in mining/manufacturing, 5 % in
 *   construction, 3 % elsewhere (≈ 3.7 % overall).
 * - socialInsuranceDueMonthly (insured enterprises): insured employees × the contribution base × 34.5–36.2 %
 *   (pension 16 + 8, medical ≈ 7.5 + 2, unemployment 0.5 + 0.5, injury 0.2–1.9, employer + employee).
 * - apprenticeship: micro 0.3 %, small 3 %, medium 12 %, large 35 % (× 1.5 in industry, construction,
 *   catering and repair, × 0.4 elsewhere); 2–10 % of staff (1–60 apprentices), 1 / 1.5 / 2 years,
 *   advance 55 %, completion 45 %.
 * - onJobTraining: micro 1 %, small 6 %, medium 20 %, large 40 %; tripled (+ 15 points) in difficulty;
 *   10–60 % of staff at 400–2,000 yuan each; the education fund covers all of it for 15 %, else 0–80 %.
 * - educationExpense: half of those with on-the-job training, else micro 0.5 %, small 5 %, medium 20 %,
 *   large 45 %; wages = staff × base × 12 × 1.0–1.3; spent 0.2–5 % of wages (mean ≈ 1.8 %; at least
 *   what the on-the-job training cost); carried forward for 30 % (up to 3 % of wages).
 * - incubator: two per 4,000 enterprises at fixed positions (index mod 4,000 = 7 and 1,507: a small
 *   园区管理服务 company, recognised, 25–54 resp. 6–20 incubated entities, 3 resp. 2 years of free space).
 */
import { makeUscc } from '../../../shared/identity/index.js';
import { mobilePhone, resolveCounty } from './synthetic-common.js';
import { randomFullName } from './synthetic-names.js';
import { Places, type Place } from './synthetic-places.js';
import { Rng, WeightedTable } from './synthetic-random.js';
import type {
  EnterpriseSize,
  SyntheticEnterprise,
  SyntheticEnterpriseFacts,
  SyntheticOptions,
} from './synthetic-types.js';

/** [code, trade words, weight among micro/small, weight among medium/large]. */
type IndustryEntry = readonly [string, readonly string[], number, number];

const INDUSTRIES: readonly IndustryEntry[] = [
  // A 农、林、牧、渔业 (mostly co-operatives)
  ['A0142', ['食用菌种植', '菌业'], 3, 0.3],
  ['A0141', ['蔬菜种植', '果蔬种植'], 3, 0.2],
  ['A0113', ['粮食种植', '玉米种植'], 1.5, 0],
  ['A0151', ['果树种植', '果业'], 1.5, 0],
  ['A0171', ['中药材种植'], 0.8, 0],
  ['A0311', ['肉牛养殖', '牧业'], 2, 0.3],
  ['A0313', ['生猪养殖', '牧业'], 2, 0.5],
  ['A0314', ['肉羊养殖', '绒山羊养殖'], 1.5, 0],
  ['A0321', ['蛋鸡养殖', '禽业'], 1.2, 0.2],
  ['A0512', ['农机服务'], 1, 0],
  // B 采矿业
  ['B0810', ['矿业', '铁矿'], 0.6, 2],
  ['B1011', ['石灰石开采', '矿业'], 0.3, 0.3],
  ['B1019', ['砂石', '石料'], 0.5, 0.2],
  ['B0921', ['黄金矿业'], 0.1, 0.2],
  // C 制造业
  ['C1313', ['粮食加工', '米业'], 0.8, 0.5],
  ['C1314', ['杂粮加工', '五谷杂粮'], 0.8, 0.3],
  ['C1329', ['饲料'], 0.5, 0.5],
  ['C1351', ['肉类加工', '屠宰'], 0.5, 0.6],
  ['C1353', ['肉制品', '食品'], 0.5, 0.5],
  ['C1371', ['果蔬加工', '食品'], 0.5, 0.4],
  ['C1372', ['食用菌加工', '菌业'], 0.6, 0.5],
  ['C1391', ['粉业', '淀粉制品'], 0.3, 0.3],
  ['C1392', ['豆制品'], 0.4, 0],
  ['C1411', ['食品', '糕点'], 0.4, 0],
  ['C1512', ['酒业', '酿酒'], 0.4, 0.5],
  ['C1830', ['服饰'], 0.2, 0.1],
  ['C2110', ['家具'], 0.3, 0],
  ['C2319', ['印刷', '印务'], 0.3, 0],
  ['C2625', ['生物肥业', '生物科技'], 0.3, 0.3],
  ['C2730', ['药业', '中药饮片'], 0.2, 0.3],
  ['C2927', ['塑料制品', '塑业'], 0.3, 0.1],
  ['C3011', ['水泥'], 0.1, 0.5],
  ['C3021', ['水泥制品', '建材'], 0.5, 0.4],
  ['C3031', ['新型建材', '砖业'], 0.4, 0.3],
  ['C3110', ['钢铁', '冶炼'], 0.05, 1],
  ['C3120', ['钢铁', '特钢'], 0.05, 1.5],
  ['C3130', ['型钢', '钢材'], 0.2, 1.5],
  ['C3140', ['铁合金', '冶金'], 0.1, 0.4],
  ['C3311', ['钢结构'], 0.6, 0.5],
  ['C3312', ['门窗'], 0.5, 0],
  ['C3391', ['铸造', '铸业'], 0.3, 0.4],
  ['C3484', ['机械加工'], 0.5, 0.2],
  ['C3511', ['矿山机械', '机械制造'], 0.2, 0.4],
  ['C3670', ['汽车配件'], 0.1, 0.3],
  // D 电力、热力、燃气及水
  ['D4411', ['热电', '电力'], 0.02, 0.4],
  ['D4415', ['风电', '新能源'], 0.1, 0.3],
  ['D4416', ['光伏', '新能源'], 0.2, 0.2],
  ['D4430', ['热力', '供热'], 0.1, 0.4],
  ['D4610', ['供水'], 0.05, 0.2],
  // E 建筑业
  ['E4710', ['建筑工程', '建设'], 2, 2],
  ['E4790', ['建筑工程', '建筑安装'], 1, 0.5],
  ['E4812', ['路桥工程', '公路工程'], 0.5, 0.8],
  ['E4822', ['水利工程'], 0.3, 0.3],
  ['E4851', ['电力工程'], 0.3, 0.2],
  ['E4891', ['园林绿化工程'], 0.5, 0.1],
  ['E4910', ['电气安装'], 0.5, 0.1],
  ['E4920', ['暖通工程', '管道安装'], 0.4, 0.1],
  ['E5012', ['装饰工程', '装饰'], 2, 0.2],
  // F 批发和零售业
  ['F5121', ['粮油'], 1, 0.2],
  ['F5123', ['果蔬'], 1, 0.2],
  ['F5124', ['食品'], 0.6, 0],
  ['F5127', ['酒水', '商贸'], 0.8, 0],
  ['F5161', ['煤炭经销'], 0.6, 0.1],
  ['F5164', ['物资', '钢材'], 0.6, 0.2],
  ['F5165', ['建材'], 1.5, 0.2],
  ['F5166', ['农资'], 1, 0.1],
  ['F5171', ['农机'], 0.5, 0],
  ['F5174', ['五金'], 0.8, 0],
  ['F5199', ['商贸', '经贸'], 3, 0.3],
  ['F5211', ['百货'], 0.6, 0.3],
  ['F5212', ['超市', '商贸'], 2, 0.5],
  ['F5221', ['粮油'], 1, 0],
  ['F5223', ['果蔬'], 0.8, 0],
  ['F5232', ['服饰', '服装'], 1, 0],
  ['F5251', ['大药房', '医药'], 1.2, 0.3],
  ['F5261', ['汽车销售'], 0.4, 0.2],
  ['F5265', ['石油销售'], 0.5, 0.1],
  ['F5274', ['通讯'], 0.6, 0],
  ['F5281', ['五金'], 0.8, 0],
  ['F5283', ['家居'], 0.5, 0],
  ['F5292', ['电子商务', '电商'], 1.2, 0.1],
  // G 交通运输、仓储和邮政业
  ['G5431', ['物流', '运输'], 2, 0.5],
  ['G5411', ['公交'], 0.02, 0.2],
  ['G5413', ['出租汽车'], 0.2, 0.1],
  ['G5421', ['客运'], 0.1, 0.1],
  ['G5920', ['仓储'], 0.4, 0.1],
  ['G6020', ['快递', '速递'], 0.6, 0.1],
  // H 住宿和餐饮业
  ['H6110', ['大酒店', '宾馆'], 0.3, 0.5],
  ['H6129', ['宾馆', '旅店'], 1.2, 0.1],
  ['H6130', ['民宿'], 0.3, 0],
  ['H6210', ['餐饮', '饭店'], 3, 0.5],
  ['H6220', ['快餐'], 1, 0],
  ['H6291', ['小吃'], 0.6, 0],
  ['H6241', ['餐饮管理'], 0.3, 0.1],
  // I 信息传输、软件和信息技术服务业
  ['I6513', ['网络科技', '信息技术'], 0.4, 0],
  ['I6531', ['信息技术'], 0.3, 0.1],
  ['I6429', ['网络科技'], 0.2, 0],
  // J 金融业
  ['J6635', ['小额贷款'], 0.05, 0.1],
  ['J6852', ['保险代理'], 0.1, 0],
  // K 房地产业
  ['K7010', ['房地产开发', '置业'], 0.6, 0.8],
  ['K7020', ['物业管理', '物业服务'], 0.8, 0.5],
  ['K7030', ['房产经纪'], 0.4, 0],
  // L 租赁和商务服务业
  ['L7112', ['农机租赁'], 0.2, 0],
  ['L7113', ['机械租赁', '设备租赁'], 0.6, 0.1],
  ['L7223', ['市场管理'], 0.1, 0.1],
  ['L7241', ['财务咨询', '会计服务'], 0.4, 0],
  ['L7259', ['广告', '文化传媒'], 0.5, 0],
  ['L7262', ['人力资源'], 0.2, 0.1],
  ['L7263', ['劳务派遣', '劳务'], 0.5, 0.4],
  ['L7271', ['保安服务'], 0.1, 0.2],
  ['L7291', ['旅行社'], 0.2, 0],
  // M 科学研究和技术服务业
  ['M7482', ['工程监理'], 0.2, 0.1],
  ['M7484', ['工程设计'], 0.2, 0],
  ['M7452', ['检测'], 0.1, 0.1],
  ['M7493', ['动物诊疗'], 0.2, 0],
  ['M7511', ['农业科技'], 0.5, 0],
  // N 水利、环境和公共设施管理业
  ['N7820', ['环卫', '环境工程'], 0.2, 0.3],
  ['N7840', ['园林'], 0.1, 0],
  // O 居民服务、修理和其他服务业
  ['O8010', ['家政服务'], 0.6, 0],
  ['O8040', ['美容美发'], 0.8, 0],
  ['O8051', ['洗浴'], 0.4, 0.1],
  ['O8070', ['婚庆'], 0.3, 0],
  ['O8111', ['汽车维修', '汽修'], 1, 0.1],
  ['O8211', ['保洁服务'], 0.2, 0],
  // P 教育
  ['P8391', ['职业技能培训'], 0.3, 0.1],
  ['P8393', ['文化艺术培训'], 0.3, 0],
  // Q 卫生和社会工作
  ['Q8411', ['医院'], 0.05, 0.3],
  ['Q8425', ['医疗服务'], 0.3, 0],
  ['Q8514', ['养老服务', '颐养'], 0.3, 0.2],
  // R 文化、体育和娱乐业
  ['R8930', ['健身'], 0.2, 0],
  ['R9011', ['娱乐'], 0.2, 0],
  ['R9013', ['网络会所'], 0.2, 0],
];

/** Start-up incubators (创业孵化基地): 园区管理服务. */
const INCUBATOR_ENTRY: IndustryEntry = ['L7221', ['创业孵化基地', '创业园'], 0, 0];
/** Positions (index mod {@link INCUBATOR_EVERY}) that are incubators: two per 4,000 enterprises. */
const INCUBATOR_EVERY = 4000;
const INCUBATOR_SLOTS: readonly number[] = [7, 1507];

const round2 = (x: number): number => Math.round(x * 100) / 100;

const SMALL_TABLE = new WeightedTable<IndustryEntry>(
  INDUSTRIES.filter((e) => e[2] > 0).map((e) => [e, e[2]] as const),
);
const BIG_TABLE = new WeightedTable<IndustryEntry>(
  INDUSTRIES.filter((e) => e[3] > 0).map((e) => [e, e[3]] as const),
);

const SIZES = new WeightedTable<EnterpriseSize>([
  ['micro', 80.5],
  ['small', 16],
  ['medium', 3.2],
  ['large', 0.3],
]);

/** Employee ranges [micro, small, medium, large] per sector group (MIIT 2011, simplified). */
type Ranges = readonly [
  readonly [number, number],
  readonly [number, number],
  readonly [number, number],
  readonly [number, number],
];
const RANGES_INDUSTRY: Ranges = [
  [1, 19],
  [20, 299],
  [300, 999],
  [1000, 8000],
];
const RANGES_CONSTRUCTION: Ranges = [
  [1, 19],
  [20, 199],
  [200, 999],
  [1000, 3000],
];
const RANGES_WHOLESALE: Ranges = [
  [1, 4],
  [5, 19],
  [20, 199],
  [200, 600],
];
const RANGES_RETAIL: Ranges = [
  [1, 9],
  [10, 49],
  [50, 299],
  [300, 1000],
];
const RANGES_SERVICES: Ranges = [
  [1, 9],
  [10, 99],
  [100, 299],
  [300, 1000],
];

function rangesOf(code: string): Ranges {
  const s = code.charAt(0);
  if (s === 'B' || s === 'C' || s === 'D') return RANGES_INDUSTRY;
  if (s === 'E') return RANGES_CONSTRUCTION;
  if (code.startsWith('F51')) return RANGES_WHOLESALE;
  if (s === 'F') return RANGES_RETAIL;
  return RANGES_SERVICES;
}

const SIZE_INDEX: Readonly<Record<EnterpriseSize, number>> = { micro: 0, small: 1, medium: 2, large: 3 };

const BRAND_CHARS =
  '宏鑫盛泰源达兴华丰瑞隆金鼎恒昌顺通宇辉祥利和安嘉福佳正诚信德凯远新振腾旺益峰博润泽众联创永长广天龙凤晟昊弘裕汇鸿禾合景亿';
const PREFIXES = new WeightedTable<string>([
  ['凌源市', 60],
  ['凌源', 30],
  ['辽宁', 6],
  ['朝阳', 4],
]);

class EnterpriseGenerator {
  readonly rng: Rng;
  private readonly places: Places;
  private readonly names = new Set<string>();
  private readonly county: string;
  private readonly serialOffset: number;
  private readonly todayYear: number;

  constructor(opts: SyntheticOptions) {
    this.county = resolveCounty(opts);
    this.rng = new Rng(opts.seed, 2);
    this.places = new Places(opts.today, this.county);
    this.serialOffset = this.rng.int(100_000_000);
    this.todayYear = Number(opts.today.slice(0, 4));
  }

  private brand(place: Place, length: number): string {
    const rng = this.rng;
    if (length === 2 && rng.float() < 0.08) return place.shortName.replace(/(村|社区)$/, '');
    let s = '';
    for (let i = 0; i < length; i++) {
      let c = rng.pickChar(BRAND_CHARS);
      if (s.includes(c)) c = rng.pickChar(BRAND_CHARS);
      s += c;
    }
    return s;
  }

  private uniqueName(build: (brand: string) => string, place: Place): string {
    for (let attempt = 0; ; attempt++) {
      const name = build(this.brand(place, attempt < 8 ? 2 : attempt < 40 ? 3 : 4));
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
  }

  next(i: number): SyntheticEnterprise {
    const rng = this.rng;
    const slot = INCUBATOR_SLOTS.indexOf(i % INCUBATOR_EVERY);
    const size = slot >= 0 ? 'small' : SIZES.pick(rng);
    const entry =
      slot >= 0
        ? INCUBATOR_ENTRY
        : (size === 'micro' || size === 'small' ? SMALL_TABLE : BIG_TABLE).pick(rng);
    const [code, words] = entry;
    const agri = code.charAt(0) === 'A';
    const coop = agri && size !== 'large' && size !== 'medium' && rng.float() < 0.65;
    const place = agri ? this.places.rural.pick(rng) : this.places.business.pick(rng);
    const word = rng.pick(words);

    let name: string;
    if (coop) {
      const withTownship = rng.float() < 0.4;
      name = this.uniqueName(
        (b) => `凌源市${withTownship ? place.townshipName : ''}${b}${word}专业合作社`,
        place,
      );
    } else {
      const prefix = PREFIXES.pick(rng);
      const suffix =
        size === 'large' || (size === 'medium' && rng.float() < 0.3)
          ? rng.float() < 0.4
            ? '股份有限公司'
            : '有限责任公司'
          : rng.float() < 0.8
            ? '有限公司'
            : '有限责任公司';
      const trade = agri ? rng.pick(['农业科技', '农牧业', '生态农业']) : word;
      name = this.uniqueName((b) => `${prefix}${b}${trade}${suffix}`, place);
    }

    // Employees: log-uniform within the size range, skewed to the lower end (u^1.5; medium/large u^2).
    const [lo, hi] = rangesOf(code)[SIZE_INDEX[size]] as readonly [number, number];
    const u = rng.float();
    const skew = size === 'micro' || size === 'small' ? u * Math.sqrt(u) : u * u;
    let employees = Math.floor(Math.exp(Math.log(lo) + skew * (Math.log(hi + 1) - Math.log(lo))));
    if (employees < lo) employees = lo;
    if (employees > hi) employees = hi;

    const insured =
      rng.float() < (size === 'micro' ? 0.65 : size === 'small' ? 0.9 : size === 'medium' ? 0.98 : 1);
    let insuredEmployees = 0;
    let premiumArrears = false;
    let premium = 0;
    let dueMonthly = 0;
    // Monthly contribution base per employee (yuan); also sets the wage level below.
    const base = 3500 + rng.float() * 3500;
    if (insured) {
      const share = size === 'micro' ? 0.5 : size === 'small' ? 0.7 : 0.85;
      insuredEmployees = Math.max(1, Math.round(employees * (share + (1 - share) * rng.float())));
      premiumArrears =
        rng.float() < (size === 'micro' ? 0.08 : size === 'small' ? 0.05 : size === 'medium' ? 0.03 : 0.02);
      const covered = 0.8 + 0.2 * rng.float();
      premium =
        insuredEmployees * base * 12 * 0.005 * covered * (premiumArrears ? 0.3 + 0.5 * rng.float() : 1);
      premium = Math.round(premium * 100) / 100;
      // Due each month from the enterprise and its insured employees: pension 16 % + 8 %, medical
      // ≈ 7.5 % + 2 %, unemployment 0.5 % + 0.5 %, injury 0.2–1.9 % (by industry risk class).
      dueMonthly = round2(insuredEmployees * base * (0.345 + 0.017 * rng.float()));
    }
    const pLayoff =
      size === 'micro'
        ? 0.12 * Math.min(1, employees / 5)
        : size === 'small'
          ? 0.35
          : size === 'medium'
            ? 0.7
            : 0.95;
    const laidOffLastYear =
      rng.float() < pLayoff ? Math.max(1, Math.round(employees * (0.005 + 0.055 * rng.float()))) : 0;

    const facts: SyntheticEnterpriseFacts = {
      employees,
      insured,
      premiumArrears,
      insuredEmployees,
      laidOffLastYear,
      unemploymentPremiumPaidLastYear: premium,
      temporaryDifficulty: false,
    };
    if (insured) facts.socialInsuranceDueMonthly = dueMonthly;
    this.programmeFacts(facts, size, code, base, slot);

    const repMale = rng.float() < 0.75;
    const legalRepresentative = randomFullName(rng, repMale, this.todayYear - 28 - rng.int(35));
    const contactName =
      rng.float() < 0.4
        ? legalRepresentative
        : randomFullName(rng, rng.float() < 0.45, this.todayYear - 22 - rng.int(30));
    const contactPhone =
      rng.float() < 0.85 ? mobilePhone(rng) : `0421-6${String(1000000 + rng.int(1000000)).slice(1)}`;

    // A bijection on 0..99,999,999 (odd stride, not a multiple of 5): distinct serials for distinct i.
    const serial = (this.serialOffset + i * 7_368_787) % 100_000_000;
    const uscc = makeUscc(this.county, serial, { authority: '9', category: coop ? '3' : '1' });

    return {
      name,
      uscc,
      size,
      industry: code,
      division: place.code,
      legalRepresentative,
      contactName,
      contactPhone,
      facts,
    };
  }

  /**
   * Temporary difficulty (for every enterprise), apprenticeships, on-the-job training, staff-education
   * expenses and incubator results. `base` is the monthly contribution base per employee.
   */
  private programmeFacts(
    f: SyntheticEnterpriseFacts,
    size: EnterpriseSize,
    code: string,
    base: number,
    slot: number,
  ): void {
    const rng = this.rng;
    const s = code.charAt(0);
    const industrial = s === 'B' || s === 'C' || s === 'D' || s === 'E';
    const employees = f.employees;
    // Temporary difficulty with prospects of recovery (困难企业): a few per cent, more in industry.
    f.temporaryDifficulty = rng.float() < (s === 'B' || s === 'C' ? 0.06 : s === 'E' ? 0.05 : 0.03);
    // Annual wages: the contribution base × 12 × 1.0–1.3 (bases are capped below real pay).
    const wages = round2(employees * base * 12 * (1 + 0.3 * rng.float()));

    // New apprenticeship scheme (新型学徒制).
    const pApprentice =
      (size === 'micro' ? 0.003 : size === 'small' ? 0.03 : size === 'medium' ? 0.12 : 0.35) *
      (industrial || code.startsWith('H') || code.startsWith('O') ? 1.5 : 0.4);
    if (rng.float() < pApprentice) {
      const apprentices = Math.min(60, Math.max(1, Math.round(employees * (0.02 + 0.08 * rng.float()))));
      const u = rng.float();
      f.apprenticeship = {
        apprentices,
        years: u < 0.5 ? 1 : u < 0.7 ? 1.5 : 2,
        stage: rng.float() < 0.55 ? 'advance' : 'completion',
      };
    }

    // On-the-job training (在岗培训): more often in enterprises in difficulty (keeping staff busy).
    let pTraining = size === 'micro' ? 0.01 : size === 'small' ? 0.06 : size === 'medium' ? 0.2 : 0.4;
    if (f.temporaryDifficulty) pTraining = Math.min(0.9, pTraining * 3 + 0.15);
    let trainingSpent = 0;
    if (rng.float() < pTraining) {
      const trainees = Math.max(1, Math.round(employees * (0.1 + 0.5 * rng.float())));
      trainingSpent = Math.round(trainees * (400 + 1600 * rng.float()));
      // Mostly the staff-education fund does not cover it all (the subsidy pays part of the shortfall).
      const covered = rng.float() < 0.15 ? 1 + 0.5 * rng.float() : 0.8 * rng.float();
      f.onJobTraining = { totalSpent: trainingSpent, educationFund: round2(trainingSpent * covered) };
    }

    // Staff-education expenses (职工教育经费), for the deduction calculator.
    const pExpense =
      trainingSpent > 0
        ? 0.5
        : size === 'micro'
          ? 0.005
          : size === 'small'
            ? 0.05
            : size === 'medium'
              ? 0.2
              : 0.45;
    if (rng.float() < pExpense) {
      const u = rng.float();
      const spent = Math.max(trainingSpent, round2(wages * (0.002 + 0.048 * u * u)));
      f.educationExpense = {
        totalWages: wages,
        spent,
        carriedForward: rng.float() < 0.3 ? round2(wages * 0.03 * rng.float()) : 0,
      };
    }

    // Start-up incubators at fixed positions: recognised, with a few to a few dozen incubated entities.
    if (slot >= 0) {
      const entities = slot === 0 ? 25 + rng.int(30) : 6 + rng.int(15);
      f.incubator = {
        recognised: true,
        entities,
        jobsCreated: Math.round(entities * (2 + 4 * rng.float())),
        unemployedFoundersSupported: Math.round(entities * (0.1 + 0.3 * rng.float())),
        freeSpaceYears: slot === 0 ? 3 : 2,
      };
    }
  }
}

export function* generateEnterprises(count: number, opts: SyntheticOptions): Generator<SyntheticEnterprise> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  if (count > 100_000_000) throw new RangeError('at most 100,000,000 enterprises (USCC serial space)');
  const gen = new EnterpriseGenerator(opts);
  for (let i = 0; i < count; i++) yield gen.next(i);
}
