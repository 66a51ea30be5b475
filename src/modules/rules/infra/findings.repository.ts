import { sql, type Kysely } from 'kysely';
import type { AnyDb, AnyTrx, Database } from '../../../platform/db/database.js';
import { csvLine } from '../../../platform/db/database.js';
import type { RulesTables } from './tables.js';

const t = (db: AnyDb | AnyTrx) => db as unknown as Kysely<RulesTables>;

export interface FindingRow {
  county: string;
  subjectType: 'person' | 'enterprise';
  subjectId: number;
  programme: string;
  township: string;
  division: string;
  amount: number;
  reasons: unknown;
}

export async function createRun(
  db: AnyDb,
  row: { pack: string; scope: string; as_of: string; incremental: boolean; started_by: string },
) {
  return t(db)
    .insertInto('rules_scan_runs')
    .values(row)
    .returning(['id', 'started_at'])
    .executeTakeFirstOrThrow();
}

const STAGE_COLUMNS = [
  'county',
  'subject_type',
  'subject_id',
  'programme',
  'township',
  'division',
  'amount',
  'reasons',
] as const;

/**
 * Store a run's findings in one transaction: COPY into a staging table, upsert (keeping the staff's
 * status), and mark as no longer current the findings of the judged subjects that were not found again.
 * `judged` is the scope of a full run, or the list of subjects of an incremental one.
 */
export async function storeFindings(
  database: Database,
  runId: number,
  asOf: string,
  findings: FindingRow[],
  judged: { scope: string } | { subjects: { type: string; county: string; id: number }[] },
  counts: { subjects: number },
): Promise<void> {
  await database.bulkLoad(async (copy, trx) => {
    await sql`CREATE TEMP TABLE rules_findings_stage (
      county char(6), subject_type text, subject_id bigint, programme text, township char(9),
      division varchar(12), amount numeric(14, 2), reasons jsonb) ON COMMIT DROP`.execute(trx);
    await copy(
      'rules_findings_stage',
      STAGE_COLUMNS,
      findings
        .map((f) =>
          csvLine([
            f.county,
            f.subjectType,
            f.subjectId,
            f.programme,
            f.township,
            f.division,
            f.amount,
            JSON.stringify(f.reasons),
          ]),
        )
        .join(''),
    );
    await sql`
      INSERT INTO rules_findings (county, subject_type, subject_id, programme, township, division, amount, reasons, as_of, run_id)
      SELECT county, subject_type, subject_id, programme, township, division, amount, reasons, ${asOf}::date, ${runId}
      FROM rules_findings_stage
      ON CONFLICT (county, subject_type, subject_id, programme) DO UPDATE SET
        township = excluded.township, division = excluded.division, amount = excluded.amount,
        reasons = excluded.reasons, as_of = excluded.as_of, run_id = excluded.run_id, current = true,
        updated_at = now()
      -- A finding found again unchanged is left as it is (a rescan rewrites only what changed).
      WHERE (rules_findings.township, rules_findings.division, rules_findings.amount, rules_findings.reasons,
             rules_findings.as_of, rules_findings.current)
        IS DISTINCT FROM (excluded.township, excluded.division, excluded.amount, excluded.reasons, excluded.as_of, true)`.execute(
      trx,
    );
    // Findings of the judged subjects that were not found again lapse (kept, marked not current).
    const notFoundAgain = `NOT EXISTS (SELECT 1 FROM rules_findings_stage s WHERE s.county = rules_findings.county
        AND s.subject_type = rules_findings.subject_type AND s.subject_id = rules_findings.subject_id
        AND s.programme = rules_findings.programme)`;
    if ('scope' in judged) {
      await sql`UPDATE rules_findings SET current = false, updated_at = now()
        WHERE current AND division LIKE ${judged.scope + '%'} AND ${sql.raw(notFoundAgain)}`.execute(trx);
    } else if (judged.subjects.length) {
      const ids = judged.subjects.map((s) => `('${s.county}','${s.type}',${Number(s.id)})`).join(',');
      await sql
        .raw(
          `UPDATE rules_findings SET current = false, updated_at = now()
        WHERE current AND ${notFoundAgain} AND (county, subject_type, subject_id) IN (${ids})`,
        )
        .execute(trx);
    }
    await t(trx)
      .updateTable('rules_scan_runs')
      .set({ finished_at: sql<Date>`now()`, subjects: counts.subjects, findings: findings.length })
      .where('id', '=', runId)
      .execute();
  });
}

export function lastFinishedRun(db: AnyDb, scope: string) {
  return t(db)
    .selectFrom('rules_scan_runs')
    .selectAll()
    .where('scope', '=', scope)
    .where('finished_at', 'is not', null)
    .where('error', 'is', null)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface FindingsQuery {
  scope: string;
  township?: string | undefined;
  programme?: string | undefined;
  status?: string | undefined;
  limit: number;
  offset: number;
}

export function listFindings(db: AnyDb, q: FindingsQuery) {
  let query = t(db)
    .selectFrom('rules_findings')
    .selectAll()
    .where('current', '=', true)
    .where('division', 'like', q.scope + '%');
  if (q.township) query = query.where('township', '=', q.township);
  if (q.programme) query = query.where('programme', '=', q.programme);
  if (q.status) query = query.where('status', '=', q.status);
  return query
    .orderBy('township')
    .orderBy('programme')
    .orderBy('subject_id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
}

export function findingCounts(db: AnyDb, scope: string) {
  return t(db)
    .selectFrom('rules_findings')
    .select([
      'township',
      'programme',
      'status',
      (eb) => eb.fn.countAll<number>().as('count'),
      (eb) => eb.fn.sum<number>('amount').as('amount'),
    ])
    .where('current', '=', true)
    .where('division', 'like', scope + '%')
    .groupBy(['township', 'programme', 'status'])
    .orderBy('township')
    .orderBy('programme')
    .execute();
}

export function failRun(db: AnyDb, runId: number, error: string) {
  return t(db)
    .updateTable('rules_scan_runs')
    .set({ finished_at: sql<Date>`now()`, error: error.slice(0, 500) })
    .where('id', '=', runId)
    .execute();
}

export function findRun(db: AnyDb, runId: number, scope: string) {
  return t(db)
    .selectFrom('rules_scan_runs')
    .selectAll()
    .where('id', '=', runId)
    .where('scope', 'like', scope + '%')
    .executeTakeFirst();
}

/**
 * Runs left without an end by a process that stopped (scans run in the background of the server). Only
 * for the embedded database, where one process is the only one that can have started them.
 */
export function markInterruptedRuns(db: AnyDb) {
  return t(db)
    .updateTable('rules_scan_runs')
    .set({ finished_at: sql<Date>`now()`, error: 'interrupted: the process stopped before the scan ended' })
    .where('finished_at', 'is', null)
    .execute();
}
