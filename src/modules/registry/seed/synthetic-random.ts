/**
 * Small, dependency-free randomness helpers for the synthetic population: a seeded sfc32 generator
 * (Chris Doty-Humphrey's "small fast counting" PRNG, 128-bit state, passes PractRand/BigCrush), a
 * 32-bit integer hash for stable per-key variation, and a cumulative-weight table with binary search.
 *
 * Everything here is deterministic: the same seed and the same sequence of calls give the same values
 * on every platform (only 32-bit integer arithmetic and exact double division are used).
 */

/** 32-bit integer hash (lowbias32 by Chris Wellons): good avalanche, cheap. */
export function hash32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of a string (FNV-1a over UTF-16 code units, then mixed). */
export function hashString(s: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return hash32(h);
}

/** sfc32 seeded from an arbitrary JS number (any integer, also beyond 32 bits or negative) and a stream id. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    if (!Number.isFinite(seed)) throw new RangeError('seed must be a finite number');
    const lo = (Math.trunc(seed) % 4294967296) >>> 0;
    const hi = Math.floor(Math.trunc(seed) / 4294967296) >>> 0;
    this.a = hash32(lo ^ 0x9e3779b9);
    this.b = hash32(hi ^ 0x85ebca6b);
    this.c = hash32((stream >>> 0) ^ 0xc2b2ae35);
    this.d = 1;
    for (let i = 0; i < 16; i++) this.u32();
  }

  /** Next uniformly distributed unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Approximately normal (Irwin–Hall with 4 uniforms: mean 0, sd 1, bounded ±3.46). Cheap and branch-free. */
  normal(): number {
    return (this.float() + this.float() + this.float() + this.float() - 2) * 1.7320508075688772;
  }

  /** Uniform element of a non-empty array or string. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Uniform character of a non-empty string (BMP characters only). */
  pickChar(s: string): string {
    return s.charAt(Math.floor(this.float() * s.length));
  }
}

/** Weighted choice among items by cumulative weights and binary search: O(log n) per pick. */
export class WeightedTable<T> {
  readonly items: readonly T[];
  private readonly cum: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    const items: T[] = [];
    const cum = new Float64Array(entries.length);
    let total = 0;
    for (const [item, w] of entries) {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`invalid weight ${w}`);
      total += w;
      cum[items.length] = total;
      items.push(item);
    }
    if (!(total > 0)) throw new RangeError('WeightedTable needs a positive total weight');
    this.items = items;
    this.cum = cum;
    this.total = total;
  }

  pickIndex(rng: Rng): number {
    const x = rng.float() * this.total;
    const cum = this.cum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  pick(rng: Rng): T {
    return this.items[this.pickIndex(rng)] as T;
  }

  /** Share of the total weight carried by `item`'s entries (for documentation/tests). */
  share(pred: (item: T) => boolean): number {
    let s = 0;
    for (let i = 0; i < this.items.length; i++) {
      if (pred(this.items[i] as T)) s += (this.cum[i] as number) - (i > 0 ? (this.cum[i - 1] as number) : 0);
    }
    return s / this.total;
  }
}
