import cliProgress from 'cli-progress';

/** A progress bar on stderr for long commands (silent when stderr is not a terminal or with --json). */
export function progressBar(label: string, total: number, enabled = process.stderr.isTTY === true) {
  if (!enabled) return { update: (_n: number) => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (n: number) => bar.update(n), stop: () => bar.stop() };
}
