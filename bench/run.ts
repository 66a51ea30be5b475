/**
 * Benchmarks: `npm run bench -- <name> [options]`. Figures go to docs/performance.md.
 *   registry  seed N persons (PGlite, and PostgreSQL when JIUYE_BENCH_DATABASE_URL is set), then time
 *             registry look-ups by ID number and by name prefix within a township.
 *   registry-import  a legacy registry spreadsheet of N rows imported, then imported again.
 */
const [name, ...rest] = process.argv.slice(2);
const benches: Record<string, () => Promise<{ main: (args: string[]) => Promise<void> }>> = {
  registry: () => import('./registry.bench.js'),
  'registry-import': () => import('./registry-import.bench.js'),
  rules: () => import('./rules.bench.js'),
  payments: () => import('./payments.bench.js'),
  applications: () => import('./applications.bench.js'),
  match: () => import('./match.bench.js'),
};
const load = name ? benches[name] : undefined;
if (!load) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]\n`);
  process.exit(2);
}
await (await load()).main(rest);
