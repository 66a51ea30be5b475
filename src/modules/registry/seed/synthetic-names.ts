/**
 * Personal names for the synthetic Lingyuan population.
 *
 * Surnames: weights are rough frequencies per 10,000 people, ASSUMED for synthetic data: shaped after
 * the national surname ranking published by the Ministry of Public Security (2020 household
 * registration statistics: 王 李 张 刘 陈 杨 黄 赵 吴 周 … ) and tilted towards what is frequent in the
 * north-east and in western Liaoning (于 孙 姜 高 郭 马 曲 邢 崔 …, Manchu-origin 关 佟 那 富 赫 and
 * Mongol-origin 包 白 鲍 宝 敖). Includes a few compound surnames (欧阳, 司马, …, 爱新觉罗) at tiny weights.
 *
 * Given names: 1 or 2 characters drawn from per-sex pools of characters that were popular in each
 * generation (born before 1960, 1960–79, 1980–99, 2000 and later), after the well-known naming fashions
 * (建国/秀兰 → 红梅/建军 → 磊/婷 → 子轩/梓涵). Single-character given names were common in the north-east
 * in the 1960s–1990s; their share per generation is an assumption.
 *
 * Minority-style names with the middle dot (transliterated Mongolian names, e.g. 乌云·其木格): used for
 * about 0.2 % of people — Lingyuan has Mongol (三家子蒙古族乡) and Manchu residents, most of whom carry
 * Han-style names.
 */
import { WeightedTable, type Rng } from './synthetic-random.js';

const SURNAME_WEIGHTS: readonly (readonly [string, number])[] = [
  ['王', 850],
  ['李', 800],
  ['张', 760],
  ['刘', 640],
  ['赵', 330],
  ['杨', 320],
  ['孙', 270],
  ['陈', 230],
  ['于', 200],
  ['高', 190],
  ['马', 170],
  ['郭', 140],
  ['徐', 140],
  ['周', 120],
  ['吴', 110],
  ['宋', 110],
  ['姜', 110],
  ['韩', 100],
  ['董', 100],
  ['黄', 90],
  ['朱', 90],
  ['田', 90],
  ['崔', 90],
  ['胡', 80],
  ['冯', 80],
  ['曹', 80],
  ['付', 80],
  ['郑', 70],
  ['丁', 70],
  ['白', 70],
  ['林', 60],
  ['梁', 60],
  ['许', 60],
  ['杜', 60],
  ['魏', 60],
  ['吕', 60],
  ['石', 60],
  ['贾', 60],
  ['孟', 60],
  ['袁', 50],
  ['何', 50],
  ['程', 50],
  ['苏', 50],
  ['任', 50],
  ['范', 50],
  ['金', 50],
  ['侯', 50],
  ['闫', 50],
  ['史', 50],
  ['郝', 50],
  ['关', 50],
  ['罗', 40],
  ['谢', 40],
  ['唐', 40],
  ['肖', 40],
  ['潘', 40],
  ['卢', 40],
  ['姚', 40],
  ['秦', 40],
  ['尹', 40],
  ['薛', 40],
  ['武', 40],
  ['常', 40],
  ['康', 40],
  ['乔', 40],
  ['牛', 40],
  ['曲', 40],
  ['邢', 40],
  ['齐', 40],
  ['邓', 30],
  ['彭', 30],
  ['蔡', 30],
  ['蒋', 30],
  ['沈', 30],
  ['夏', 30],
  ['方', 30],
  ['段', 30],
  ['贺', 30],
  ['邵', 30],
  ['戴', 30],
  ['孔', 30],
  ['辛', 30],
  ['柴', 30],
  ['佟', 30],
  ['包', 30],
  ['葛', 30],
  ['安', 30],
  ['焦', 30],
  ['耿', 30],
  ['谭', 20],
  ['陆', 20],
  ['汪', 20],
  ['邹', 20],
  ['邱', 20],
  ['江', 20],
  ['雷', 20],
  ['陶', 20],
  ['毛', 20],
  ['顾', 20],
  ['万', 20],
  ['钱', 20],
  ['严', 20],
  ['汤', 20],
  ['文', 20],
  ['鲍', 20],
  ['宁', 20],
  ['迟', 20],
  ['隋', 20],
  ['尚', 20],
  ['庞', 20],
  ['岳', 20],
  ['宫', 20],
  ['苗', 20],
  ['翟', 20],
  ['纪', 20],
  ['叶', 20],
  ['余', 20],
  ['曾', 15],
  ['钟', 15],
  ['吉', 15],
  ['穆', 15],
  ['栾', 15],
  ['房', 15],
  ['滕', 15],
  ['鞠', 15],
  ['单', 15],
  ['靳', 15],
  ['祁', 15],
  ['聂', 15],
  ['廖', 10],
  ['熊', 10],
  ['龙', 10],
  ['龚', 10],
  ['施', 10],
  ['洪', 10],
  ['那', 10],
  ['富', 10],
  ['修', 10],
  ['殷', 10],
  ['冷', 10],
  ['臧', 10],
  ['解', 10],
  ['倪', 10],
  ['艾', 10],
  ['门', 10],
  ['宝', 8],
  ['敖', 6],
  ['赫', 5],
  ['仲', 5],
  ['黎', 5],
  ['韦', 5],
  ['莫', 5],
  ['易', 5],
  ['向', 5],
  ['欧', 3],
  ['赖', 3],
  ['覃', 2],
  ['欧阳', 1],
  ['司马', 0.5],
  ['上官', 0.5],
  ['诸葛', 0.3],
  ['东方', 0.3],
  ['皇甫', 0.3],
  ['慕容', 0.3],
  ['司徒', 0.3],
  ['令狐', 0.2],
  ['尉迟', 0.2],
  ['长孙', 0.2],
  ['夏侯', 0.2],
  ['爱新觉罗', 0.3],
];

