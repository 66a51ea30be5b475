import { requirePermission, type Actor } from '../../access/index.js';
import { loadVisibleSubject } from '../../registry/index.js';
import type { ApplicationsContext } from '../applications-context.js';
import type { ApplicationView } from '../domain/view.js';
import { applicationRepository } from '../infra/application.repository.js';
import { viewOf } from './apply.js';

/**
 * A person's applications (就业困难人员认定 included), newest first, for staff who may read
 * applications and see the person (a person outside their jurisdiction is "not found").
 */
export async function listPersonApplications(
  ctx: ApplicationsContext,
  actor: Actor,
  personId: number,
  limit = 100,
): Promise<ApplicationView[]> {
  requirePermission(actor, 'applications.read');
  const subject = await loadVisibleSubject(ctx.db, actor, 'person', personId);
  const rows = await applicationRepository.list(ctx.db, {
    subject: { type: 'person', county: subject.county, id: subject.id },
    limit: Math.min(limit, 200),
  });
  return rows.map((r) => viewOf(ctx, r));
}
