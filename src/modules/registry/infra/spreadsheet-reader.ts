import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../../platform/errors/index.js';
import type { CellValue } from '../domain/import-rows.js';

/** One row of a sheet, numbered as the spreadsheet numbers it (the first row is 1). */
export interface SheetRow {
  row: number;
  cells: CellValue[];
}

export type SheetFormat = 'xlsx' | 'csv';

export interface Sheet {
  format: SheetFormat;
  /** For CSV: the encoding it was read in. */
  encoding?: 'utf-8' | 'gb18030' | 'utf-16le';
  rows: AsyncIterable<SheetRow>;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * Decode a CSV file's bytes: a UTF-8 byte-order mark or valid UTF-8 means UTF-8, a UTF-16 LE mark
 * means UTF-16 (Excel's "Unicode text"), anything else is taken as GB18030 (a superset of GBK and
 * GB2312, what Excel saves CSV in on Chinese Windows).
 */
export function decodeCsvBytes(bytes: Uint8Array): {
  text: string;
  encoding: 'utf-8' | 'gb18030' | 'utf-16le';
} {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Open a spreadsheet from its bytes: .xlsx by its content (a zip), CSV otherwise. */
export function openSheet(bytes: Buffer): Sheet {
  if (bytes.subarray(0, 4).equals(OLE))
    throw new AppError('IMPORT_FILE_UNREADABLE', {
      zh: '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入',
      en: 'Legacy .xls files are not supported; save as .xlsx or CSV',
    });
  if (bytes.subarray(0, 4).equals(ZIP)) return { format: 'xlsx', rows: xlsxRows(bytes) };
  const { text, encoding } = decodeCsvBytes(bytes);
  return { format: 'csv', encoding, rows: csvRows(text) };
}

async function* csvRows(text: string): AsyncGenerator<SheetRow> {
  let records: string[][];
  try {
    // Empty lines are kept as records so that record i is the spreadsheet's row i + 1.
    records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      delimiter: [',', '\t'],
    });
  } catch (e) {
    throw new AppError('IMPORT_FILE_UNREADABLE', {
      zh: `CSV 文件无法读取：${e instanceof Error ? e.message.slice(0, 200) : ''}`,
      en: 'The CSV file cannot be read',
      cause: e,
    });
  }
  for (let i = 0; i < records.length; i++) yield { row: i + 1, cells: records[i]! };
}

/**
 * The first worksheet of an .xlsx. Read whole, not streamed: exceljs's streaming reader cuts Chinese
 * characters in two where its chunks meet (seen on a 20,000-row sheet: 6 names came out as U+FFFD).
 */
async function* xlsxRows(bytes: Buffer): AsyncGenerator<SheetRow> {
  const rows: SheetRow[] = [];
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const worksheet = wb.worksheets[0];
    worksheet?.eachRow({ includeEmpty: false }, (row, number) => {
      const values = row.values as unknown[];
      const cells: CellValue[] = [];
      for (let c = 1; c < values.length; c++) cells.push(cellOf(values[c]));
      rows.push({ row: number, cells });
    });
  } catch (e) {
    throw new AppError('IMPORT_FILE_UNREADABLE', {
      zh: '.xlsx 文件无法读取，文件可能已损坏',
      en: 'The .xlsx file cannot be read',
      cause: e,
    });
  }
  yield* rows;
}

/** An exceljs cell value as a plain value: rich text joined, formulas by their result, links by their text. */
function cellOf(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellOf(o.result);
    if (o.text !== undefined) return cellOf(o.text);
  }
  return null;
}
