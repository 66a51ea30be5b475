/** The shapes the monitoring and simulation APIs answer with, and pure helpers for the pages. */
import type { EChartsCoreOption } from './echarts';

export const STATUSES = ['approved', 'inReview', 'returned', 'draft', 'rejected', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];

export interface Figures {
  applications: number;
  byStatus: Record<Status, number>;
  committedFen: number;
  paidFen: number;
  registeredUnemployed: number;
  difficultyPersons: number;
}
export interface DivisionRef {
  code: string;
  name: string;
  level: 'county' | 'township' | 'village';
}
export interface Dashboard {
  division: DivisionRef;
  path: DivisionRef[];
  year: number;
  asOf: string;
  totals: Figures;
  children: Array<DivisionRef & { figures: Figures; hasChildren: boolean }>;
  unplaced: Figures | null;
  byProgramme: Array<{
    programme: string;
    name: string;
    applications: number;
    byStatus: Record<Status, number>;
  }>;
  funds: Array<{
    fund: string;
    name: string;
    nameEn: string;
    budgetFen: number;
    committedFen: number;
    paidFen: number;
    committedHereFen: number;
    paidHereFen: number;
  }>;
}

export interface SimulationSide {
  beneficiaries: number;
  cost: number;
}
export interface SimulationCell {
  programme: string;
  township: string;
  baseline: SimulationSide;
  reform: SimulationSide;
}
export interface SimulationResult {
  pack: string;
  scope: string;
  date: string;
  parameters: Record<string, unknown>;
  affected: string[];
  byProgramme: SimulationCell[];
  byProgrammeAndTownship: SimulationCell[];
  subjects: number;
  seconds: number;
}

/** Status colours: approved green, in review blue, returned orange, draft grey, rejected red, withdrawn grey. */
export const STATUS_COLOURS: Record<Status, string> = {
  approved: '#389e0d',
  inReview: '#1677ff',
  returned: '#fa8c16',
  draft: '#bfbfbf',
  rejected: '#cf1322',
  withdrawn: '#8c8c8c',
};

/** Fen → yuan text with thousands separators and at most two decimals. */
export function fenText(fen: number, lang: string): string {
  return (fen / 100).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 });
}

/** `part` of `whole` as a percentage with one decimal; a dash when the whole is zero. */
export function share(part: number, whole: number): string {
  if (!whole) return '—';
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;
}

/** A signed difference ("+1,200", "-300", "0"). */
export function signed(n: number, lang: string): string {
  const text = Math.abs(n).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 });
  return n > 0 ? `+${text}` : n < 0 ? `-${text}` : '0';
}

/** Chart height for `n` horizontal bars: enough room per bar, never below a readable minimum. */
export function barsHeight(n: number, perBar = 28): number {
  return Math.max(220, 80 + n * perBar);
}

/**
 * The simulation per township for one programme, named, sorted by the simulated cost (largest first),
 * with townships that appear on either side only.
 */
export function townshipRows(
  result: SimulationResult,
  programme: string,
  names: ReadonlyMap<string, string>,
): Array<SimulationCell & { name: string }> {
  return result.byProgrammeAndTownship
    .filter((c) => c.programme === programme)
    .map((c) => ({ ...c, name: names.get(c.township) ?? c.township }))
    .sort((a, b) => b.reform.cost - a.reform.cost || a.township.localeCompare(b.township));
}

/** What changed against the current values: only numbers (and amounts by key) that differ. */
export function changedParameters(
  current: Record<string, unknown>,
  edited: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, v] of Object.entries(edited)) {
    if (v === null || v === undefined) continue;
    if (JSON.stringify(v) !== JSON.stringify(current[id])) out[id] = v;
  }
  return out;
}

/** Early warning: a fund's budget is nearly used (90 % committed or more). */
export function budgetNearlyUsed(committedFen: number, budgetFen: number): boolean {
  return budgetFen > 0 && committedFen >= budgetFen * 0.9;
}

/**
 * The option of a horizontal bar chart: one row of bars per category, top to bottom, the series named in
 * a legend above; `legend` and `xAxis` add to the defaults.
 */
export function barChart(
  categories: string[],
  series: object[],
  more: { legend?: object; xAxis?: object } = {},
): EChartsCoreOption {
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, ...more.legend },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', ...more.xAxis },
    yAxis: { type: 'category', inverse: true, data: categories },
    series,
  };
}
