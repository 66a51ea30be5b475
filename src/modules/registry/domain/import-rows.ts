import { daysInMonth, isCalendarDate } from '../../../shared/dates/calendar-date.js';
import type { Education } from '../../../shared/facts/vocabulary.js';
import { normalizeCode } from '../../../shared/identity/normalize.js';
import { parseIdNumber, type IdNumberKind, type Sex } from '../../../shared/identity/index.js';
import { divisionLevelOfCode, isActiveDivision } from '../../divisions/index.js';

/**
 * The rows of a legacy registry spreadsheet (姓名, 公民身份号码, 常住地行政区划代码 …), read and checked
 * one by one: pure functions, no database. `jiuye registry import` and `POST /registry/imports` use them
 * (decision 0019).
 */

/** A cell as the readers give it: text (CSV, or an xlsx text cell), a number, a boolean or an Excel date. */
export type CellValue = string | number | boolean | Date | null | undefined;

/** The columns, by their Chinese header; `required` ones must be in the header row. */
export const IMPORT_COLUMNS = {
  name: { header: '姓名', required: true },
  idNumber: { header: '公民身份号码', required: true },
  residenceDivision: { header: '常住地行政区划代码', required: true },
  phone: { header: '联系电话', required: false },
  hukouDivision: { header: '户籍地行政区划代码', required: false },
  education: { header: '文化程度', required: false },
  leftSchoolOn: { header: '毕业离校日期', required: false },
  disabled: { header: '是否残疾', required: false },
} as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;
const COLUMN_BY_HEADER = new Map<string, ImportColumn>(
  Object.entries(IMPORT_COLUMNS).map(([k, v]) => [v.header, k as ImportColumn]),
);

/**
 * A header cell as people type it: whitespace anywhere (also the full-width space) is dropped, and a
 * trailing hint in brackets, half- or full-width (`是否残疾（是/否）`, `毕业离校日期(年-月-日)`), is
 * ignored. What remains must equal a column's header exactly.
 */
export function normalizeHeader(cell: CellValue): string {
  const s = cellText(cell).replace(/[\s\u3000\ufeff]/g, '');
  return s.replace(/[（(][^（）()]*[）)]$/, '');
}

export type HeaderResult =
  | { ok: true; columns: Partial<Record<ImportColumn, number>>; ignored: string[] }
  | { ok: false; missing: string[]; duplicated: string[] };

/** Which column index holds each field; missing required headers and duplicated ones are errors. */
export function matchHeaders(cells: readonly CellValue[]): HeaderResult {
  const columns: Partial<Record<ImportColumn, number>> = {};
  const ignored: string[] = [];
  const duplicated: string[] = [];
  cells.forEach((cell, i) => {
    const h = normalizeHeader(cell);
    if (!h) return;
    const col = COLUMN_BY_HEADER.get(h);
    if (!col) ignored.push(cellText(cell).trim());
    else if (columns[col] !== undefined) duplicated.push(IMPORT_COLUMNS[col].header);
    else columns[col] = i;
  });
  const missing = Object.entries(IMPORT_COLUMNS)
    .filter(([k, v]) => v.required && columns[k as ImportColumn] === undefined)
    .map(([, v]) => v.header);
  if (missing.length || duplicated.length) return { ok: false, missing, duplicated };
  return { ok: true, columns, ignored };
}

