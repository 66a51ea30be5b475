import path from 'node:path';
import { compilePack, type PackSources } from '../domain/compile-pack.js';
import type { RulesEngine } from '../domain/engine.js';
import { POLICY_DIR, readPackSources } from './pack-files.js';

/**
 * Read, validate and compile a pack from its folder. With `partial`, programmes listed in pack.yaml
 * that have no file yet are left out (for authoring only; never for a pack in use).
 */
export function loadPackFromDir(dir: string, opts: { partial?: boolean } = {}): RulesEngine {
  const src: PackSources = readPackSources(dir);
  if (opts.partial) {
    const present = new Set(src.programmes.map((p) => p.id));
    src.meta.programmes = src.meta.programmes.filter((id) => present.has(id));
    src.cases = src.cases.filter((c) => present.has(c.programme));
  }
  return compilePack(src);
}

const cache = new Map<string, RulesEngine>();

/** The committed pack of that id, compiled once per process. */
export function loadBundledPack(id = 'lingyuan-2019'): RulesEngine {
  let engine = cache.get(id);
  if (!engine) {
    engine = loadPackFromDir(path.join(POLICY_DIR, id));
    cache.set(id, engine);
  }
  return engine;
}
