import type { Command } from 'commander';
import { systemActor, verifyAuditTrail } from '../../modules/access/index.js';
import { withContext, EXIT_PROBLEMS } from '../run-command.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('审计 Audit trail');
  audit
    .command('verify')
    .description('校验审计链 Recompute the hash chain; report changed or deleted records (exit 1 if any)')
    .option('--json', 'print the result as JSON')
    .action((opts: { json?: boolean }) =>
      withContext('audit verify', async (ctx) => {
        const r = await verifyAuditTrail(ctx.db, systemActor('cli'));
        if (opts.json) {
          process.stdout.write(JSON.stringify(r) + '\n');
        } else {
          for (const p of r.problems) process.stdout.write(`✗ ${p.messageZh} (${p.messageEn})\n`);
          process.stdout.write(
            r.problems.length
              ? `审计链校验未通过：${r.problems.length} 处问题，共 ${r.records} 条记录 / audit trail NOT intact\n`
              : `审计链完整：${r.chains} 条链，${r.records} 条记录 / audit trail intact\n`,
          );
        }
        if (r.problems.length) process.exitCode = EXIT_PROBLEMS;
      }),
    );
}
