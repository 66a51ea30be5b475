import type { Balances, BatchView } from './types';

/** Fen as yuan text with two decimals and thousands separators: 123456789 → '1,234,567.89'. */
export function fenText(fen: number, lang = 'zh-CN'): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.trunc(abs / 100).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Yuan typed by a person ('1,234.5', '¥800', '1000') as whole fen, read as text so '0.29' is 29 fen;
 * undefined when it is not an amount with at most two decimals.
 */
export function yuanToFen(text: string): number | undefined {
  const s = text
    .trim()
    .replace(/^[¥￥]/, '')
    .replaceAll(',', '')
    .replaceAll('，', '');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** How much of a budget is used, and whether to warn: near at 90 % used, over when none is left. */
export type BudgetLevel = 'none' | 'ok' | 'near' | 'over';
export const NEAR_SHARE = 0.9;

export interface Usage {
  budgetFen: number;
  committedFen: number;
  paidFen: number;
  guaranteedFen: number;
  remainingFen: number;
  /** Used share of the budget, 0–100 (over 100 when overspent), for the bar. */
  percent: number;
  level: BudgetLevel;
}

export function usage(budgetFen: number, b: Balances): Usage {
  const remainingFen = b.available;
  const used = budgetFen - remainingFen;
  const percent = budgetFen > 0 ? Math.round((used / budgetFen) * 1000) / 10 : used > 0 ? 100 : 0;
  const level: BudgetLevel =
    budgetFen <= 0 && used <= 0
      ? 'none'
      : remainingFen <= 0
        ? 'over'
        : used >= budgetFen * NEAR_SHARE
          ? 'near'
          : 'ok';
  return {
    budgetFen,
    committedFen: b.committed,
    paidFen: b.disbursed,
    guaranteedFen: b.guaranteed,
    remainingFen,
    percent,
    level,
  };
}

/** A batch cut off while being built or sent: running it again goes on from where it stopped. */
export function resumable(b: Pick<BatchView, 'status' | 'paid' | 'claimed'>): boolean {
  return b.status === 'building' || (b.status === 'sending' && b.claimed > 0);
}