/** Why a row is not imported: a stable code, and the messages people read. */
export const ROW_PROBLEMS = {
  NAME_MISSING: { zh: '姓名为空', en: 'Name is empty' },
  NAME_INVALID: {
    zh: '姓名含有不应出现的字符或超过50个字',
    en: 'Name has unexpected characters or is too long',
  },
  ID_NUMBER_MISSING: { zh: '公民身份号码为空', en: 'ID number is empty' },
  ID_NUMBER_AS_NUMBER: {
    zh: '公民身份号码被存成了数字，末几位已丢失，请把该列设为文本后重新导出',
    en: 'ID number was stored as a number and lost its last digits; format the column as text',
  },
  ID_NUMBER_INVALID: { zh: '公民身份号码不正确', en: 'Invalid ID number' },
  DIVISION_MISSING: { zh: '常住地行政区划代码为空', en: 'Residence division is empty' },
  DIVISION_UNKNOWN: {
    zh: '常住地行政区划代码不存在或已撤销，应为本县现行的乡镇（街道）或村（社区）代码',
    en: 'Residence division is not an active township or village of the county',
  },
  DIVISION_OUT_OF_SCOPE: {
    zh: '常住地不在本账号的管辖范围内',
    en: 'Residence division is outside your jurisdiction',
  },
  HUKOU_DIVISION_UNKNOWN: {
    zh: '户籍地行政区划代码不正确（应为6、9或12位；本县的须为现行代码）',
    en: 'Household-registration division is not valid',
  },
  PHONE_INVALID: { zh: '联系电话格式不正确', en: 'Invalid phone number' },
  EDUCATION_UNKNOWN: {
    zh: '文化程度应为 小学、初中、高中、中职、大专、本科、硕士研究生 或 博士研究生',
    en: 'Unknown education level',
  },
  DATE_INVALID: {
    zh: '毕业离校日期不是有效日期（可写 2019-07-01、2019/7/1 或 2019年7月1日）',
    en: 'Date of leaving school is not a valid date',
  },
  DATE_OUT_OF_RANGE: {
    zh: '毕业离校日期早于出生日期或晚于导入日期',
    en: 'Date of leaving school is before birth or after the import date',
  },
  DISABLED_INVALID: { zh: '是否残疾应填 是 或 否', en: 'Disabled must be 是 or 否' },
  DUPLICATE_IN_FILE: {
    zh: '公民身份号码与本文件前面的行重复',
    en: 'ID number repeats an earlier row of the file',
  },
  REGISTRY_DIFFERS: {
    zh: '该公民身份号码已登记，但与登记库中的信息不一致，未作修改',
    en: 'Already registered with different data; left unchanged',
  },
} as const;
export type RowProblemCode = keyof typeof ROW_PROBLEMS;

export interface RowProblem {
  /** The spreadsheet's own row number (the header is row 1). */
  row: number;
  code: RowProblemCode;
  /** Chinese, then English: the first problem's message, with the others after it. */
  messageZh: string;
  messageEn: string;
}

/** A row that passed every check, ready to be compared with the registry or registered. */
export interface ImportPerson {
  row: number;
  name: string;
  idNumber: string;
  idKind: IdNumberKind;
  birthDate: string;
  sex: Sex;
  convertedFrom15: boolean;
  residenceDivision: string;
  hukouDivision?: string | undefined;
  phone?: string | undefined;
  education?: Education | undefined;
  leftSchoolOn?: string | undefined;
  disabled?: boolean | undefined;
}

export interface RowCheckOptions {
  /** The day the import refers to: divisions must be active on it; birth dates and dates of leaving school may not be after it. */
  asOf: string;
  /** The importing actor's division (a code prefix; '' for the system): residences must lie inside it. */
  scope: string;
}

// ---------------------------------------------------------------------------------------------------
// Cells

/** A cell's text: strings trimmed (also of full-width spaces), numbers without exponent where exact. */
export function cellText(cell: CellValue): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.replace(/^[\s\u3000\ufeff]+|[\s\u3000\ufeff]+$/g, '');
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return isNaN(cell.getTime()) ? '' : cell.toISOString();
}

export const isBlank = (cell: CellValue) => cellText(cell) === '';

/** Middle dots of minority names as typed (・ • ‧ ･ ∙ ·) become the standard U+00B7. */
const MIDDLE_DOTS = /[\u30fb\u2022\u2027\uff65\u2219\u22c5\u0387]/g;
const HAN = /\p{Script=Han}/u;

/**
 * A person's name as written in the registry: compatibility forms folded (NFKC), a Chinese name's
 * stray spaces removed (`张 三` → `张三`), other names' spaces collapsed, middle dots unified.
 * Null when it is not a plausible name (digits, symbols, over 50 characters).
 */
