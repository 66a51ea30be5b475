/**
 * Timing of the synthetic generators (no database): `npx tsx src/modules/registry/seed/synthetic-bench.ts
 * [persons] [enterprises] [seed] [today]`, defaults 1,000,000 persons and 20,000 enterprises.
 * Prints throughput and the resident set size / heap after each phase.
 */
import { generateEnterprises, generateHouseholds } from './synthetic-population.js';

const persons = Number(process.argv[2] ?? 1_000_000);
const enterprises = Number(process.argv[3] ?? 20_000);
const seed = Number(process.argv[4] ?? 1);
const today = process.argv[5] ?? '2025-06-30';

const mb = (n: number): string => `${(n / 1048576).toFixed(0)} MB`;
function memory(): string {
  const m = process.memoryUsage();
  return `rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)}`;
}

console.log(`start: ${memory()}`);
let t0 = performance.now();
let households = 0;
let people = 0;
let maxRss = 0;
for (const h of generateHouseholds(persons, { seed, today })) {
  households++;
  people += h.members.length;
  if ((households & 0xffff) === 0) maxRss = Math.max(maxRss, process.memoryUsage().rss);
}
let secs = (performance.now() - t0) / 1000;
maxRss = Math.max(maxRss, process.memoryUsage().rss);
console.log(
  `households: ${people.toLocaleString('en')} persons in ${households.toLocaleString('en')} households, ` +
    `${secs.toFixed(2)} s, ${Math.round(people / secs).toLocaleString('en')} persons/s; ${memory()}, max rss ${mb(maxRss)}`,
);

t0 = performance.now();
let n = 0;
for (const e of generateEnterprises(enterprises, { seed, today })) n += e.facts.employees > 0 ? 1 : 0;
secs = (performance.now() - t0) / 1000;
console.log(
  `enterprises: ${n.toLocaleString('en')} in ${secs.toFixed(2)} s, ${Math.round(n / secs).toLocaleString('en')}/s; ${memory()}`,
);
