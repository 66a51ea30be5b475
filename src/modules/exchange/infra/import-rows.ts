/**
 * The one place that knows where an import's rows are (docs/decisions/0020, 0024): in blocks
 * (`exchange_row_blocks`), and in `exchange_rows`/`exchange_candidates` once a reviewer has acted on them
 * (or, for imports loaded before migration 0019, every row not matched). A row in `exchange_rows` is read
 * from there; any other from its block.
 */
import { sql } from 'kysely';
import type { PersonalDataCipher } from '../../../platform/crypto/index.js';
import type { AnyDb, Database } from '../../../platform/db/database.js';
import { copyTextRows } from '../../../platform/db/copy-text.js';
import { cleanNameFast } from '../domain/fast-names.js';
import { readDate, readSex } from '../domain/list-kinds.js';
import { cleanName } from '../domain/names.js';
import type { MatchStatus, Reason } from '../domain/person-matcher.js';
import {
  checkImportKey,
  decodeBlock,
  readRowBlocks,
  reasonsOf,
  rowFlags,
  type RowBlock,
} from './row-blocks.js';

/** A row of an import as it stands now. */
export interface RowState {
  rowNumber: number;
  /** After reviews: a confirmed candidate row is matched, a row whose every candidate is dismissed unmatched. */
  status: MatchStatus;
  review: 'confirmed' | 'dismissed' | null;
  /** The subject matched (status matched); null otherwise. */
  subjectId: number | null;
  subjectCounty: string | null;
  /** Bit 0: the ID cell was valid; then the reasons of the decision (row-blocks' REASON_CODES). */
  flags: number;
  score: number;
  /** The list's 乡镇（街道）, resolved. */
  township: string | null;
  /** Every candidate proposed, and those still open (waiting for a reviewer's word). */
  candidates: readonly number[];
  open: readonly number[];
  /** Where the row's cells are: its block and place in it; block null when it is in exchange_rows. */
  block: number | null;
  at: number;
}

const NONE: readonly number[] = [];

/**
 * Every row of an import in file order. With `cipher`, the blocks are read with their cells (for the
 * rows read from a block: `blocks.get(row.block).cells[column][row.at]`).
 */
export async function readRowStates(
  database: Database,
  county: string,
  importId: number,
  opts: { cipher?: PersonalDataCipher } = {},
): Promise<{ rows: RowState[]; blocks: Map<number, RowBlock> }> {
  checkImportKey(county, importId);
  const where = `county = '${county}' AND import_id = ${importId}`;
  const candidates = new Map<number, number[]>();
  const open = new Map<number, number[]>();
  for (const f of copyTextRows(
    await database.copyOut(
      `SELECT row_number, subject_id, state FROM exchange_candidates WHERE ${where} ORDER BY row_number, score DESC, subject_id`,
    ),
  )) {
    const r = Number(f[0]);
    const id = Number(f[1]);
    (candidates.get(r) ?? candidates.set(r, []).get(r)!).push(id);
    if (f[2] === 'open') (open.get(r) ?? open.set(r, []).get(r)!).push(id);
  }
  const fromRows: RowState[] = [];
  for (const f of copyTextRows(
    await database.copyOut(
      `SELECT row_number, status, review, subject_county, subject_id, score, reasons, id_valid, township
         FROM exchange_rows WHERE ${where} ORDER BY row_number`,
    ),
  )) {
    const rowNumber = Number(f[0]);
    const review = (f[2] || null) as RowState['review'];
    const status: MatchStatus =
      review === 'confirmed' ? 'matched' : review === 'dismissed' ? 'unmatched' : (f[1] as MatchStatus);
    const matched = status === 'matched' && !!f[4];
    fromRows.push({
      rowNumber,
      status,
      review,
      subjectId: matched ? Number(f[4]) : null,
      subjectCounty: matched ? f[3]! : null,
      flags: rowFlags((f[6] ? f[6].split(',') : []) as Reason[], f[7] === 't'),
      score: Number(f[5]),
      township: f[8] || null,
      candidates: candidates.get(rowNumber) ?? NONE,
      open: status === 'candidate' ? (open.get(rowNumber) ?? NONE) : NONE,
      block: null,
      at: 0,
    });
  }
  const blocks = opts.cipher
    ? await readRowBlocks(database, opts.cipher, county, importId)
    : await decodedBlocks(database, county, importId);
  const reviewed = new Set(fromRows.map((r) => r.rowNumber));
  const rows: RowState[] = [];
  let k = 0;
  for (const b of blocks)
    for (let i = 0; i < b.rowNumbers.length; i++) {
      const rowNumber = b.rowNumbers[i]!;
      while (k < fromRows.length && fromRows[k]!.rowNumber < rowNumber) rows.push(fromRows[k++]!);
      if (reviewed.has(rowNumber)) continue;
      const status = b.statuses[i]!;
      const cands =
        b.candStart[i] === b.candStart[i + 1] ? NONE : b.candIds.slice(b.candStart[i], b.candStart[i + 1]);
      rows.push({
        rowNumber,
        status,
        review: null,
        subjectId: status === 'matched' ? b.subjectIds[i]! : null,
        subjectCounty: status === 'matched' ? b.subjectCounties[i]! : null,
        flags: b.flags[i]!,
        score: b.scores[i]!,
        township: b.townships[i]!,
        candidates: cands,
        open: status === 'candidate' ? cands : NONE,
        block: b.block,
        at: i,
      });
    }
  while (k < fromRows.length) rows.push(fromRows[k++]!);
  return { rows, blocks: new Map(blocks.map((b) => [b.block, b])) };
}

