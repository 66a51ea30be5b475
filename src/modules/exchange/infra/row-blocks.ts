/**
 * The rows of a department list, stored compactly (migrations 0016 and 0019, docs/decisions/0020 and
 * 0024): blocks of up to BLOCK_ROWS rows in file order, each with its rows' decisions packed into one
 * deflated `bytea` (`matches`), and the rows' cells as given deflated and encrypted once per block
 * (`cells_enc`).
 *
 * `matches`, layout 2 (every row; deflate-raw of unsigned LEB128 varints): n (rows); the subject counties
 * named (count, then each code as a number); the townships named (likewise); then column by column, n
 * each: row-number deltas (the first from 0), status (STATUS_CODES), flag word (bit 0: the ID cell was
 * valid; bit 1 + k: reason REASON_CODES[k]), score, subject id + 1 (0: none), subject county (index),
 * township (index + 1, 0: none), candidate count; then every candidate in row order: its id, county
 * (index), score and reasons' flag word. `subject_keys`: the 32-byte subject key of each candidate row.
 * Layout 1 (read only, imports before 0019): matched rows of one subject county (the column), n; n
 * row-number deltas; n subject ids; n flag words — the import's other rows being in `exchange_rows`.
 *
 * `cells_enc` holds `cipher.encrypt(base64(deflate-raw(JSON.stringify(columns))))`, `columns` being one
 * array of strings per list column kept (person lists: 姓名, 公民身份号码, 性别, 出生日期, 乡镇（街道）;
 * enterprise lists: 企业名称, 统一社会信用代码), each with one cell per row.
 */
import zlib from 'node:zlib';
import type { PersonalDataCipher } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/database.js';
import { csvLine } from './copy-csv.js';
import { copyTextRows } from '../../../platform/db/copy-text.js';
import type { MatchStatus, Reason } from '../domain/person-matcher.js';

/** Rows per block: about 40 KB of cells once deflated (large single values load slowly into PGlite). */
export const BLOCK_ROWS = 4096;

/** Every reason, in the order a decision lists them (so a bit set gives back the same list). */
export const REASON_CODES: readonly Reason[] = [
  'id',
  'id-converted-15',
  'id-missing',
  'id-invalid',
  'id-not-found',
  'name-same',
  'name-close',
  'name-differs',
  'name-missing',
  'birth-same',
  'birth-from-damaged-id',
  'birth-differs',
  'township-same',
  'township-differs',
  'sex-same',
  'sex-differs',
  'confirmed-earlier',
  'dismissed-earlier',
  'too-many-namesakes',
];
const REASON_BIT = new Map<string, number>(REASON_CODES.map((r, k) => [r, 2 << k]));

export const BLOCK_COLUMNS = [
  'county',
  'import_id',
  'block',
  'first_row',
  'last_row',
  'rows',
  'subject_county',
  'matches',
  'cells_enc',
  'layout',
  'subject_keys',
] as const;

/** A row's flag word: bit 0 the ID cell was valid, then one bit per reason. */
export function rowFlags(reasons: readonly Reason[], idValid: boolean): number {
  let f = idValid ? 1 : 0;
  for (const r of reasons) {
    const b = REASON_BIT.get(r);
    if (b === undefined) throw new Error(`unknown reason ${r}`);
    f |= b;
  }
  return f;
}

export function reasonsOf(flags: number): Reason[] {
  const out: Reason[] = [];
  for (let k = 0; k < REASON_CODES.length; k++) if (flags & (2 << k)) out.push(REASON_CODES[k]!);
  return out;
}

