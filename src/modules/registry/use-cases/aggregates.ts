import { sql } from 'kysely';
import { AppError } from '../../../platform/errors/index.js';
import { covers, requirePermission, type Actor } from '../../access/index.js';
import type { RegistryContext } from '../registry-context.js';

/**
 * Persons living under a division for whom a yes/no fact holds on a day (e.g. `employmentDifficulty`:
 * identified as having employment difficulties), counted by child division of their residence
 * (aggregates only). One grouped query; monitoring's door.
 */
export async function countPersonsWithFactByDivision(
  ctx: Pick<RegistryContext, 'db'>,
  actor: Actor,
  q: { fact: string; prefix: string; childLength: number; asOf: string },
): Promise<Array<{ division: string; count: number }>> {
  requirePermission(actor, 'monitoring.read');
  if (!covers(actor, q.prefix)) throw new AppError('NOT_FOUND', { path: 'division' });
  const r = await sql<{ division: string; count: number }>`
    SELECT substr(p.residence_division, 1, ${q.childLength}) AS division,
           count(DISTINCT p.id)::int AS count
      FROM facts f
      JOIN persons p ON p.county = f.county AND p.id = f.subject_id
     WHERE f.subject_type = 'person' AND f.name = ${q.fact} AND f.value = 'true'::jsonb
       AND f.superseded_at IS NULL AND f.valid_from <= ${q.asOf}
       AND (f.valid_to IS NULL OR f.valid_to > ${q.asOf})
       AND p.residence_division LIKE ${q.prefix + '%'}
     GROUP BY 1
     ORDER BY 1`.execute(ctx.db);
  return r.rows;
}
