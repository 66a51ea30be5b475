import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { AppError } from '../../../platform/errors/index.js';

/** A department list as read: its header cells and its data rows, numbered as a spreadsheet numbers them. */
export interface ListTable {
  format: 'xlsx' | 'csv';
  header: string[];
  /** Data rows; `rowNumber` counts the header as 1. Wholly blank rows are left out (their numbers are kept). */
  rows: { rowNumber: number; cells: string[] }[];
}

function unreadable(en: string): AppError {
  return new AppError('VALIDATION_FAILED', {
    path: 'file',
    zh: '名单文件无法读取，应为 .xlsx 或 CSV（UTF-8 或 GB18030），第1行为表头',
    en,
  });
}

/** UTF-8 (with or without its byte-order mark) when the bytes are valid UTF-8, GB18030 otherwise. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** A calendar date from Excel's Date (exceljs gives the day at 00:00 UTC). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number')
    return Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : String(v).toUpperCase();
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v as unknown);
}

async function readXlsx(bytes: Buffer): Promise<ListTable> {
  // Loaded when needed: a large module, and most big lists come as CSV.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable('not a readable .xlsx file');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw unreadable('the workbook has no sheet');
  let header: string[] | null = null;
  const rows: ListTable['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    const n = row.cellCount;
    for (let c = 1; c <= n; c++) cells.push(cellText(row.getCell(c).value).trim());
    if (header === null) {
      if (row.number !== 1) throw unreadable('the header must be row 1');
      header = cells;
      return;
    }
    if (cells.some((c) => c !== '')) rows.push({ rowNumber: row.number, cells });
  });
  if (!header) throw unreadable('the sheet is empty');
  return { format: 'xlsx', header, rows };
}

/**
 * A CSV text without quotes, whose lines end in LF or CRLF: split by hand, as csv-parse would
 * (csv-parse takes about 5 µs a row; a million-row list is mostly like this). null otherwise.
 */
function splitPlainCsv(text: string): string[][] | null {
  if (text.includes('"')) return null;
  let cr = 0;
  for (let p = text.indexOf('\r'); p >= 0; p = text.indexOf('\r', p + 1)) {
    if (text.charCodeAt(p + 1) !== 10) return null;
    cr++;
  }
  const lines = text.split(cr ? '\r\n' : '\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (cr && lines.some((l) => l.includes('\n'))) return null; // mixed line ends
  return lines.map((l) => l.split(','));
}

function readCsv(bytes: Buffer): ListTable {
  let records: string[][];
  const text = decodeText(bytes);
  const plain = splitPlainCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (plain) return tableOf(plain);
  try {
    records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
  } catch {
    throw unreadable('not a readable CSV file');
  }
  return tableOf(records);
}

function tableOf(records: string[][]): ListTable {
  const header = records[0];
  if (!header) throw unreadable('the file is empty');
  const rows: ListTable['rows'] = [];
  for (let i = 1; i < records.length; i++) {
    // Trimmed in place (the records are ours): a million rows, no second array each.
    const cells = records[i]!;
    let blank = true;
    for (let k = 0; k < cells.length; k++) {
      const c = cells[k]!;
      const t =
        c.length &&
        (c.charCodeAt(0) <= 32 ||
          c.charCodeAt(c.length - 1) <= 32 ||
          c.charCodeAt(0) >= 0x80 ||
          c.charCodeAt(c.length - 1) >= 0x80)
          ? c.trim()
          : c;
      cells[k] = t;
      if (t !== '') blank = false;
    }
    if (!blank) rows.push({ rowNumber: i + 1, cells });
  }
  return { format: 'csv', header: header.map((h) => h.trim()), rows };
}

/** Read a list from its bytes: .xlsx when it is a zip, else CSV. Legacy .xls is refused. */
export async function readList(bytes: Buffer): Promise<ListTable> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw new AppError('VALIDATION_FAILED', {
      path: 'file',
      zh: '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入',
      en: 'Legacy .xls files are not supported; save as .xlsx or CSV',
    });
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return readXlsx(bytes);
  return readCsv(bytes);
}
