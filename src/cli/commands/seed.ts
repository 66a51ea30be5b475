import type { Command } from 'commander';
import { systemActor } from '../../modules/access/index.js';
import { seedRegistry } from '../../modules/registry/seed/seed-registry.js';
import { todayInChina } from '../../shared/dates/calendar-date.js';
import { progressBar } from '../progress.js';
import { positiveInt, withContext } from '../run-command.js';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description(
      '生成合成人口 Fill the registry with a synthetic Lingyuan population (deterministic per seed)',
    )
    .option('--persons <n>', 'persons', positiveInt, 1000)
    .option('--enterprises <n>', 'enterprises', positiveInt, 100)
    .option('--seed <s>', 'random seed', positiveInt, 1)
    .option('--today <date>', 'the date ages and facts refer to (default: today in China)')
    .option('--json', 'print a JSON summary as the last line')
    .action((opts: { persons: number; enterprises: number; seed: number; today?: string; json?: boolean }) =>
      withContext('seed', async (ctx) => {
        const started = performance.now();
        const bar = progressBar(
          'seed',
          opts.persons + opts.enterprises,
          !opts.json && process.stderr.isTTY === true,
        );
        const r = await seedRegistry(
          ctx.database,
          ctx.cipher,
          systemActor('cli', process.env.USER ?? 'cli'),
          {
            persons: opts.persons,
            enterprises: opts.enterprises,
            seed: opts.seed,
            today: opts.today ?? todayInChina(),
          },
          (p) => bar.update(p.persons + p.enterprises),
        );
        bar.stop();
        const seconds = (performance.now() - started) / 1000;
        const summary = {
          ...r,
          seconds: Math.round(seconds * 100) / 100,
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        };
        process.stdout.write(
          opts.json
            ? JSON.stringify(summary) + '\n'
            : `已生成 ${r.persons} 人、${r.households} 户、${r.enterprises} 家企业、${r.facts} 条事实，用时 ${summary.seconds} 秒\n`,
        );
      }),
    );
}