/**
 * An import's blocks, decoded without their cells, remembered for the last few imports read (per database):
 * blocks never change once their import is committed, and decoding a million rows' blocks takes a second
 * or more, which a reviewer would otherwise wait at every page and every decision. The cells (personal
 * data) are never kept.
 */
const decodedBy = new WeakMap<object, Map<string, RowBlock[]>>();
const KEEP_DECODED = 2;
async function decodedBlocks(database: Database, county: string, importId: number): Promise<RowBlock[]> {
  let kept = decodedBy.get(database);
  if (!kept) decodedBy.set(database, (kept = new Map()));
  const key = `${county}:${importId}`;
  let blocks = kept.get(key);
  if (!blocks) blocks = await readRowBlocks(database, null, county, importId);
  kept.delete(key);
  kept.set(key, blocks);
  while (kept.size > KEEP_DECODED) kept.delete(kept.keys().next().value!);
  return blocks;
}

/** A row of an import that names its registry subject for certain: matched, or a confirmed candidate. */
export interface MatchedSubject {
  rowNumber: number;
  subjectCounty: string;
  subjectId: number;
}

/** Every row of an import matched for certain, in file order: what turns a list into facts and what the cross-checks read. */
export async function matchedSubjects(
  database: Database,
  county: string,
  importId: number,
): Promise<MatchedSubject[]> {
  const out: MatchedSubject[] = [];
  for (const r of (await readRowStates(database, county, importId)).rows)
    if (r.status === 'matched' && r.subjectId !== null)
      out.push({ rowNumber: r.rowNumber, subjectCounty: r.subjectCounty!, subjectId: r.subjectId });
  return out;
}

/** A row kept in a block, with what its cells say as `exchange_rows` keeps it (the ID cell as given, not encrypted). */
export interface BlockRowDetail {
  name: string | null;
  idCell: string | null;
  idValid: boolean;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  township: string | null;
  townshipText: string | null;
  subjectId: number | null;
  subjectCounty: string | null;
  score: number;
  reasons: Reason[];
  candidates: { subjectId: number; county: string; score: number; reasons: Reason[] }[];
}

