import type { Command } from 'commander';
import { migrationStatus } from '../../platform/db/migrate.js';
import { withContext } from '../run-command.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('数据库 Database');
  db.command('migrate')
    .description('执行数据库迁移 Apply pending migrations (also done at every start)')
    .action(() =>
      withContext('db migrate', async (ctx) => {
        const { applied } = await migrationStatus(ctx.db);
        process.stdout.write(`${ctx.database.kind}: ${applied.length} migrations applied, none pending\n`);
      }),
    );
}
