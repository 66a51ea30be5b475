/**
 * GB/T 4754-2017 国民经济行业分类: 20 sections (门类, A–T) and the range of two-digit divisions (大类)
 * each covers. A code is the section letter, optionally followed by the division (2 digits), the group
 * (3) or the class (4), e.g. `C`, `C13`, `C131`, `C1310`; the digits must fall in the section's range.
 */
const SECTION_DIVISIONS: Record<string, readonly [number, number]> = {
  A: [1, 5], // 农、林、牧、渔业
  B: [6, 12], // 采矿业
  C: [13, 43], // 制造业
  D: [44, 46], // 电力、热力、燃气及水生产和供应业
  E: [47, 50], // 建筑业
  F: [51, 52], // 批发和零售业
  G: [53, 60], // 交通运输、仓储和邮政业
  H: [61, 62], // 住宿和餐饮业
  I: [63, 65], // 信息传输、软件和信息技术服务业
  J: [66, 69], // 金融业
  K: [70, 70], // 房地产业
  L: [71, 72], // 租赁和商务服务业
  M: [73, 75], // 科学研究和技术服务业
  N: [76, 79], // 水利、环境和公共设施管理业
  O: [80, 82], // 居民服务、修理和其他服务业
  P: [83, 83], // 教育
  Q: [84, 85], // 卫生和社会工作
  R: [86, 90], // 文化、体育和娱乐业
  S: [91, 96], // 公共管理、社会保障和社会组织
  T: [97, 97], // 国际组织
};

export function isIndustryCode(code: string): boolean {
  const m = /^([A-T])(\d{2}(\d{1,2})?)?$/.exec(code);
  if (!m) return false;
  if (!m[2]) return true;
  const [lo, hi] = SECTION_DIVISIONS[m[1]!]!;
  const division = Number(m[2].slice(0, 2));
  return division >= lo && division <= hi;
}
