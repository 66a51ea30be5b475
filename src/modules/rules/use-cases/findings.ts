import { AppError } from '../../../platform/errors/index.js';
import { covers, requirePermission, type Actor } from '../../access/index.js';
import type { AnyDb } from '../../../platform/db/database.js';
import { findingCounts, findRun, listFindings } from '../infra/findings.repository.js';

/** The 政策找人 list within the actor's jurisdiction: who qualifies, by township and programme. */
export async function listScanFindings(
  db: AnyDb,
  actor: Actor,
  q: {
    township?: string | undefined;
    programme?: string | undefined;
    status?: string | undefined;
    limit?: number;
    offset?: number;
  },
) {
  requirePermission(actor, 'rules.scan');
  if (q.township && !covers(actor, q.township))
    throw new AppError('DIVISION_OUT_OF_SCOPE', { path: 'township' });
  const rows = await listFindings(db, {
    scope: actor.division,
    township: q.township,
    programme: q.programme,
    status: q.status,
    limit: Math.min(q.limit ?? 100, 1000),
    offset: q.offset ?? 0,
  });
  return rows.map((r) => ({
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    programme: r.programme,
    township: r.township,
    division: r.division,
    amount: Number(r.amount),
    reasons: r.reasons,
    asOf: r.as_of,
    status: r.status,
    firstFoundAt: r.first_found_at.toISOString(),
  }));
}

/** Counts and amounts of the list per township, programme and status. */
export async function scanFindingCounts(db: AnyDb, actor: Actor) {
  requirePermission(actor, 'rules.scan');
  return (await findingCounts(db, actor.division)).map((r) => ({
    township: r.township,
    programme: r.programme,
    status: r.status,
    count: Number(r.count),
    amount: Number(r.amount),
  }));
}

/** A scan run is running until it ends, then done, or failed when it ended with an error. */
export function runStatus(r: {
  finished_at: Date | null;
  error: string | null;
}): 'running' | 'done' | 'failed' {
  return r.finished_at === null ? 'running' : r.error ? 'failed' : 'done';
}

/** A scan run: running (no end yet), done (with counts), or failed (with the reason). */
export async function getScanRun(db: AnyDb, actor: Actor, runId: number) {
  requirePermission(actor, 'rules.scan');
  const r = await findRun(db, runId, actor.division);
  if (!r) throw new AppError('NOT_FOUND', { path: 'id' });
  return {
    runId: r.id,
    pack: r.pack,
    scope: r.scope,
    date: r.as_of,
    incremental: r.incremental,
    status: runStatus(r),
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    subjects: r.subjects,
    findings: r.findings,
    error: r.error,
  };
}
