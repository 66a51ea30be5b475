import { z } from 'zod';
import { requirePermission, type Actor } from '../domain/actor.js';
import { permissionsOf, roleLevel, roleNames, RoleSchema } from '../domain/roles.js';

export const RoleViewSchema = z.object({
  role: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  /** The level of the division tree an account of this role is bound to. */
  level: z.enum(['county', 'township', 'village', 'any']),
  staff: z.boolean(),
  permissions: z.array(z.string()),
});
export type RoleView = z.infer<typeof RoleViewSchema>;

/** The roles and what each may do, as the use cases check it (for the system administrator's page). */
export function listRoles(actor: Actor): RoleView[] {
  requirePermission(actor, 'accounts.manage');
  return RoleSchema.options.map((role) => ({
    role,
    nameZh: roleNames[role].zh,
    nameEn: roleNames[role].en,
    level: roleLevel[role],
    staff: role !== 'citizen' && role !== 'enterprise',
    permissions: permissionsOf(role),
  }));
}
