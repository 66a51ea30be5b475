import { sql, type Kysely } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import type { RulesFindingsTable, RulesTables } from './tables.js';

/** The findings table with who notified the person and when (migration 0014). */
interface OutreachTables extends Omit<RulesTables, 'rules_findings'> {
  rules_findings: RulesFindingsTable & { notified_at: Date | null; notified_by: string | null };
}
const t = (db: AnyDb | AnyTrx) => db as unknown as Kysely<OutreachTables>;

export interface FindingKey {
  subjectType: 'person' | 'enterprise';
  subjectId: number;
  programme: string;
}

export interface OutreachQuery {
  scope: string;
  township?: string | undefined;
  programme?: string | undefined;
  status?: string | undefined;
  limit: number;
  offset: number;
}

export const outreachRepository = {
  /** The current list within a scope, with who notified each and when. */
  list(db: AnyDb, q: OutreachQuery) {
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
  },

  /** Current findings within a scope, locked for the transaction (to notify them exactly once). */
  findForUpdate(trx: AnyTrx, scope: string, keys: readonly FindingKey[]) {
    if (!keys.length) return Promise.resolve([]);
    return t(trx)
      .selectFrom('rules_findings')
      .selectAll()
      .where('current', '=', true)
      .where('division', 'like', scope + '%')
      .where((eb) =>
        eb.or(
          keys.map((k) =>
            eb.and([
              eb('subject_type', '=', k.subjectType),
              eb('subject_id', '=', k.subjectId),
              eb('programme', '=', k.programme),
            ]),
          ),
        ),
      )
      .forUpdate()
      .execute();
  },

  markNotified(
    trx: AnyTrx,
    row: { county: string; subject_type: string; subject_id: number; programme: string },
    by: string,
  ) {
    return t(trx)
      .updateTable('rules_findings')
      .set({
        status: 'notified',
        notified_at: sql<Date>`now()`,
        notified_by: by,
        updated_at: sql<Date>`now()`,
      })
      .where('county', '=', row.county)
      .where('subject_type', '=', row.subject_type)
      .where('subject_id', '=', row.subject_id)
      .where('programme', '=', row.programme)
      .where('status', '=', 'open')
      .returning(['notified_at'])
      .executeTakeFirst();
  },

  /** The latest scan run (done, failed or running) within a scope. */
  latestRun(db: AnyDb, scope: string) {
    return t(db)
      .selectFrom('rules_scan_runs')
      .selectAll()
      .where('scope', 'like', scope + '%')
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  },
};
