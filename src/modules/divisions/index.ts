/**
 * The divisions module: the effective-dated administrative division tree of Lingyuan (county →
 * township/street → village/community), from published NBS codes (docs/divisions.md).
 */
export {
  activeOn,
  childrenOf,
  divisionLevelOfCode,
  divisionName,
  getDivision,
  historyOf,
  isActiveDivision,
  isWithin,
  lingyuan,
  townshipOf,
  type Division,
  type DivisionKind,
  type DivisionLevel,
} from './domain/division-tree.js';
export { syncDivisions } from './infra/sync-divisions.js';
export type { DivisionTables } from './infra/tables.js';
