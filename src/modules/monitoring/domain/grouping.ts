/**
 * How the monitoring aggregates group rows under a division: by the code of the child a row's division
 * falls in (the first `childLength` digits of a 12-digit code). A county (6 digits) groups by township
 * (9), a township by village (12); a village groups by itself.
 */
export interface DivisionGrouping {
  /** Rows whose division starts with this code are counted. */
  prefix: string;
  /** How many leading digits of a row's division name the child it is counted under. */
  childLength: number;
}

export function groupingFor(code: string): DivisionGrouping {
  return { prefix: code, childLength: code.length <= 6 ? 9 : 12 };
}
