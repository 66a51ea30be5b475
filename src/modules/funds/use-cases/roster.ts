import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { fenToYuan } from '../domain/money.js';
import { PART_NAMES } from '../domain/payments.js';
import { batchRepository, type BatchRow } from '../infra/batch.repository.js';
import type { FundsContext } from '../funds-context.js';
import { itemView, loadBatch, type BatchItemView } from './payment-batches.js';
import { scopeOf } from './scope.js';

export const RosterQuerySchema = z.strictObject({
  reveal: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('完整显示证件号码和银行账号（须有权限并填写事由，记入审计）'),
  reason: z.string().min(2).max(200).optional(),
});
export type RosterQuery = { reveal?: boolean | undefined; reason?: string | undefined };

const COLUMNS = [
  { key: 'seq', header: '序号', width: 8 },
  { key: 'itemId', header: '明细编号', width: 12 },
  { key: 'name', header: '姓名/单位名称', width: 24 },
  { key: 'idNumber', header: '证件号码', width: 22 },
  { key: 'bankName', header: '开户银行', width: 24 },
  { key: 'bankAccount', header: '银行账号', width: 26 },
  { key: 'amount', header: '金额（元）', width: 14 },
  { key: 'programme', header: '项目', width: 30 },
  { key: 'part', header: '拨付部分', width: 10 },
  { key: 'fund', header: '资金', width: 26 },
] as const;

export interface PreparedRoster {
  batch: BatchRow;
  filename: string;
  contentType: string;
  /** Stream the roster into `out` (and end it). */
  write(out: Writable): Promise<{ rows: number; totalFen: number }>;
}

/**
 * 发放花名册 of a batch, as .xlsx (streamed by exceljs's workbook writer) or CSV (UTF-8 with BOM, for
 * Excel): every line not failed, with the payee's ID number and bank account masked — or in full for
 * a role with `payments.reveal` that gives a reason. The download is audited (with the reason) before
 * the first byte is written.
 */
export async function prepareRoster(
  ctx: FundsContext,
  actor: Actor,
  id: number,
  format: 'xlsx' | 'csv',
  query: RosterQuery,
  opts: { county?: string } = {},
): Promise<PreparedRoster> {
  requirePermission(actor, 'payments.manage');
  const reveal = query.reveal === true;
  if (reveal) {
    requirePermission(actor, 'payments.reveal');
    if (!query.reason?.trim()) throw new AppError('REASON_REQUIRED', { path: 'reason' });
  }
  const batch = await loadBatch(ctx, actor, id, opts.county);
  if (batch.status === 'building')
    throw new AppError('PAYMENT_BATCH_STATE', { zh: '批次尚未编制完成，不能导出花名册' });
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: reveal ? 'paymentBatch.roster.reveal' : 'paymentBatch.roster',
      entityType: 'paymentBatch',
      entityId: batch.id,
      details: { format, ...(reveal ? { reason: query.reason!.trim() } : {}) },
    }),
  );
  const scope = scopeOf(actor, batch.county);
  async function* items(): AsyncGenerator<BatchItemView> {
    let after = 0;
    for (;;) {
      const page = await batchRepository.page(ctx.db, batch, scope, after, 2000, false);
      if (!page.length) return;
      for (const r of page) yield itemView(ctx, r, reveal);
      after = page.at(-1)!.seq;
    }
  }
  const cells = (v: BatchItemView) => ({
    seq: v.seq,
    itemId: v.itemId,
    name: v.payeeName,
    idNumber: v.idNumber,
    bankName: v.bankName ?? '',
    bankAccount: v.bankAccount ?? '',
    programme: v.programmeName,
    part: PART_NAMES[v.part],
    fund: v.fundName,
  });
  const filename = `payment-batch-${batch.id}-roster.${format}`;
  if (format === 'csv') {
    return {
      batch,
      filename,
      contentType: 'text/csv; charset=utf-8',
      async write(out) {
        let rows = 0;
        let totalFen = 0;
        async function* records() {
          for await (const v of items()) {
            rows++;
            totalFen += v.amountFen;
            yield { ...cells(v), amount: fenToYuan(v.amountFen) };
          }
          yield { seq: '合计', itemId: '', name: `${rows} 笔`, amount: fenToYuan(totalFen) };
        }
        await pipeline(
          Readable.from(records()),
          stringify({
            bom: true,
            header: true,
            columns: COLUMNS.map((c) => ({ key: c.key, header: c.header })),
          }),
          out,
        );
        return { rows, totalFen };
      },
    };
  }
  return {
    batch,
    filename,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    async write(out) {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: true,
        useSharedStrings: false,
      });
      wb.creator = 'Jiuye 凌源市公共就业服务信息系统';
      const ws = wb.addWorksheet('发放花名册');
      ws.columns = COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width }));
      ws.getColumn('amount').numFmt = '#,##0.00';
      let rows = 0;
      let totalFen = 0;
      for await (const v of items()) {
        rows++;
        totalFen += v.amountFen;
        // Excel holds numbers as doubles: the cell is the yuan amount, shown with two decimals, so the
        // column sums; the exact figure is the integer fen it was made from.
        ws.addRow({ ...cells(v), amount: v.amountFen / 100 }).commit();
        if (rows % 5000 === 0 && out.writableNeedDrain) await once(out, 'drain');
      }
      ws.addRow({ seq: '合计', name: `${rows} 笔`, amount: totalFen / 100 }).commit();
      ws.commit();
      await wb.commit();
      return { rows, totalFen };
    },
  };
}
