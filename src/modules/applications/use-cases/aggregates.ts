import { sql } from 'kysely';
import { AppError } from '../../../platform/errors/index.js';
import { covers, requirePermission, type Actor } from '../../access/index.js';
import type { ApplicationsContext } from '../applications-context.js';
import type { ApplicationStatus } from '../infra/tables.js';

export interface ApplicationCount {
  /** The first `childLength` digits of the application's division. */
  division: string;
  programme: string;
  status: ApplicationStatus;
  count: number;
}

/**
 * Applications under a division counted by child division, programme and status, made in the given
 * days (aggregates only: no applicant is named). One grouped query; monitoring's door.
 */
export async function countApplicationsByDivision(
  ctx: Pick<ApplicationsContext, 'db'>,
  actor: Actor,
  q: { prefix: string; childLength: number; from: string; to: string },
): Promise<ApplicationCount[]> {
  requirePermission(actor, 'monitoring.read');
  if (!covers(actor, q.prefix)) throw new AppError('NOT_FOUND', { path: 'division' });
  const r = await sql<ApplicationCount>`
    SELECT substr(division, 1, ${q.childLength}) AS division, programme_id AS programme, status,
           count(*)::int AS count
      FROM applications
     WHERE division LIKE ${q.prefix + '%'} AND applied_on >= ${q.from} AND applied_on <= ${q.to}
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3`.execute(ctx.db);
  return r.rows;
}
