import { ageOn } from '../../../shared/dates/calendar-date.js';
import { floorFen, roundFen } from './money.js';
import { workingDaysBetween } from '../../../shared/calendar/index.js';
import { dayNumberOf } from '../../../shared/calendar/day-number.js';

/**
 * The domain functions the pack's expressions may call, with their CEL signatures. Dates are
 * 'YYYY-MM-DD' strings; integers are BigInt (CEL int), money is double.
 */
/** Whole months from `a` to `b` (negative when b is earlier): 2017-07-01 → 2019-06-30 is 23. */
export function monthsBetween(a: string, b: string): number {
  if (b < a) return -monthsBetween(b, a);
  let m =
    (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + (Number(b.slice(5, 7)) - Number(a.slice(5, 7)));
  if (b.slice(8, 10) < a.slice(8, 10)) m -= 1;
  return m;
}

export function addMonths(d: string, n: number): string {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(d.slice(8, 10)), last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** min/max of two values of one type (the checker makes sure they are). No function name is overloaded: see expression.ts. */
const smaller = <T extends number | bigint>(a: T, b: T): T => (a < b ? a : b);
const larger = <T extends number | bigint>(a: T, b: T): T => (a > b ? a : b);

export interface CelFunction {
  signature: string;
  handler: (...args: never[]) => unknown;
  description: string;
}

export const celFunctions: CelFunction[] = [
  {
    signature: 'ageOn(string, string): int',
    handler: ((birth: string, on: string) => BigInt(ageOn(birth, on))) as never,
    description: '周岁：ageOn(出生日期, 日期)',
  },
  {
    signature: 'monthsBetween(string, string): int',
    handler: ((a: string, b: string) => BigInt(monthsBetween(a, b))) as never,
    description: '两个日期之间的整月数',
  },
  {
    signature: 'daysBetween(string, string): int',
    handler: ((a: string, b: string) => BigInt(dayNumberOf(b) - dayNumberOf(a))) as never,
    description: '两个日期之间的天数（b − a）',
  },
  {
    signature: 'addMonths(string, int): string',
    handler: ((d: string, n: bigint) => addMonths(d, Number(n))) as never,
    description: '日期加若干月',
  },
  {
    signature: 'yearOf(string): int',
    handler: ((d: string) => BigInt(d.slice(0, 4))) as never,
    description: '日期所在年份',
  },
  {
    signature: 'roundFen(double): double',
    handler: ((x: number) => roundFen(x)) as never,
    description: '四舍五入到分',
  },
  {
    signature: 'floorFen(double): double',
    handler: ((x: number) => floorFen(x)) as never,
    description: '舍去到分（“不超过”的上限不因四舍五入而超出）',
  },
  {
    signature: 'workingDaysBetween(string, string): int',
    handler: ((a: string, b: string) => BigInt(workingDaysBetween(a, b))) as never,
    description: '两个日期之间的工作日数（按国务院办公厅节假日安排，2019—2026）',
  },
  {
    signature: 'sumOf(list<double>): double',
    handler: ((xs: number[]) => xs.reduce((a, b) => a + b, 0)) as never,
    description: '列表求和（金额），如 sumOf(list.map(x, …))',
  },
  {
    signature: 'min(double, double): double',
    handler: smaller as never,
    description: '较小值',
  },
  {
    signature: 'max(double, double): double',
    handler: larger as never,
    description: '较大值',
  },
  {
    signature: 'minInt(int, int): int',
    handler: smaller as never,
    description: '较小值',
  },
  {
    signature: 'maxInt(int, int): int',
    handler: larger as never,
    description: '较大值',
  },
];
