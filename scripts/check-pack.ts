/**
 * Check a policy pack while writing it: `npx tsx scripts/check-pack.ts [policy/lingyuan-2019] [--partial]`.
 * Prints every problem (schema, expressions, limits, failing cases) and the case count per programme.
 */
import { PackInvalidError } from '../src/modules/rules/domain/compile-pack.js';
import { loadPackFromDir } from '../src/modules/rules/infra/load-pack.js';
import { readPackSources } from '../src/modules/rules/infra/pack-files.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? 'policy/lingyuan-2019';
try {
  const engine = loadPackFromDir(dir, { partial: args.includes('--partial') });
  const src = readPackSources(dir);
  for (const p of engine.pack.programmes) {
    const n = src.cases.filter((c) => c.programme === p.source.id).reduce((k, c) => k + c.cases.length, 0);
    console.log(`${n >= 6 ? '✓' : '✗'} ${p.source.id}: ${n} cases`);
  }
  console.log(`pack ${engine.label}: valid, ${engine.pack.programmes.length} programmes`);
} catch (e) {
  if (e instanceof PackInvalidError) {
    for (const p of e.problems) console.log(`✗ ${p.where}: ${p.message}`);
    process.exit(1);
  }
  throw e;
}
