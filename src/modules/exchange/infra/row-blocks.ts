/**
 * The matched rows of a department list, stored compactly (migration 0016, docs/decisions/0020): blocks of
 * up to BLOCK_ROWS rows in file order, each with its rows' numbers, registry subjects and reasons packed
 * into one deflated `bytea` (`matches`), and the rows' cells as given deflated and encrypted once per
 * block (`cells_enc`). Candidate, unmatched and invalid rows stay in `exchange_rows`.
 *
 * `matches` layout (deflate-raw of unsigned LEB128 varints, column by column): the block's row count n;
 * n row-number deltas (the first from 0); n subject ids; n flag words (bit 0: the ID cell was valid;
 * bit 1 + k: reason REASON_CODES[k]).
 * `cells_enc` holds `cipher.encrypt(base64(deflate-raw(JSON.stringify(columns))))`, `columns` being one
 * array of strings per list column kept (person lists: 姓名, 公民身份号码, 性别, 出生日期, 乡镇（街道）;
 * enterprise lists: 企业名称, 统一社会信用代码), each with one cell per row.
 */
import zlib from 'node:zlib';
import type { PersonalDataCipher } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/database.js';
import { csvLine } from './copy-csv.js';
import { copyTextRows } from '../../../platform/db/copy-text.js';
import type { Reason } from '../domain/person-matcher.js';

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

/** A block's rows as stored. */
export interface RowBlock {
  block: number;
  subjectCounty: string;
  rowNumbers: number[];
  subjectIds: number[];
  flags: number[];
  /** One array per column kept, one cell per row (only when read with cells). */
  cells?: string[][];
}

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

/**
 * Collects matched rows in file order and renders each full block as a COPY line of
 * `exchange_row_blocks` (BLOCK_COLUMNS).
 */
export class BlockWriter {
  #block = 0;
  #county: string | null = null;
  #rows: number[] = [];
  #subjects: number[] = [];
  #flags: number[] = [];
  #cells: string[][];
  /** COPY lines of the blocks completed and not yet taken. */
  text = '';
  blocks = 0;

  constructor(
    readonly county: string,
    readonly importId: number,
    readonly cipher: PersonalDataCipher,
    readonly columns: number,
    readonly blockRows = BLOCK_ROWS,
  ) {
    this.#cells = Array.from({ length: columns }, () => []);
  }

  add(
    rowNumber: number,
    subjectCounty: string,
    subjectId: number,
    flags: number,
    cells: readonly string[],
  ): void {
    if (this.#county !== null && (this.#county !== subjectCounty || this.#rows.length >= this.blockRows))
      this.flush();
    this.#county = subjectCounty;
    this.#rows.push(rowNumber);
    this.#subjects.push(subjectId);
    this.#flags.push(flags);
    for (let c = 0; c < this.columns; c++) this.#cells[c]!.push(cells[c] ?? '');
  }

  /** Close the block being filled (if any) into `text`. */
  flush(): void {
    const n = this.#rows.length;
    if (!n) return;
    this.text += csvLine([
      this.county,
      this.importId,
      this.#block++,
      this.#rows[0],
      this.#rows[n - 1],
      n,
      this.#county,
      packMatches(this.#rows, this.#subjects, this.#flags),
      sealCells(this.cipher, this.#cells),
    ]);
    this.blocks++;
    this.#rows = [];
    this.#subjects = [];
    this.#flags = [];
    this.#cells = Array.from({ length: this.columns }, () => []);
    this.#county = null;
  }

  /** The COPY text rendered so far, emptied. */
  take(): string {
    const t = this.text;
    this.text = '';
    return t;
  }
}

const hexField = (f: string | null | undefined) => Buffer.from((f ?? '').replace(/^\\x/, ''), 'hex');

/**
 * An import's blocks in file order; with `cells`, the cells as given decrypted. The county and import id
 * must be checked by the caller (they are put into the SQL).
 */
export async function readRowBlocks(
  database: Database,
  cipher: PersonalDataCipher | null,
  county: string,
  importId: number,
): Promise<RowBlock[]> {
  if (!/^[0-9]{6}$/.test(county) || !Number.isSafeInteger(importId)) throw new Error('bad import key');
  const text = await database.copyOut(
    `SELECT block, subject_county, matches${cipher ? ', cells_enc' : ''} FROM exchange_row_blocks
      WHERE county = '${county}' AND import_id = ${importId} ORDER BY block`,
  );
  const out: RowBlock[] = [];
  for (const f of copyTextRows(text)) {
    const b: RowBlock = { block: Number(f[0]), subjectCounty: f[1]!, ...unpackMatches(hexField(f[2])) };
    if (cipher) b.cells = openCells(cipher, hexField(f[3]));
    out.push(b);
  }
  return out;
}
