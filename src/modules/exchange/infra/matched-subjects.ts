import type { Database } from '../../../platform/db/database.js';
import { copyTextRows } from '../../../platform/db/copy-text.js';
import { readRowBlocks } from './row-blocks.js';

/** A row of an import that names its registry subject for certain: matched, or a confirmed candidate. */
export interface MatchedSubject {
  rowNumber: number;
  subjectCounty: string;
  subjectId: number;
}

/**
 * Every row of an import matched for certain (status `matched`, or a candidate a reviewer confirmed), in
 * file order: what turns a list into dated facts and what the cross-checks read. The one place that
 * knows how matched rows are stored: rows matched at import in `exchange_row_blocks` (migration 0016;
 * imports loaded before it have them in `exchange_rows`), confirmed candidates in `exchange_rows`.
 */
export async function matchedSubjects(
  database: Database,
  county: string,
  importId: number,
): Promise<MatchedSubject[]> {
  if (!/^[0-9]{6}$/.test(county) || !Number.isSafeInteger(importId)) throw new Error('bad import key');
  const text = await database.copyOut(
    `SELECT row_number, subject_county, subject_id FROM exchange_rows
      WHERE county = '${county}' AND import_id = ${importId} AND subject_id IS NOT NULL
        AND (status = 'matched' OR review = 'confirmed') ORDER BY row_number`,
  );
  const fromRows: MatchedSubject[] = [];
  for (const f of copyTextRows(text))
    fromRows.push({ rowNumber: Number(f[0]), subjectCounty: f[1]!, subjectId: Number(f[2]) });
  const blocks = await readRowBlocks(database, null, county, importId);
  if (!blocks.length) return fromRows;
  const out: MatchedSubject[] = [];
  let k = 0;
  for (const b of blocks)
    for (let i = 0; i < b.rowNumbers.length; i++) {
      const rowNumber = b.rowNumbers[i]!;
      while (k < fromRows.length && fromRows[k]!.rowNumber < rowNumber) out.push(fromRows[k++]!);
      out.push({ rowNumber, subjectCounty: b.subjectCounty, subjectId: b.subjectIds[i]! });
    }
  while (k < fromRows.length) out.push(fromRows[k++]!);
  return out;
}