class VarintWriter {
  buf = Buffer.allocUnsafe(1024);
  len = 0;
  push(v: number): void {
    if (this.len + 10 > this.buf.length) {
      const b = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(b, 0, 0, this.len);
      this.buf = b;
    }
    if (!(v >= 0) || !Number.isSafeInteger(v)) throw new Error(`bad varint ${v}`);
    while (v >= 0x80) {
      this.buf[this.len++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.len++] = v;
  }
  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

function readVarints(buf: Buffer): number[] {
  const out: number[] = [];
  let v = 0;
  let mul = 1;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    v += (b & 0x7f) * mul;
    if (b < 0x80) {
      out.push(v);
      v = 0;
      mul = 1;
    } else mul *= 0x80;
  }
  return out;
}

/** A block's rows as read (either layout). */
export interface RowBlock extends BlockRows {
  block: number;
  /** The subject keys of its candidate rows, 32 bytes each in row order (layout 2). */
  subjectKeys: Buffer | null;
  /** One array per column kept, one cell per row (only when read with cells). */
  cells?: string[][];
}

/** Layout 1 (imports before migration 0019), read only: matched rows' numbers, subjects and flags. */
export function packMatches(
  rowNumbers: readonly number[],
  subjectIds: readonly number[],
  flags: readonly number[],
) {
  const w = new VarintWriter();
  w.push(rowNumbers.length);
  let prev = 0;
  for (const r of rowNumbers) {
    if (r <= prev) throw new Error('row numbers must increase');
    w.push(r - prev);
    prev = r;
  }
  for (const s of subjectIds) w.push(s);
  for (const f of flags) w.push(f);
  return zlib.deflateRawSync(w.bytes(), { level: 6 });
}

export function unpackMatches(packed: Buffer): Pick<RowBlock, 'rowNumbers' | 'subjectIds' | 'flags'> {
  const v = readVarints(zlib.inflateRawSync(packed));
  const n = v[0]!;
  if (v.length !== 1 + 3 * n) throw new Error('corrupt exchange row block');
  const rowNumbers = new Array<number>(n);
  let prev = 0;
  for (let i = 0; i < n; i++) rowNumbers[i] = prev += v[1 + i]!;
  return { rowNumbers, subjectIds: v.slice(1 + n, 1 + 2 * n), flags: v.slice(1 + 2 * n) };
}

export function sealCells(cipher: PersonalDataCipher, columns: readonly (readonly string[])[]): Buffer {
  return cipher.encrypt(zlib.deflateRawSync(JSON.stringify(columns), { level: 1 }).toString('base64'));
}

export function openCells(cipher: PersonalDataCipher, sealed: Buffer): string[][] {
  return JSON.parse(zlib.inflateRawSync(Buffer.from(cipher.decrypt(sealed), 'base64')).toString('utf8'));
}

/** A row's status as stored in a layout-2 block. */
export const STATUS_CODES: readonly MatchStatus[] = ['matched', 'candidate', 'unmatched', 'invalid'];
const STATUS_CODE = new Map<string, number>(STATUS_CODES.map((s, k) => [s, k]));

/** A division code (county or township) as a number for the varint stream. */
function codeNumber(code: string): number {
  if (!/^[1-9][0-9]{5,11}$/.test(code)) throw new Error(`bad division code ${code}`);
  return Number(code);
}

/** One row of a block as the pipeline decided it (layout 2). */
export interface DecidedRow {
  rowNumber: number;
  status: MatchStatus;
  /** The ID cell was valid. */
  idValid: boolean;
  score: number;
  reasons: readonly Reason[];
  /** Matched: the subject; otherwise the best candidate, if any. */
  subjectId: number | null;
  subjectCounty: string | null;
  candidates: readonly { personId: number; county: string; score: number; reasons: readonly Reason[] }[];
  /** The list's 乡镇（街道） resolved to its code. */
  township: string | null;
  /** The row's subject key (32 bytes), kept for candidate rows (a reviewer's decision is stored under it). */
  subjectKey: Buffer | null;
}

/** A dictionary of division codes, numbered as first seen. */
class Codes {
  readonly list: string[] = [];
  readonly #at = new Map<string, number>();
  index(code: string): number {
    let i = this.#at.get(code);
    if (i === undefined) {
      this.#at.set(code, (i = this.list.length));
      this.list.push(code);
    }
    return i;
  }
}

/** Layout 2 `matches`: see the file's comment. */
export function packRows(rows: readonly DecidedRow[]): { matches: Buffer; subjectKeys: Buffer | null } {
  const counties = new Codes();
  const townships = new Codes();
  const w = new VarintWriter();
  const n = rows.length;
  for (const r of rows) {
    if (r.subjectCounty !== null) counties.index(r.subjectCounty);
    for (const c of r.candidates) counties.index(c.county);
    if (r.township !== null) townships.index(r.township);
  }
  w.push(n);
  w.push(counties.list.length);
  for (const c of counties.list) w.push(codeNumber(c));
  w.push(townships.list.length);
  for (const t of townships.list) w.push(codeNumber(t));
  let prev = 0;
  for (const r of rows) {
    if (r.rowNumber <= prev) throw new Error('row numbers must increase');
    w.push(r.rowNumber - prev);
    prev = r.rowNumber;
  }
  for (const r of rows) w.push(STATUS_CODE.get(r.status)!);
  for (const r of rows) w.push(rowFlags(r.reasons, r.idValid));
  for (const r of rows) w.push(r.score);
  for (const r of rows) w.push(r.subjectId === null ? 0 : r.subjectId + 1);
  for (const r of rows) w.push(r.subjectCounty === null ? 0 : counties.index(r.subjectCounty));
  for (const r of rows) w.push(r.township === null ? 0 : townships.index(r.township) + 1);
  for (const r of rows) w.push(r.candidates.length);
  const keys: Buffer[] = [];
  for (const r of rows) {
    for (const c of r.candidates) {
      w.push(c.personId);
      w.push(counties.index(c.county));
      w.push(c.score);
      w.push(rowFlags(c.reasons, false));
    }
    if (r.status === 'candidate') {
      if (r.subjectKey?.length !== 32) throw new Error('a candidate row needs its subject key');
      keys.push(r.subjectKey);
    }
  }
  return {
    matches: zlib.deflateRawSync(w.bytes(), { level: 6 }),
    subjectKeys: keys.length ? Buffer.concat(keys) : null,
  };
}

/** A layout-2 block's rows, column by column (candidates flattened: row i's are candStart[i] … candStart[i+1]). */
export interface BlockRows {
  rowNumbers: number[];
  statuses: MatchStatus[];
  flags: number[];
  scores: number[];
  subjectIds: (number | null)[];
  subjectCounties: (string | null)[];
  townships: (string | null)[];
  candStart: number[];
  candIds: number[];
  candCounties: string[];
  candScores: number[];
  candFlags: number[];
}

export function unpackRows(packed: Buffer): BlockRows {
  const v = readVarints(zlib.inflateRawSync(packed));
  let p = 0;
  const corrupt = () => new Error('corrupt exchange row block');
  /** The next count, if that many values (times `width`) can follow. */
  const count = (width: number) => {
    const k = v[p++];
    if (k === undefined || p + k * width > v.length) throw corrupt();
    return k;
  };
  const n = count(8);
  const counties = Array.from({ length: count(1) }, () => String(v[p++]));
  const townships = Array.from({ length: count(1) }, () => String(v[p++]));
  if (p + 8 * n > v.length) throw corrupt();
  const col = () => {
    const out = v.slice(p, p + n);
    p += n;
    return out;
  };
  const deltas = col();
  const rowNumbers = new Array<number>(n);
  let prev = 0;
  for (let i = 0; i < n; i++) rowNumbers[i] = prev += deltas[i]!;
  const statuses = col().map((s) => STATUS_CODES[s]!);
  const flags = col();
  const scores = col();
  const subjects = col();
  const subjectCountyAt = col();
  const townshipAt = col();
  const candCounts = col();
  const candStart = new Array<number>(n + 1);
  candStart[0] = 0;
  for (let i = 0; i < n; i++) candStart[i + 1] = candStart[i]! + candCounts[i]!;
  const total = candStart[n]!;
  if (p + 4 * total !== v.length) throw corrupt();
  const candIds = new Array<number>(total);
  const candCounties = new Array<string>(total);
  const candScores = new Array<number>(total);
  const candFlags = new Array<number>(total);
  for (let j = 0; j < total; j++) {
    candIds[j] = v[p++]!;
    candCounties[j] = counties[v[p++]!]!;
    candScores[j] = v[p++]!;
    candFlags[j] = v[p++]!;
  }
  if (statuses.some((s) => s === undefined)) throw corrupt();
  return {
    rowNumbers,
    statuses,
    flags,
    scores,
    subjectIds: subjects.map((s) => (s === 0 ? null : s - 1)),
    subjectCounties: subjects.map((s, i) => (s === 0 ? null : counties[subjectCountyAt[i]!]!)),
    townships: townshipAt.map((t) => (t === 0 ? null : townships[t - 1]!)),
    candStart,
    candIds,
    candCounties,
    candScores,
    candFlags,
  };
}

/**
 * Collects an import's rows in file order and renders each full block (layout 2) as a COPY line of
 * `exchange_row_blocks` (BLOCK_COLUMNS).
 */
export class BlockWriter {
  #block: number;
  #rows: DecidedRow[] = [];
  #cells: string[][];
  /** COPY lines of the blocks completed and not yet taken. */
  text = '';
  blocks = 0;

