import { Command } from 'commander';
import { serve } from './commands/serve.js';
import { registerDbCommands } from './commands/db.js';
import { registerSeedCommand } from './commands/seed.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerUserCommands } from './commands/users.js';
import { registerRulesCommands, registerRulesRunCommands } from './commands/rules.js';
import { registerBenchCommand } from './commands/bench.js';
import { registerPaymentsCommands } from './commands/payments.js';
import { registerExchangeCommands } from './commands/exchange.js';
import { registerRegistryCommands } from './commands/registry.js';

const program = new Command()
  .name('jiuye')
  .description(
    '凌源市公共就业服务信息系统 Jiuye — the public employment service information system of Lingyuan',
  )
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

program
  .command('serve')
  .description('启动服务 Serve the web app and API (PORT, JIUYE_DATA, DATABASE_URL)')
  .action(serve);
registerDbCommands(program);
registerSeedCommand(program);
registerAuditCommands(program);
registerUserCommands(program);
registerRulesCommands(program);
registerRulesRunCommands(program);
registerBenchCommand(program);
registerPaymentsCommands(program);
registerExchangeCommands(program);
registerRegistryCommands(program);

await program.parseAsync(process.argv);
