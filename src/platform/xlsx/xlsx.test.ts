import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { contentDisposition, FIRST_DATA_ROW, sendXlsx, sheetBuffer } from './index.js';

const spec = {
  title: '申请列表',
  at: new Date('2026-12-07T15:31:00Z'),
  columns: [
    { key: 'reference', header: '申请编号' },
    { key: 'submittedAt', header: '提交时间', format: 'datetime' },
    { key: 'amount', header: '金额（元）', format: 'money' },
    { key: 'count', header: '人数', format: 'integer' },
    { key: 'rate', header: '留用率', format: 'percent' },
  ],
  rows: [
    {
      reference: 'LY-2026-000123',
      submittedAt: '2026-12-01T16:05:00Z',
      amount: 4400,
      count: 3,
      rate: 0.6667,
    },
    { reference: 'LY-2026-000124', submittedAt: null, amount: 1234.5, count: 0, rate: 1 },
  ],
} as const;

async function readBack(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

describe('an .xlsx list', () => {
  it('has the title, 制表时间 in Beijing time, a frozen filtered header and typed values', async () => {
    const ws = await readBack(
      await sheetBuffer({ ...spec, columns: [...spec.columns], rows: [...spec.rows] }),
    );
    expect(ws.name).toBe('申请列表');
    expect(ws.getCell('A1').value).toBe('申请列表');
    expect(ws.getCell('A2').value).toBe('制表时间：2026-12-07 23:31（北京时间）');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: FIRST_DATA_ROW - 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getRow(3).values).toEqual([undefined, '申请编号', '提交时间', '金额（元）', '人数', '留用率']);
    const first = ws.getRow(4);
    expect(first.getCell(1).value).toBe('LY-2026-000123');
    expect(first.getCell(2).value).toBe('2026-12-02 00:05');
    expect(first.getCell(3).value).toBe(4400);
    expect(first.getCell(3).numFmt).toBe('#,##0.00');
    expect(first.getCell(5).value).toBe(0.6667);
    expect(first.getCell(5).numFmt).toBe('0.00%');
    expect(ws.getRow(5).getCell(2).value).toBeNull();
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(14);
  });

  it('is sent as a download with the Chinese file name (RFC 5987)', async () => {
    const app = Fastify();
    app.get('/x', (_req, reply) =>
      sendXlsx(reply, { ...spec, columns: [...spec.columns], rows: [...spec.rows] }),
    );
    const res = await app.inject({ method: 'GET', url: '/x' });
    await app.close();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent('申请列表-2026-12-07.xlsx')}`,
    );
    const ws = await readBack(res.rawPayload);
    expect(ws.getCell('A1').value).toBe('申请列表');
    expect(contentDisposition('ledger-2026.xlsx')).toContain('filename="ledger-2026.xlsx"');
  });
});
