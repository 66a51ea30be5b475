import { parse } from 'csv-parse/sync';

export interface BankResult {
  itemId: number;
  outcome: 'paid' | 'failed';
  reason?: string | undefined;
}

export interface BankResultProblem {
  line: number;
  message: string;
}

const ITEM = ['明细编号', 'itemid', 'item_id', 'item'];
const OUTCOME = ['结果', '发放结果', 'result', 'outcome', 'status'];
const REASON = ['原因', '失败原因', 'reason', 'message'];
const PAID = new Set(['成功', '已发放', '发放成功', 'paid', 'success', 'ok']);
const FAILED = new Set(['失败', '退回', '发放失败', 'failed', 'fail', 'returned']);

/**
 * The bank's returned file as results: a CSV (UTF-8, with or without BOM) with a header naming the
 * item (明细编号 / itemId), the result (结果: 成功 / 失败) and, for a failure, the reason (原因).
 * Other columns (the roster's own) are ignored. Every bad line is reported with its number.
 */
export function parseBankResults(text: string): { results: BankResult[]; problems: BankResultProblem[] } {
  const rows = parse(text, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  }) as string[][];
  const problems: BankResultProblem[] = [];
  const header = (rows[0] ?? []).map((h) => h.toLowerCase());
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const [iItem, iOutcome, iReason] = [col(ITEM), col(OUTCOME), col(REASON)];
  if (iItem < 0 || iOutcome < 0) {
    return { results: [], problems: [{ line: 1, message: '表头须包含“明细编号”和“结果”两列' }] };
  }
  const results: BankResult[] = [];
  const seen = new Set<number>();
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const id = Number(row[iItem]);
    const outcomeText = (row[iOutcome] ?? '').toLowerCase();
    const reason = iReason >= 0 ? row[iReason] || undefined : undefined;
    if (!Number.isSafeInteger(id) || id <= 0) return problems.push({ line, message: '明细编号不正确' });
    if (seen.has(id)) return problems.push({ line, message: `明细编号 ${id} 重复` });
    seen.add(id);
    if (PAID.has(outcomeText)) return results.push({ itemId: id, outcome: 'paid' });
    if (FAILED.has(outcomeText)) {
      if (!reason) return problems.push({ line, message: '发放失败须注明原因' });
      return results.push({ itemId: id, outcome: 'failed', reason });
    }
    problems.push({ line, message: `无法识别的结果“${row[iOutcome] ?? ''}”（应为 成功 或 失败）` });
  });
  return { results, problems };
}