  constructor(
    readonly county: string,
    readonly importId: number,
    readonly cipher: PersonalDataCipher,
    readonly columns: number,
    /** The number of the first block written. */
    firstBlock = 0,
    readonly blockRows = BLOCK_ROWS,
  ) {
    this.#block = firstBlock;
    this.#cells = Array.from({ length: columns }, () => []);
  }

  add(row: DecidedRow, cells: readonly string[]): void {
    if (this.#rows.length >= this.blockRows) this.flush();
    this.#rows.push(row);
    for (let c = 0; c < this.columns; c++) this.#cells[c]!.push(cells[c] ?? '');
  }

  /** Close the block being filled (if any) into `text`. */
  flush(): void {
    const n = this.#rows.length;
    if (!n) return;
    const { matches, subjectKeys } = packRows(this.#rows);
    this.text += csvLine([
      this.county,
      this.importId,
      this.#block++,
      this.#rows[0]!.rowNumber,
      this.#rows[n - 1]!.rowNumber,
      n,
      null,
      matches,
      sealCells(this.cipher, this.#cells),
      2,
      subjectKeys,
    ]);
    this.blocks++;
    this.#rows = [];
    this.#cells = Array.from({ length: this.columns }, () => []);
  }

  /** The COPY text rendered so far, emptied. */
  take(): string {
    const t = this.text;
    this.text = '';
    return t;
  }
}

/** An import's key, checked before it is put into SQL text (COPY takes no parameters). */
export function checkImportKey(county: string, importId: number): void {
  if (!/^[0-9]{6}$/.test(county) || !Number.isSafeInteger(importId)) throw new Error('bad import key');
}

const hexField = (f: string | null | undefined) => Buffer.from((f ?? '').replace(/^\\x/, ''), 'hex');

/**
 * An import's blocks in file order, both layouts read alike (a layout-1 block: matched rows of one county,
 * without scores or candidates); with `cipher`, the cells as given decrypted; with `only`, just those
 * blocks.
 */
export async function readRowBlocks(
  database: Database,
  cipher: PersonalDataCipher | null,
  county: string,
  importId: number,
  only?: readonly number[],
): Promise<RowBlock[]> {
  checkImportKey(county, importId);
  if (only && !only.every(Number.isSafeInteger)) throw new Error('bad block numbers');
  if (only && !only.length) return [];
  const text = await database.copyOut(
    `SELECT block, layout, subject_county, matches, subject_keys${cipher ? ', cells_enc' : ''}
       FROM exchange_row_blocks
      WHERE county = '${county}' AND import_id = ${importId}${only ? ` AND block IN (${only.join(',')})` : ''}
      ORDER BY block`,
  );
  return [...copyTextRows(text)].map((f) =>
    decodeBlock(
      {
        block: Number(f[0]),
        layout: Number(f[1]),
        subjectCounty: f[2] ?? null,
        matches: hexField(f[3]),
        subjectKeys: f[4] ? hexField(f[4]) : null,
        cellsEnc: cipher ? hexField(f[5]) : null,
      },
      cipher,
    ),
  );
}

/** A block as stored (its `bytea` columns as buffers), decoded; with `cipher` and its cells, those too. */
export function decodeBlock(
  stored: {
    block: number;
    layout: number;
    subjectCounty: string | null;
    matches: Buffer;
    subjectKeys: Buffer | null;
    cellsEnc: Buffer | null;
  },
  cipher: PersonalDataCipher | null,
): RowBlock {
  const rows =
    stored.layout === 2
      ? unpackRows(stored.matches)
      : layoutOne(stored.subjectCounty!, unpackMatches(stored.matches));
  const b: RowBlock = { block: stored.block, ...rows, subjectKeys: stored.subjectKeys };
  if (cipher && stored.cellsEnc) b.cells = openCells(cipher, stored.cellsEnc);
  return b;
}

/** A layout-1 block (matched rows of one county) as layout 2 reads. */
function layoutOne(county: string, m: ReturnType<typeof unpackMatches>): BlockRows {
  const n = m.rowNumbers.length;
  return {
    rowNumbers: m.rowNumbers,
    statuses: new Array<MatchStatus>(n).fill('matched'),
    flags: m.flags,
    scores: new Array<number>(n).fill(0),
    subjectIds: m.subjectIds,
    subjectCounties: new Array<string>(n).fill(county),
    townships: new Array<null>(n).fill(null),
    candStart: new Array<number>(n + 1).fill(0),
    candIds: [],
    candCounties: [],
    candScores: [],
    candFlags: [],
  };
}
