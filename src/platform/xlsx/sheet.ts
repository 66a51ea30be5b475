import ExcelJS from 'exceljs';
import { formatBeijing } from '../../shared/dates/beijing.js';

/**
 * One list as an .xlsx people open in Excel or WPS (issue 13): the title in row 1, 制表时间 in
 * Beijing time in row 2, the header row (row 3) frozen with an auto-filter, widths fitted to the
 * content, money as 0.00 and percentages as 0.00%. Every list staff work from is exported this way:
 * its GET endpoint answers `format=xlsx` with the same filters (see sendXlsx).
 */
export type ColumnFormat = 'text' | 'date' | 'datetime' | 'money' | 'integer' | 'percent';

export interface SheetColumn<Row> {
  key: keyof Row & string;
  header: string;
  format?: ColumnFormat;
}

export interface SheetSpec<Row> {
  title: string;
  columns: ReadonlyArray<SheetColumn<Row>>;
  rows: Iterable<Row>;
  /** The worksheet's tab name (default: the title, cut to Excel's 31 characters). */
  sheetName?: string;
  /** When the sheet was made (default now); shown in Beijing time. */
  at?: Date;
}

/** The first data row (1 title, 2 制表时间, 3 header). */
export const FIRST_DATA_ROW = 4;

const NUM_FMT: Partial<Record<ColumnFormat, string>> = {
  money: '#,##0.00',
  integer: '0',
  percent: '0.00%',
};

/** How many characters wide a cell's text looks (CJK characters count two). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

function cellValue(value: unknown, format: ColumnFormat): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  switch (format) {
    case 'money':
    case 'integer':
    case 'percent': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : String(value);
    }
    case 'datetime':
      return formatBeijing(value as string | Date);
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean);
  }
}

/** A workbook holding the list. */
export function buildSheet<Row>(spec: SheetSpec<Row>): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiuye';
  wb.created = spec.at ?? new Date();
  const name = (spec.sheetName ?? spec.title).replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet1';
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: FIRST_DATA_ROW - 1 }] });
  const n = spec.columns.length;
  const title = ws.getCell(1, 1);
  title.value = spec.title;
  title.font = { bold: true, size: 14 };
  if (n > 1) ws.mergeCells(1, 1, 1, n);
  ws.getCell(2, 1).value = `制表时间：${formatBeijing(spec.at ?? new Date())}（北京时间）`;
  if (n > 1) ws.mergeCells(2, 1, 2, n);
  const header = ws.getRow(FIRST_DATA_ROW - 1);
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
  });
  const widths = spec.columns.map((c) => displayWidth(c.header));
  let r = FIRST_DATA_ROW;
  for (const row of spec.rows) {
    const line = ws.getRow(r++);
    spec.columns.forEach((c, i) => {
      const format = c.format ?? 'text';
      const value = cellValue((row as Record<string, unknown>)[c.key], format);
      const cell = line.getCell(i + 1);
      cell.value = value;
      const fmt = NUM_FMT[format];
      if (fmt) cell.numFmt = fmt;
      const shown = typeof value === 'number' && format === 'money' ? value.toFixed(2) : String(value ?? '');
      widths[i] = Math.max(widths[i]!, displayWidth(shown) + (format === 'percent' ? 2 : 0));
    });
  }
  spec.columns.forEach((_, i) => {
    ws.getColumn(i + 1).width = Math.min(60, Math.max(8, widths[i]! + 2));
  });
  ws.autoFilter = {
    from: { row: FIRST_DATA_ROW - 1, column: 1 },
    to: { row: Math.max(r - 1, FIRST_DATA_ROW - 1), column: Math.max(n, 1) },
  };
  return wb;
}

/** The list as .xlsx bytes. */
export async function sheetBuffer<Row>(spec: SheetSpec<Row>): Promise<Buffer> {
  return Buffer.from(await buildSheet(spec).xlsx.writeBuffer());
}
