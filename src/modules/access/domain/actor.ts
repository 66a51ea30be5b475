import { AppError } from '../../../platform/errors/index.js';
import { permissions, type Permission, type Role } from './roles.js';

export type Channel = 'api' | 'cli' | 'job';

/**
 * Who is acting. Every use case takes one; its scope is the division it is bound to, and it sees only
 * what lies beneath (a code-prefix relation: 211382 ⊃ 211382101 ⊃ 211382101200).
 */
export interface Actor {
  accountId: number | null;
  username: string;
  role: Role | 'system';
  /** Division code the actor is bound to; '' for the system itself (everything). */
  division: string;
  /** For a citizen: their own person record; for an enterprise account: its enterprise. */
  person?: { county: string; id: number } | undefined;
  enterprise?: { county: string; id: number } | undefined;
  channel: Channel;
  ip?: string | undefined;
}

/** The actor of local administrative commands (`jiuye seed`, `jiuye users add`) and of jobs. */
export function systemActor(channel: Channel, username = 'system'): Actor {
  return { accountId: null, username, role: 'system', division: '', channel };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.role === 'system' || permissions[permission].includes(actor.role);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN');
}

/** Does the actor's jurisdiction cover this division code? */
export function covers(actor: Actor, divisionCode: string): boolean {
  return divisionCode.startsWith(actor.division);
}

/** The county whose audit chain records this actor's acts. */
export function auditChainOf(actor: Actor, defaultCounty: string): string {
  return actor.division.length >= 6 ? actor.division.slice(0, 6) : defaultCounty;
}
