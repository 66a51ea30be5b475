import type { Database } from '../../../platform/db/database.js';
import { copyTextRows } from '../../../platform/db/copy-text.js';

/** A row of an import that names its registry subject for certain: matched, or a confirmed candidate. */
export interface MatchedSubject {
  rowNumber: number;
  subjectCounty: string;
  subjectId: number;
}

/**
 * Every row of an import matched for certain (status `matched`, or a candidate a reviewer confirmed), in
 * file order: what turns a list into dated facts and what the cross-checks read. The one place that
 * knows how matched rows are stored.
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
  const out: MatchedSubject[] = [];
  for (const f of copyTextRows(text))
    out.push({ rowNumber: Number(f[0]), subjectCounty: f[1]!, subjectId: Number(f[2]) });
  return out;
}
