/**
 * The shapes of the rules API's pack overview (`GET /rules/pack-overview`: the pack in force, its versions,
 * programmes and parameters with their legal references). Types only: nothing here reaches the bundle.
 */
export interface Reference {
  document: string;
  clause: string | null;
  text: string | null;
  assumed: boolean;
  confirmBy: string | null;
  note: string | null;
}

export interface PackVersion {
  id: number;
  version: string;
  label: string;
  checksum: string;
  loadedAt: string;
  loadedBy: string;
  activeFrom: string | null;
  activatedAt: string | null;
  activatedBy: string | null;
  inForce: boolean;
}

export interface ParameterView {
  id: string;
  name: string;
  nameEn: string | null;
  type: string;
  unit: string | null;
  min: number | null;
  max: number | null;
  limitReference: Reference | null;
  toBeSet: boolean;
  current: unknown;
  history: { from: string; to: string | null; value: unknown; reference: Reference }[];
}

export interface ProgrammeView {
  id: string;
  name: string;
  nameEn: string;
  audience: string;
  kind: string;
  fund: string | null;
  legalBasis: Reference;
  versions: { from: string; to: string | null; reference: Reference }[];
  parameters: string[];
}

export interface PackOverview {
  date: string;
  active: string;
  activeFrom: string | null;
  bundled: string;
  name: string;
  source: Reference;
  versions: PackVersion[];
  programmes: ProgrammeView[];
  parameters: ParameterView[];
}
