import { sql, type Kysely } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import { listFindings, type FindingsQuery } from './findings.repository.js';
import type { RulesTables } from './tables.js';

const t = (db: AnyDb | AnyTrx) => db as unknown as Kysely<RulesTables>;

export interface FindingKey {
  subjectType: 'person' | 'enterprise';
  subjectId: number;
  programme: string;
}

export type OutreachQuery = FindingsQuery;

export const outreachRepository = {
  /** The current list within a scope, with who notified each and when. */
  list: listFindings,

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