export function normalizeName(cell: CellValue): string | null {
  let s = cellText(cell).normalize('NFKC').replace(MIDDLE_DOTS, '\u00b7');
  s = s.replace(/\s*\u00b7\s*/g, '\u00b7');
  s = HAN.test(s) && !/[A-Za-z]/.test(s) ? s.replace(/\s+/g, '') : s.replace(/\s+/g, ' ').trim();
  if (!s) return '';
  if (s.length > 50 || !/^[\p{L}\p{M}\u00b7.' -]+$/u.test(s)) return null;
  return s;
}

/** A calendar date from an Excel date, an Excel serial number, `20190701`, or text (several forms). */
export function parseDateCell(cell: CellValue): string | null {
  if (cell instanceof Date) {
    if (isNaN(cell.getTime())) return null;
    // Excel dates carry no time zone: readers give them as UTC midnight of the day shown.
    return cell.toISOString().slice(0, 10);
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 29991231) return ymd(String(cell));
    if (cell >= 1 && cell < 100_000) return excelSerialDate(Math.floor(cell));
    return null;
  }
  if (typeof cell !== 'string') return null;
  const s = cell.normalize('NFKC').trim();
  let m = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(
    s,
  );
  m ??= /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/.exec(s);
  if (m) return dateOf(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{8}$/.test(s)) return ymd(s);
  return null;
}

function ymd(s: string): string | null {
  return dateOf(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
}

function dateOf(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isCalendarDate(s) ? s : null;
}

/** Excel's 1900 date system (serial 1 = 1900-01-01, with its phantom 1900-02-29 as serial 60). */
export function excelSerialDate(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial === 60) return null;
  const days = serial < 60 ? serial : serial - 1;
  const t = Date.UTC(1899, 11, 31) + days * 86_400_000;
  const s = new Date(t).toISOString().slice(0, 10);
  return isCalendarDate(s) && s <= '2999-12-31' ? s : null;
}

/** The education levels as legacy sheets write them: the eight of the form, and plain synonyms of them. */
const EDUCATION_WORDS: Record<string, Education> = {
  小学: 'primary',
  初中: 'juniorSecondary',
  高中: 'seniorSecondary',
  中职: 'secondaryVocational',
  大专: 'college',
  本科: 'bachelor',
  硕士研究生: 'master',
  博士研究生: 'doctorate',
  // Synonyms that name the same level without doubt.
  初级中学: 'juniorSecondary',
  普通高中: 'seniorSecondary',
  中专: 'secondaryVocational',
  职高: 'secondaryVocational',
  技校: 'secondaryVocational',
  中等职业教育: 'secondaryVocational',
  专科: 'college',
  大学专科: 'college',
  高职: 'college',
  大学本科: 'bachelor',
  硕士: 'master',
  博士: 'doctorate',
};

/** Undefined for a blank cell, null for a word that is not an education level. */
export function parseEducation(cell: CellValue): Education | null | undefined {
  const s = cellText(cell).normalize('NFKC').replace(/\s+/g, '');
  if (!s) return undefined;
  return EDUCATION_WORDS[s] ?? null;
}

/** 是 / 否 (and a spreadsheet's TRUE / FALSE); undefined for a blank cell, null otherwise. */
export function parseYesNo(cell: CellValue): boolean | null | undefined {
  if (typeof cell === 'boolean') return cell;
  const s = cellText(cell).normalize('NFKC').replace(/\s+/g, '');
  if (!s) return undefined;
  if (s === '是') return true;
  if (s === '否') return false;
  return null;
}

/** A division code from a text or number cell (full-width digits, spaces folded); null if not digits. */
export function parseDivisionCell(cell: CellValue): string | null {
  const s =
    typeof cell === 'number'
      ? Number.isSafeInteger(cell)
        ? String(cell)
        : ''
      : normalizeCode(cellText(cell));
  return /^\d{6}(\d{3}(\d{3})?)?$/.test(s) ? s : null;
}

/** A mainland mobile (11 digits from 13–19) or a landline with area code; the registry's own rule. */
export function parsePhoneCell(cell: CellValue): string | null {
  const raw = typeof cell === 'number' && Number.isSafeInteger(cell) ? String(cell) : cellText(cell);
  const s = normalizeCode(raw).replace(/[\s()（）]/g, '');
  if (/^1[3-9]\d{9}$/.test(s)) return s;
  const land = /^(0\d{2,3})-?(\d{7,8})$/.exec(s);
  return land ? `${land[1]}-${land[2]}` : null;
}

// ---------------------------------------------------------------------------------------------------
// Rows

export type RowResult = { ok: true; person: ImportPerson } | { ok: false; problem: RowProblem };

/** Check one data row; every problem is named, the first one's code is the row's code. */
export function checkRow(
  row: number,
  cells: readonly CellValue[],
  columns: Partial<Record<ImportColumn, number>>,
  opts: RowCheckOptions,
): RowResult {
  const problems: { code: RowProblemCode; detail?: string }[] = [];
  const at = (c: ImportColumn): CellValue => (columns[c] === undefined ? undefined : cells[columns[c]]);

  const name = normalizeName(at('name'));
  if (name === '') problems.push({ code: 'NAME_MISSING' });
  else if (name === null) problems.push({ code: 'NAME_INVALID' });

  const idCell = at('idNumber');
  let id: ReturnType<typeof parseIdNumber> | undefined;
  if (isBlank(idCell)) problems.push({ code: 'ID_NUMBER_MISSING' });
  else if (typeof idCell === 'number' && !Number.isSafeInteger(idCell))
    problems.push({ code: 'ID_NUMBER_AS_NUMBER' });
  else if (typeof idCell === 'string' && /^\d(\.\d+)?E\+\d+$/i.test(idCell.trim()))
    problems.push({ code: 'ID_NUMBER_AS_NUMBER' });
  else {
    id = parseIdNumber(cellText(idCell), opts.asOf);
    if (!id.ok) problems.push({ code: 'ID_NUMBER_INVALID', detail: id.error.messageZh });
  }

  const residenceCell = at('residenceDivision');
  const residence = parseDivisionCell(residenceCell);
  if (isBlank(residenceCell)) problems.push({ code: 'DIVISION_MISSING' });
  else if (!residence || !isLocalDivision(residence, opts.asOf)) problems.push({ code: 'DIVISION_UNKNOWN' });
  else if (!residence.startsWith(opts.scope)) problems.push({ code: 'DIVISION_OUT_OF_SCOPE' });

  const phoneCell = at('phone');
  const phone = isBlank(phoneCell) ? undefined : parsePhoneCell(phoneCell);
  if (phone === null) problems.push({ code: 'PHONE_INVALID' });

  const hukouCell = at('hukouDivision');
  const hukou = isBlank(hukouCell) ? undefined : parseDivisionCell(hukouCell);
  if (hukou === null || (hukou && hukou.startsWith('211382') && !isActiveDivision(hukou, opts.asOf)))
    problems.push({ code: 'HUKOU_DIVISION_UNKNOWN' });

  const education = parseEducation(at('education'));
  if (education === null) problems.push({ code: 'EDUCATION_UNKNOWN' });

  const leftCell = at('leftSchoolOn');
  const leftSchoolOn = isBlank(leftCell) ? undefined : parseDateCell(leftCell);
  if (leftSchoolOn === null) problems.push({ code: 'DATE_INVALID' });
  else if (
    leftSchoolOn &&
    (leftSchoolOn > opts.asOf || (id?.ok === true && leftSchoolOn < id.value.birthDate))
  )
    problems.push({ code: 'DATE_OUT_OF_RANGE' });

  const disabled = parseYesNo(at('disabled'));
  if (disabled === null) problems.push({ code: 'DISABLED_INVALID' });

  if (problems.length || !id?.ok || !name || !residence) {
    const first = problems[0] ?? { code: 'ID_NUMBER_INVALID' as const };
    const zh = problems.map((p) => ROW_PROBLEMS[p.code].zh + (p.detail ? `：${p.detail}` : '')).join('；');
    const en = problems.map((p) => ROW_PROBLEMS[p.code].en).join('; ');
    return { ok: false, problem: { row, code: first.code, messageZh: zh, messageEn: en } };
  }
  return {
    ok: true,
    person: {
      row,
      name,
      idNumber: id.value.normalized,
      idKind: id.value.kind,
      birthDate: id.value.birthDate,
      sex: id.value.sex,
      convertedFrom15: id.value.convertedFrom15,
      residenceDivision: residence,
      hukouDivision: hukou ?? undefined,
      phone: phone ?? undefined,
      education: education ?? undefined,
      leftSchoolOn: leftSchoolOn ?? undefined,
      disabled: disabled ?? undefined,
    },
  };
}

/** Where people live: a township/street or village/community of the county active on the import's date (as the registry). */
function isLocalDivision(code: string, asOf: string): boolean {
  const level = divisionLevelOfCode(code);
  return (level === 'township' || level === 'village') && isActiveDivision(code, asOf);
}

/** A problem found later (a duplicate, a difference with the registry), in the same shape. */
export function rowProblem(
  row: number,
  code: RowProblemCode,
  detailZh?: string,
  detailEn?: string,
): RowProblem {
  return {
    row,
    code,
    messageZh: ROW_PROBLEMS[code].zh + (detailZh ? `：${detailZh}` : ''),
    messageEn: ROW_PROBLEMS[code].en + (detailEn ? `: ${detailEn}` : ''),
  };
}

/** A row is blank when every cell is. Blank rows are skipped, neither imported nor rejected. */
export const isBlankRow = (cells: readonly CellValue[]) => cells.every(isBlank);
