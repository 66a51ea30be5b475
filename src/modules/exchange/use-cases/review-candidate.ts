import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { auditedTransaction, requirePermission, type Actor } from '../../access/index.js';
import { loadVisibleSubject } from '../../registry/index.js';
import type { ExchangeContext } from '../exchange-context.js';
import { keepRowForReview } from '../infra/import-rows.js';
import { applyImportFacts, type ImportFactsContext, type Refresh } from './import-facts.js';
import { getImport } from './matches.js';

export const ReviewCandidateSchema = z.strictObject({
  /** The registry person (or enterprise) proposed for this row. */
  subjectId: z.number().int().positive(),
  decision: z.enum(['confirm', 'dismiss']),
  note: z.string().max(500).optional(),
});
export type ReviewCandidate = z.infer<typeof ReviewCandidateSchema>;

export interface ReviewResult {
  rowNumber: number;
  status: 'matched' | 'candidate' | 'unmatched';
  subjectId: number | null;
  openCandidates: number;
}

/**
 * A reviewer confirms or dismisses one candidate of a row, for a person within their jurisdiction.
 * Confirming makes the row matched (and the pair matches by itself in later imports); dismissing
 * records the pair so it is never proposed again; a row whose every candidate is dismissed is unmatched.
 * Then the list's fact follows for that person (set on a confirmation; closed on a dismissal if they
 * were on the previous list and are no longer proposed on this one).
 */
export async function reviewCandidate(
  ctx: ImportFactsContext,
  actor: Actor,
  importId: number,
  rowNumber: number,
  input: ReviewCandidate,
  /** Whether 政策找人 is judged again for the person afterwards (the HTTP route: in the background). */
  opts: { refresh?: Refresh } = {},
): Promise<ReviewResult> {
  requirePermission(actor, 'exchange.review');
  const imp = await getImport(ctx, actor, importId);
  const result = await decide(ctx, actor, imp, rowNumber, input);
  await applyImportFacts(ctx, actor, imp.id, { only: [input.subjectId], refresh: opts.refresh ?? 'none' });
  return result;
}

async function decide(
  ctx: ExchangeContext,
  actor: Actor,
  imp: Awaited<ReturnType<typeof getImport>>,
  rowNumber: number,
  input: ReviewCandidate,
): Promise<ReviewResult> {
  return auditedTransaction(ctx.db, actor, async (trx, audit) => {
    // A row kept in its block is copied out for review first (docs/decisions/0024).
    await keepRowForReview(trx, ctx.cipher, imp, rowNumber);
    const row = (
      await sql<{ status: string; review: string | null; subject_key: Buffer }>`
        SELECT status, review, subject_key FROM exchange_rows
         WHERE county = ${imp.county} AND import_id = ${imp.id} AND row_number = ${rowNumber} FOR UPDATE`.execute(
        trx,
      )
    ).rows[0];
    if (!row) throw new AppError('NOT_FOUND', { path: 'rowNumber' });
    const cand = (
      await sql<{ subject_county: string; state: string }>`
        SELECT subject_county, state FROM exchange_candidates
         WHERE county = ${imp.county} AND import_id = ${imp.id} AND row_number = ${rowNumber}
           AND subject_id = ${input.subjectId}`.execute(trx)
    ).rows[0];
    if (!cand || row.status !== 'candidate') throw new AppError('NOT_FOUND', { path: 'subjectId' });
    if (row.review === 'confirmed' || cand.state !== 'open')
      throw new AppError('VALIDATION_FAILED', {
        path: 'decision',
        zh: '该候选已处理，不能再次确认或排除',
        en: 'This candidate has already been reviewed',
      });
    // Within the jurisdiction: a person the reviewer cannot see is "not found".
    await loadVisibleSubject(trx, actor, imp.subjectType, input.subjectId);
    const state = input.decision === 'confirm' ? 'confirmed' : 'dismissed';
    await sql`UPDATE exchange_candidates SET state = ${state}
               WHERE county = ${imp.county} AND import_id = ${imp.id} AND row_number = ${rowNumber}
                 AND subject_id = ${input.subjectId}`.execute(trx);
    await sql`
      INSERT INTO exchange_pair_decisions (county, subject_type, subject_key, target_county, target_id, decision,
             decided_by, decided_by_username, import_id, row_number)
      VALUES (${imp.county}, ${imp.subjectType}, ${row.subject_key}, ${cand.subject_county}, ${input.subjectId},
              ${state}, ${actor.accountId}, ${actor.username}, ${imp.id}, ${rowNumber})
      ON CONFLICT (county, subject_type, subject_key, target_id)
      DO UPDATE SET decision = EXCLUDED.decision, decided_by = EXCLUDED.decided_by,
                    decided_by_username = EXCLUDED.decided_by_username, decided_at = now(),
                    import_id = EXCLUDED.import_id, row_number = EXCLUDED.row_number`.execute(trx);
    const open = Number(
      (
        await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM exchange_candidates
           WHERE county = ${imp.county} AND import_id = ${imp.id} AND row_number = ${rowNumber}
             AND state = 'open'`.execute(trx)
      ).rows[0]!.n,
    );
    let result: ReviewResult;
    if (state === 'confirmed') {
      await sql`UPDATE exchange_rows SET review = 'confirmed', subject_id = ${input.subjectId},
                       subject_county = ${cand.subject_county}, reviewed_by = ${actor.accountId}, reviewed_at = now()
                 WHERE county = ${imp.county} AND import_id = ${imp.id} AND row_number = ${rowNumber}`.execute(
        trx,
      );
      result = { rowNumber, status: 'matched', subjectId: input.subjectId, openCandidates: open };
    } else if (open === 0) {
      await sql`UPDATE exchange_rows SET review = 'dismissed', reviewed_by = ${actor.accountId}, reviewed_at = now()
                 WHERE county = ${imp.county} AND import_id = ${imp.id} AND row_number = ${rowNumber}`.execute(
        trx,
      );
      result = { rowNumber, status: 'unmatched', subjectId: null, openCandidates: 0 };
    } else {
      result = { rowNumber, status: 'candidate', subjectId: null, openCandidates: open };
    }
    audit({
      action: state === 'confirmed' ? 'exchange.candidate.confirm' : 'exchange.candidate.dismiss',
      entityType: 'exchangeImport',
      entityId: imp.id,
      details: {
        rowNumber,
        subjectType: imp.subjectType,
        subjectId: input.subjectId,
        ...(input.note ? { note: input.note } : {}),
      },
    });
    return result;
  });
}
