import { sql } from 'kysely';
import { AppError } from '../../../platform/errors/index.js';
import { covers, requirePermission, type Actor } from '../../access/index.js';
import type { ServicesContext } from '../services-context.js';

/**
 * Open 失业登记 (registered unemployed) on a day under a division, counted by child division
 * (aggregates only). One grouped query; monitoring's door.
 */
export async function countOpenRegistrationsByDivision(
  ctx: Pick<ServicesContext, 'db'>,
  actor: Actor,
  q: { prefix: string; childLength: number; asOf: string },
): Promise<Array<{ division: string; count: number }>> {
  requirePermission(actor, 'monitoring.read');
  if (!covers(actor, q.prefix)) throw new AppError('NOT_FOUND', { path: 'division' });
  const r = await sql<{ division: string; count: number }>`
    SELECT substr(division, 1, ${q.childLength}) AS division, count(*)::int AS count
      FROM unemployment_registrations
     WHERE division LIKE ${q.prefix + '%'} AND registered_on <= ${q.asOf}
       AND (ended_on IS NULL OR ended_on > ${q.asOf})
     GROUP BY 1
     ORDER BY 1`.execute(ctx.db);
  return r.rows;
}
