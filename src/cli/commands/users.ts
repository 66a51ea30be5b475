import type { Command } from 'commander';
import { createAccount, CreateAccountSchema, RoleSchema, systemActor } from '../../modules/access/index.js';
import { AppError } from '../../platform/errors/index.js';
import { withContext } from '../run-command.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('用户 Accounts');
  users
    .command('add')
    .description('新建用户 Add an account')
    .requiredOption('--username <name>', 'login name (lower-case letters, digits, . _ -)')
    .requiredOption('--role <role>', `one of: ${RoleSchema.options.join(', ')}`)
    .requiredOption('--division <code>', 'division code the account is bound to (6, 9 or 12 digits)')
    .option('--name <display>', 'display name (default: the username)')
    .option('--password-stdin', 'read the password from standard input (otherwise JIUYE_PASSWORD)')
    .action(
      (opts: { username: string; role: string; division: string; name?: string; passwordStdin?: boolean }) =>
        withContext('users add', async (ctx) => {
          const password = opts.passwordStdin ? await readStdin() : process.env.JIUYE_PASSWORD;
          if (!password) {
            throw new AppError('VALIDATION_FAILED', {
              path: 'password',
              zh: '请通过 --password-stdin 或环境变量 JIUYE_PASSWORD 提供密码',
              en: 'Give the password with --password-stdin or JIUYE_PASSWORD',
            });
          }
          const parsed = CreateAccountSchema.safeParse({
            username: opts.username,
            displayName: opts.name ?? opts.username,
            password,
            role: opts.role,
            division: opts.division,
          });
          if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            throw new AppError('VALIDATION_FAILED', { path: issue.path.join('.'), en: issue.message });
          }
          const a = await createAccount(ctx.db, systemActor('cli', process.env.USER ?? 'cli'), parsed.data);
          process.stdout.write(JSON.stringify(a) + '\n');
        }),
    );
}