export const SURNAMES = new WeightedTable<string>(SURNAME_WEIGHTS);

/** Given-name character pools: [generation][sex 0 = male, 1 = female]. */
const POOLS: readonly (readonly [string, string])[] = [
  // born before 1960
  [
    '国建振德福宝贵财文明志永忠海春山有庆玉树军成林华金长万清殿广荣富祥义俊和喜恩臣学发顺',
    '秀玉桂兰英珍凤芝淑荣华春琴云翠梅霞莲香素清菊贞芬花金敏美丽芳',
  ],
  // 1960–1979
  [
    '建军国华伟勇强东明红卫平峰刚辉斌春立志新杰利海涛彬波林武忠亮宏胜晓永光文',
    '丽红艳霞玲敏静燕梅芳娟英华秀萍凤杰云春丹颖慧洁岩波莉虹晶琳月',
  ],
  // 1980–1999
  [
    '伟磊鹏超强浩宇涛鑫帅博亮飞龙杰阳明东健俊旭凯岩鹤楠冬峰军刚斌威宁一新佳振',
    '丹婷静丽娜雪媛琳佳颖倩楠悦爽莹蕾晶鑫欣微雯蒙宁月琪璐瑶洋迪',
  ],
  // 2000 and later
  [
    '子宇浩轩博涵泽睿俊皓铭梓晨航豪哲一诺辰奕煜瑞宸文嘉天昊然乐安景逸思锦',
    '欣梓涵诗雨萱怡佳可馨雅思琪一诺若妍语彤子梦沐晴悦依瑶安芮汐钰',
  ],
];

/** Share of single-character given names per generation (assumption). */
const SINGLE_CHAR_SHARE = [0.3, 0.4, 0.45, 0.15] as const;

export function generationOf(birthYear: number): number {
  return birthYear < 1960 ? 0 : birthYear < 1980 ? 1 : birthYear < 2000 ? 2 : 3;
}

/** A pool character suitable as a shared generation character (字辈) for siblings. */
export function generationChar(rng: Rng, male: boolean, birthYear: number): string {
  const pools = POOLS[generationOf(birthYear)] as readonly [string, string];
  return rng.pickChar(pools[male ? 0 : 1]);
}

/**
 * A given name of 1–2 characters. With `firstChar` (siblings' generation character) the name is always
 * two characters and starts with it.
 */
export function givenName(rng: Rng, male: boolean, birthYear: number, firstChar = ''): string {
  const g = generationOf(birthYear);
  const pool = (POOLS[g] as readonly [string, string])[male ? 0 : 1];
  if (firstChar === '' && rng.float() < (SINGLE_CHAR_SHARE[g] as number)) return rng.pickChar(pool);
  const a = firstChar === '' ? rng.pickChar(pool) : firstChar;
  // Reduplicated girls' names (婷婷, 丹丹) now and then; otherwise two different characters.
  if (!male && firstChar === '' && rng.float() < 0.04) return a + a;
  let b = rng.pickChar(pool);
  if (b === a) b = rng.pickChar(pool);
  return a + b;
}

const MONGOLIAN_NAMES = [
  '巴特尔',
  '其木格',
  '乌云',
  '宝音',
  '额尔敦',
  '格日勒',
  '苏日娜',
  '朝鲁',
  '那日苏',
  '斯琴',
  '图雅',
  '哈斯',
  '孟和',
  '娜仁',
  '阿拉坦',
  '萨仁',
  '特古斯',
  '布和',
  '吉雅',
  '乌兰',
] as const;

/** A transliterated Mongolian name written with the middle dot, e.g. 乌云·其木格. */
export function dottedName(rng: Rng): string {
  const a = rng.pick(MONGOLIAN_NAMES);
  let b = rng.pick(MONGOLIAN_NAMES);
  if (b === a) b = rng.pick(MONGOLIAN_NAMES);
  return a + '·' + b;
}

/** A complete personal name for someone not tied to a household (enterprise contacts). */
export function randomFullName(rng: Rng, male: boolean, birthYear: number): string {
  return SURNAMES.pick(rng) + givenName(rng, male, birthYear);
}
