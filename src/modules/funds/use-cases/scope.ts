import { HOME_COUNTY } from '../../../platform/config/config.js';
import type { Actor } from '../../access/index.js';

/** The county whose money the actor handles: the first six digits of their division (system: home). */
export function countyOf(actor: Actor, county?: string): string {
  return actor.division.length >= 6 ? actor.division.slice(0, 6) : (county ?? HOME_COUNTY);
}

/** The division prefix the actor sees: their own division, or the county for the system. */
export function scopeOf(actor: Actor, county: string): string {
  return actor.division.length >= 6 ? actor.division : county;
}
