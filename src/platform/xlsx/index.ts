/** .xlsx exports of the lists staff work from (issue 13): one sheet layout, one download helper. */
export {
  buildSheet,
  sheetBuffer,
  FIRST_DATA_ROW,
  type ColumnFormat,
  type SheetColumn,
  type SheetSpec,
} from './sheet.js';
export { contentDisposition, sendXlsx, XLSX_TYPE } from './send.js';
export { XlsxFormatQuerySchema, wantsXlsx } from './query.js';
