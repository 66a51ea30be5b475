import { sql } from 'kysely';
import type { AnyDb } from '../../../platform/db/database.js';

/** An application as a cross-check sees it: who applied for what, where, and how far it has gone. */
export interface ApplicationForCrossCheck {
  id: number;
  county: string;
  programmeId: string;
  subjectType: 'person' | 'enterprise';
  subjectId: number;
  division: string;
  status: 'draft' | 'inReview' | 'returned' | 'approved';
  appliedOn: string;
}

/**
 * Applications still open (draft, in review, returned) or approved, of a county under `scope`, optionally
 * only of some programmes or subjects: what the exchange module's cross-checks compare with other
 * departments' lists. The caller has checked permission and jurisdiction; approved ones may be paid
 * already (the funds module tells which still have money to pay).
 */
export async function applicationsForCrossCheck(
  db: AnyDb,
  q: {
    county: string;
    scope: string;
    programmes?: readonly string[];
    subjectType?: 'person' | 'enterprise';
    subjectIds?: readonly number[];
  },
): Promise<ApplicationForCrossCheck[]> {
  const r = await sql<{
    id: number;
    programme_id: string;
    subject_type: 'person' | 'enterprise';
    subject_id: number;
    division: string;
    status: ApplicationForCrossCheck['status'];
    applied_on: string;
  }>`
    SELECT id, programme_id, subject_type, subject_id, division, status, applied_on FROM applications
     WHERE county = ${q.county} AND division LIKE ${q.scope + '%'}
       AND status IN ('draft', 'inReview', 'returned', 'approved')
       ${q.programmes ? sql`AND programme_id = ANY(${[...q.programmes]}::text[])` : sql``}
       ${q.subjectType ? sql`AND subject_type = ${q.subjectType}` : sql``}
       ${q.subjectIds ? sql`AND subject_id = ANY(${[...q.subjectIds]}::bigint[])` : sql``}
     ORDER BY id`.execute(db);
  return r.rows.map((a) => ({
    id: Number(a.id),
    county: q.county,
    programmeId: a.programme_id,
    subjectType: a.subject_type,
    subjectId: Number(a.subject_id),
    division: a.division,
    status: a.status,
    appliedOn: a.applied_on,
  }));
}
