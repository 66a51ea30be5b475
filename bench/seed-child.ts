import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SeedSummary {
  persons: number;
  households: number;
  enterprises: number;
  facts: number;
  seconds: number;
  peakRssMb: number;
}

/**
 * `jiuye seed` in a child process (so the benchmark's own memory is not the seed's), on the data folder
 * or database that `env` names; its JSON summary.
 */
export async function seedInChild(
  env: NodeJS.ProcessEnv,
  opts: { persons: number; enterprises: number; seed: number; today: string },
): Promise<SeedSummary> {
  const { stdout } = await run(
    process.execPath,
    [
      'bin/jiuye.mjs',
      'seed',
      '--persons',
      String(opts.persons),
      '--enterprises',
      String(opts.enterprises),
      '--seed',
      String(opts.seed),
      '--today',
      opts.today,
      '--json',
    ],
    { env, maxBuffer: 1 << 24 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as SeedSummary;
}