/** Row `i` of a block read with its cells, as `exchange_rows` and `exchange_candidates` would hold it. */
export function blockRowDetail(
  b: RowBlock,
  i: number,
  imp: { asOf: string; subjectType: 'person' | 'enterprise' },
): BlockRowDetail {
  const person = imp.subjectType === 'person';
  const [nameCell = '', idCell = '', sexCell = '', birthCell = '', townshipCell = ''] = b.cells!.map(
    (column) => column[i] ?? '',
  );
  const candidates: BlockRowDetail['candidates'] = [];
  for (let j = b.candStart[i]!; j < b.candStart[i + 1]!; j++)
    candidates.push({
      subjectId: b.candIds[j]!,
      county: b.candCounties[j]!,
      score: b.candScores[j]!,
      reasons: reasonsOf(b.candFlags[j]!),
    });
  return {
    name: (person ? cleanNameFast(nameCell) : cleanName(nameCell)) || null,
    idCell: idCell || null,
    idValid: (b.flags[i]! & 1) === 1,
    birthDate: person && birthCell ? readDate(birthCell, imp.asOf) : null,
    sex: person && sexCell ? readSex(sexCell) : null,
    township: b.townships[i]!,
    townshipText: (person && townshipCell) || null,
    subjectId: b.subjectIds[i]!,
    subjectCounty: b.subjectCounties[i]!,
    score: b.scores[i]!,
    reasons: reasonsOf(b.flags[i]!),
    candidates,
  };
}

/**
 * Before a reviewer's first decision on a row kept in a block: the row and its candidates copied into
 * `exchange_rows` and `exchange_candidates` (state open), as the import would have written them before
 * migration 0019, in the reviewer's transaction. Nothing when the row is there already, or is not a
 * candidate row of a block.
 */
export async function keepRowForReview(
  trx: AnyDb,
  cipher: PersonalDataCipher,
  imp: { county: string; id: number; asOf: string; subjectType: 'person' | 'enterprise' },
  rowNumber: number,
): Promise<void> {
  const key = sql`county = ${imp.county} AND import_id = ${imp.id}`;
  const there = await sql`SELECT 1 FROM exchange_rows WHERE ${key} AND row_number = ${rowNumber}`.execute(
    trx,
  );
  if (there.rows.length) return;
  const blk = (
    await sql<{ block: number; matches: Uint8Array; subject_keys: Uint8Array | null; cells_enc: Uint8Array }>`
      SELECT block, matches, subject_keys, cells_enc FROM exchange_row_blocks
       WHERE ${key} AND layout = 2 AND first_row <= ${rowNumber} AND last_row >= ${rowNumber}`.execute(trx)
  ).rows[0];
  if (!blk) return;
  const b = decodeBlock(
    {
      block: Number(blk.block),
      layout: 2,
      subjectCounty: null,
      matches: Buffer.from(blk.matches),
      subjectKeys: blk.subject_keys && Buffer.from(blk.subject_keys),
      cellsEnc: Buffer.from(blk.cells_enc),
    },
    cipher,
  );
  const i = b.rowNumbers.indexOf(rowNumber);
  if (i < 0 || b.statuses[i] !== 'candidate') return;
  let k = 0;
  for (let j = 0; j < i; j++) if (b.statuses[j] === 'candidate') k++;
  const subjectKey = b.subjectKeys!.subarray(32 * k, 32 * k + 32);
  const d = blockRowDetail(b, i, imp);
  await sql`
    INSERT INTO exchange_rows (county, import_id, row_number, name, id_number_enc, id_valid, subject_key, birth_date,
           sex, township, township_text, status, subject_county, subject_id, score, reasons)
    VALUES (${imp.county}, ${imp.id}, ${rowNumber}, ${d.name}, ${d.idCell ? cipher.encrypt(d.idCell) : null},
            ${d.idValid}, ${subjectKey}, ${d.birthDate}, ${d.sex}, ${d.township}, ${d.townshipText}, 'candidate',
            ${d.subjectCounty}, ${d.subjectId}, ${d.score}, ${d.reasons.join(',')})
    ON CONFLICT DO NOTHING`.execute(trx);
  for (const c of d.candidates)
    await sql`
      INSERT INTO exchange_candidates (county, import_id, row_number, subject_county, subject_id, score, reasons)
      VALUES (${imp.county}, ${imp.id}, ${rowNumber}, ${c.county}, ${c.subjectId}, ${c.score}, ${c.reasons.join(',')})
      ON CONFLICT DO NOTHING`.execute(trx);
}
