import crypto from 'node:crypto';

/** The default 抽查 rate when a programme has none set: 5% (basis points). */
export const DEFAULT_SPOT_CHECK_RATE_BP = 500;

/** How many of `population` items a rate (basis points) asks for: rounded up, at least one of a non-empty population. */
export function sampleSize(population: number, rateBp: number): number {
  if (population === 0 || rateBp === 0) return 0;
  return Math.min(population, Math.max(1, Math.ceil((population * rateBp) / 10_000)));
}

/**
 * A reproducible random sample: the `size` ids with the smallest SHA-256(seed ‖ ':' ‖ id). The seed is
 * drawn at random and recorded with the population, so anyone can redraw the same sample, and nobody
 * can choose it without choosing the seed.
 */
export function drawSample(seed: string, population: readonly number[], size: number): number[] {
  const keyed = population.map((id) => ({
    id,
    key: crypto.createHash('sha256').update(`${seed}:${id}`).digest('hex'),
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id));
  return keyed
    .slice(0, size)
    .map((k) => k.id)
    .sort((a, b) => a - b);
}

export function newSeed(): string {
  return crypto.randomBytes(16).toString('hex');
}
