import type { Command } from 'commander';
import { reportError } from '../run-command.js';

/** `jiuye bench <name> [options]`: the benchmarks of docs/performance.md. */
export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('性能测试 Benchmarks: registry | rules | payments | match (see docs/performance.md)')
    .argument('<name>', 'registry | rules')
    .argument('[options...]', 'the benchmark’s own options, e.g. --persons 1000000 --json')
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption(false)
    .action(async (name: string, rest: string[]) => {
      try {
        const benches: Record<string, () => Promise<{ main: (args: string[]) => Promise<void> }>> = {
          registry: () => import('../../../bench/registry.bench.js'),
          rules: () => import('../../../bench/rules.bench.js'),
          payments: () => import('../../../bench/payments.bench.js'),
          match: () => import('../../../bench/match.bench.js'),
        };
        const load = benches[name];
        if (!load) throw new Error(`unknown benchmark ${name}: registry | rules`);
        await (await load()).main(rest);
      } catch (e) {
        reportError(e);
      }
    });
}
