/** Helpers shared by the synthetic population and enterprise generators. */
import { WeightedTable, type Rng } from './synthetic-random.js';
import type { SyntheticOptions } from './synthetic-types.js';

export const DEFAULT_COUNTY = '211382';

export function resolveCounty(opts: SyntheticOptions): string {
  const county = opts.county ?? DEFAULT_COUNTY;
  if (county !== DEFAULT_COUNTY) {
    throw new RangeError(`synthetic population: only county ${DEFAULT_COUNTY} is supported, got ${county}`);
  }
  return county;
}

/** Mobile prefixes, weighted (China Mobile ≈ 60 %, Unicom ≈ 25 %, Telecom ≈ 15 % in Liaoning; assumption). */
const PHONE_PREFIXES = new WeightedTable<string>([
  ['139', 9],
  ['138', 8],
  ['135', 7],
  ['136', 5],
  ['137', 5],
  ['134', 4],
  ['150', 4],
  ['151', 4],
  ['152', 4],
  ['158', 3],
  ['159', 3],
  ['157', 2],
  ['187', 3],
  ['188', 3],
  ['182', 3],
  ['183', 2],
  ['184', 2],
  ['178', 2],
  ['198', 1],
  ['147', 1],
  ['195', 0.5],
  ['130', 4],
  ['131', 4],
  ['132', 3],
  ['155', 3],
  ['156', 3],
  ['185', 3],
  ['186', 3],
  ['176', 2],
  ['175', 1],
  ['166', 1],
  ['145', 0.5],
  ['133', 3],
  ['153', 3],
  ['180', 2],
  ['181', 2],
  ['189', 3],
  ['177', 1],
  ['173', 1],
  ['199', 1],
  ['191', 0.5],
]);

export function mobilePhone(rng: Rng): string {
  return PHONE_PREFIXES.pick(rng) + String(100000000 + rng.int(100000000)).slice(1);
}
