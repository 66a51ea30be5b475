import { z } from 'zod';

/** The lists other departments send (issue 6), with who keeps them. */
export const LIST_KINDS = {
  'low-income': { zh: '低保', subject: 'person' },
  'extreme-poverty': { zh: '特困', subject: 'person' },
  'registered-poor': { zh: '建档立卡', subject: 'person' },
  disabled: { zh: '残疾人', subject: 'person' },
  insured: { zh: '参保缴费', subject: 'person' },
  deceased: { zh: '死亡', subject: 'person' },
  'enterprise-register': { zh: '市场主体', subject: 'enterprise' },
} as const;

export type ListKind = keyof typeof LIST_KINDS;
export const ListKindSchema = z.enum(Object.keys(LIST_KINDS) as [ListKind, ...ListKind[]]);

/** Header names accepted for each column (compared after NFKC, without spaces). */
export const COLUMN_ALIASES = {
  name: ['姓名'],
  idNumber: ['公民身份号码', '身份证号码', '身份证号', '证件号码', '身份号码'],
  sex: ['性别'],
  birthDate: ['出生日期', '出生年月日'],
  township: ['乡镇(街道)', '乡镇街道', '乡镇', '街道', '所属乡镇(街道)', '乡镇(街道)名称'],
  enterpriseName: ['企业名称', '市场主体名称', '单位名称', '名称'],
  uscc: ['统一社会信用代码', '信用代码'],
} as const;

export type ColumnName = keyof typeof COLUMN_ALIASES;

function headerKey(h: string): string {
  return h.normalize('NFKC').replace(/\s+/g, '');
}

/** Where each known column is in a header row; `missing` lists the required ones not found. */
export function mapColumns(
  header: readonly string[],
  subject: 'person' | 'enterprise',
): { columns: Partial<Record<ColumnName, number>>; missing: string[] } {
  const columns: Partial<Record<ColumnName, number>> = {};
  const keys = header.map(headerKey);
  for (const [col, aliases] of Object.entries(COLUMN_ALIASES) as [ColumnName, readonly string[]][]) {
    const i = keys.findIndex((k) => aliases.includes(k));
    if (i >= 0) columns[col] = i;
  }
  const required: [ColumnName, string][] =
    subject === 'person'
      ? [
          ['name', '姓名'],
          ['idNumber', '公民身份号码'],
        ]
      : [
          ['enterpriseName', '企业名称'],
          ['uscc', '统一社会信用代码'],
        ];
  return { columns, missing: required.filter(([c]) => columns[c] === undefined).map(([, zh]) => zh) };
}

/** 性别 as written: 男/女 (or 1/2, M/F). */
export function readSex(s: string | undefined): 'male' | 'female' | null {
  const t = (s ?? '').normalize('NFKC').trim().toUpperCase();
  if (t === '男' || t === '1' || t === 'M' || t === '男性') return 'male';
  if (t === '女' || t === '2' || t === 'F' || t === '女性') return 'female';
  return null;
}

/** 出生日期 as written: 1985-03-02, 1985/3/2, 1985.03.02, 19850302, 1985年3月2日; null unless a real date on or before `asOf`. */
export function readDate(s: string | undefined, asOf: string): string | null {
  const t = (s ?? '').normalize('NFKC').trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) m = /^(\d{4})-(\d{2})-(\d{2})T/.exec(t);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = Date.parse(iso + 'T00:00:00Z');
  if (Number.isNaN(d) || new Date(d).toISOString().slice(0, 10) !== iso) return null;
  if (iso < '1900-01-01' || iso > asOf) return null;
  return iso;
}
