/**
 * Where the synthetic people live: the villages and communities of 凌源市 active on `today`, weighted
 * by an ASSUMED population per township (urban streets ≈ 30 % of ≈ 580k residents — in line with the
 * county's ~600k people; the split among towns roughly follows their number of villages, towns with
 * a mining or market seat somewhat larger). Within a township, people are shared among its villages
 * evenly with ±35 % variance (stable per village code), a community (居委会/社区) counting 2–2.5
 * villages (村委会).
 */
import { activeOn, childrenOf, type Division } from '../../divisions/index.js';
import { hashString, WeightedTable } from './synthetic-random.js';

/** Assumed residents (thousands) per township, keyed by the last 3 digits of its code. */
const TOWNSHIP_POPULATION: Readonly<Record<string, number>> = {
  // 街道 (streets), together ≈ 180k
  '001': 52, // 东城街道
  '002': 40, // 北街街道
  '003': 40, // 南街街道
  '008': 26, // 红山街道
  '009': 22, // 城关街道
  // streets dissolved in 2020 (only on dates before 2020-06-30)
  '004': 10, // 凌北街道
  '006': 10, // 热水汤街道
  '007': 10, // 兴源街道
  // 镇 (towns)
  '101': 24, // 万元店镇
  '102': 26, // 宋杖子镇
  '103': 28, // 三十家子镇
  '104': 12, // 杨杖子镇
  '105': 22, // 刀尔登镇
  '106': 18, // 松岭子镇
  '107': 26, // 四官营子镇
  '108': 22, // 沟门子镇
  '110': 16, // 小城子镇
  '111': 24, // 四合当镇
  '113': 17, // 乌兰白镇
  '114': 14, // 瓦房店镇
  '115': 20, // 大河北镇
  '116': 21, // 牛营子镇
  '117': 16, // 三道河子镇
  '118': 12, // 刘杖子镇
  // 乡 (townships)
  '204': 14, // 大王杖子乡
  '206': 9, // 前进乡
  '210': 12, // 北炉乡
  '217': 24, // 三家子蒙古族乡
  '219': 10, // 佛爷洞乡
  '220': 13, // 河坎子乡
};

const DEFAULT_BY_KIND: Readonly<Record<string, number>> = {
  street: 15,
  town: 18,
  township: 12,
  ethnicTownship: 18,
};

export interface Place {
  /** 12-digit village/community code. */
  readonly code: string;
  readonly townshipCode: string;
  readonly townshipName: string;
  readonly shortName: string;
  /** A 居委会/社区 (community) rather than a 村委会 (village). */
  readonly urban: boolean;
  /** In a street (街道) rather than a town or township. */
  readonly inStreet: boolean;
  /** In an ethnic township (三家子蒙古族乡). */
  readonly ethnic: boolean;
  /** Expected share of the population. */
  readonly weight: number;
}

export class Places {
  readonly all: readonly Place[];
  /** Residence of a household, by population weight. */
  readonly residence: WeightedTable<Place>;
  /** Rural villages only (alternative hukou places of town dwellers, farming co-operatives). */
  readonly rural: WeightedTable<Place>;
  /** Enterprise seats: communities and street villages count five times their population weight. */
  readonly business: WeightedTable<Place>;

  constructor(today: string, county: string) {
    const townships = activeOn(today, 'township').filter((t) => t.code.startsWith(county));
    const places: Place[] = [];
    for (const t of townships) {
      const villages = childrenOf(t.code, today).filter((v) => v.level === 'village');
      if (villages.length === 0) continue;
      const pop = TOWNSHIP_POPULATION[t.code.slice(6)] ?? DEFAULT_BY_KIND[t.kind] ?? 15;
      const units = villages.map((v) => unitWeight(v, t));
      const sum = units.reduce((a, b) => a + b, 0);
      villages.forEach((v, i) => {
        places.push({
          code: v.code,
          townshipCode: t.code,
          townshipName: t.shortName,
          shortName: v.shortName,
          urban: v.kind === 'community',
          inStreet: t.kind === 'street',
          ethnic: t.kind === 'ethnicTownship',
          weight: (pop * (units[i] as number)) / sum,
        });
      });
    }
    if (places.length === 0) {
      throw new RangeError(
        `no villages of ${county} are known on ${today} (division data starts 2019-10-31)`,
      );
    }
    this.all = places;
    this.residence = new WeightedTable(places.map((p) => [p, p.weight] as const));
    const rural = places.filter((p) => !p.urban);
    this.rural = new WeightedTable((rural.length ? rural : places).map((p) => [p, p.weight] as const));
    this.business = new WeightedTable(
      places.map((p) => [p, p.weight * (p.urban || p.inStreet ? 5 : 1)] as const),
    );
  }
}

function unitWeight(v: Division, t: Division): number {
  const base = v.kind === 'community' ? (t.kind === 'street' ? 2 : 2.5) : 1;
  const variance = 0.65 + (0.7 * hashString(v.code)) / 4294967296;
  return base * variance;
}
