import readline from 'node:readline';
import type { Command } from 'commander';
import { contractResult } from '../../modules/rules/domain/evaluate.js';
import type { RulesEngine } from '../../modules/rules/domain/engine.js';
import { loadBundledPack, loadPackFromDir } from '../../modules/rules/infra/load-pack.js';
import { AppError, isAppError } from '../../platform/errors/index.js';
import { EXIT_BAD_INPUT, reportError, withContext } from '../run-command.js';
import { systemActor } from '../../modules/access/index.js';
import { evaluateRegisteredPerson } from '../../modules/rules/use-cases/evaluate-registered-person.js';
import { requireCaseDate } from '../../modules/rules/domain/prepare-case.js';
import { readPackSources, runScan, simulate } from '../../modules/rules/index.js';
import { todayInChina } from '../../shared/dates/calendar-date.js';
import path from 'node:path';

/** The contract's result shape: `{ date, pack, results: [...] }` with exactly the contract's fields per result. */
export function publicCaseResult(engine: RulesEngine, raw: unknown) {
  const r = engine.evaluateCase(raw);
  return { date: r.date, pack: r.pack, results: r.results.map(contractResult) };
}

function errorLine(e: unknown): string {
  const err = isAppError(e) ? e : new AppError('INTERNAL');
  return JSON.stringify({
    error: { code: err.code, message: err.messageZh, ...(err.path ? { path: err.path } : {}) },
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('MALFORMED_JSON', { path: 'input', zh: '输入不是有效的 JSON' });
  }
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** NDJSON in, NDJSON out, same order; a bad line gets an error line and the others go on. */
async function evaluateBatch(engine: RulesEngine): Promise<void> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let failed = false;
  let buf = '';
  for await (const line of lines) {
    if (!line.trim()) continue;
    try {
      buf += JSON.stringify(publicCaseResult(engine, parseJson(line))) + '\n';
    } catch (e) {
      failed = true;
      buf += errorLine(e) + '\n';
    }
    if (buf.length > 1 << 16) {
      if (!process.stdout.write(buf)) await new Promise((r) => process.stdout.once('drain', r));
      buf = '';
    }
  }
  process.stdout.write(buf);
  if (failed) process.exitCode = EXIT_BAD_INPUT;
}

export function registerRulesCommands(program: Command): void {
  const rules = program.command('rules').description('政策规则 Rules engine and policy packs');
  rules
    .command('evaluate')
    .description('评估案例 Evaluate a case (JSON on stdin) or, with --batch, one case per line (NDJSON)')
    .option('--batch', 'NDJSON in, NDJSON out')
    .option('--pack <dir>', 'a pack folder instead of the committed policy/lingyuan-2019')
    .option('--person <idNumber>', 'evaluate a person of the registry (facts assembled as known on --date)')
    .option('--date <date>', 'with --person: the date of judgement (YYYY-MM-DD)')
    .option('--programme <id...>', 'with --person: only these programmes')
    .action(
      async (opts: {
        batch?: boolean;
        pack?: string;
        person?: string;
        date?: string;
        programme?: string[];
      }) => {
        if (opts.person) {
          return withContext('rules evaluate', async (ctx) => {
            const engine = opts.pack ? loadPackFromDir(opts.pack) : loadBundledPack();
            const r = await evaluateRegisteredPerson(
              ctx,
              systemActor('cli', process.env.USER ?? 'cli'),
              engine,
              {
                idNumber: opts.person,
                date: requireCaseDate(opts.date),
                programmes: opts.programme,
              },
            );
            process.stdout.write(JSON.stringify(r) + '\n');
          });
        }
        try {
          const engine = opts.pack ? loadPackFromDir(opts.pack) : loadBundledPack();
          if (opts.batch) return await evaluateBatch(engine);
          const result = publicCaseResult(engine, parseJson(await readAll()));
          process.stdout.write(JSON.stringify(result) + '\n');
        } catch (e) {
          if (isAppError(e)) {
            process.stderr.write(`错误 ${e.code}${e.path ? ` (${e.path})` : ''}：${e.messageZh}\n`);
            process.exitCode = EXIT_BAD_INPUT;
          } else reportError(e);
        }
      },
    );
}

function cliActor() {
  return systemActor('cli', process.env.USER ?? 'cli');
}

function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function registerRulesRunCommands(program: Command): void {
  const rules = program.commands.find((c) => c.name() === 'rules')!;
  rules
    .command('scan')
    .description(
      '政策找人 Judge everyone in scope; keep who qualifies as a list (per township and programme)',
    )
    .option('--date <date>', 'date of judgement (default: today in China)')
    .option('--division <code>', 'scope: a county, township or village code (default: everything)')
    .option('--programme <id...>', 'only these programmes')
    .option('--incremental', 'only the subjects whose facts changed since the last scan of this scope')
    .option('--json', 'print the summary as one JSON line')
    .action(
      (opts: {
        date?: string;
        division?: string;
        programme?: string[];
        incremental?: boolean;
        json?: boolean;
      }) =>
        withContext('rules scan', async (ctx) => {
          const date = opts.date ? requireCaseDate(opts.date) : todayInChina();
          const r = await runScan(ctx.database, cliActor(), ctx.rules.engineFor(date), {
            date,
            scope: opts.division,
            programmes: opts.programme,
            incremental: opts.incremental,
          });
          if (opts.json) process.stdout.write(JSON.stringify(r) + '\n');
          else
            process.stdout.write(
              `政策找人完成：${r.subjects} 个对象，${r.findings} 条符合条件未申请的记录，用时 ${r.seconds.toFixed(1)} 秒（${r.pack}）\n`,
            );
        }),
    );
  rules
    .command('simulate')
    .description('政策测算 Cost and beneficiaries of parameter changes, against the current parameters')
    .requiredOption('--set <id=value...>', 'parameter overrides, e.g. wage.minimumMonthly=1800 (JSON values)')
    .option('--date <date>', 'date of judgement (default: today in China)')
    .option('--division <code>', 'scope (default: everything)')
    .option('--programme <id...>', 'only these programmes')
    .action((opts: { set: string[]; date?: string; division?: string; programme?: string[] }) =>
      withContext('rules simulate', async (ctx) => {
        const date = opts.date ? requireCaseDate(opts.date) : todayInChina();
        const parameters: Record<string, unknown> = {};
        for (const kv of opts.set) {
          const i = kv.indexOf('=');
          if (i < 1) throw new AppError('INVALID_PARAMETER', { path: 'set', zh: `参数应写作 id=值：${kv}` });
          parameters[kv.slice(0, i)] = parseJson(kv.slice(i + 1));
        }
        printJson(
          await simulate(ctx.database, cliActor(), ctx.rules.engineFor(date), {
            date,
            scope: opts.division,
            parameters,
            programmes: opts.programme,
          }),
        );
      }),
    );

  const pack = rules.command('pack').description('政策包版本 Policy pack versions');
  pack
    .command('load')
    .description(
      '载入新版本 Validate a pack folder (schema, expressions, limits, its cases) and keep it as a version',
    )
    .argument('[dir]', 'pack folder', 'policy/lingyuan-2019')
    .action((dir: string) =>
      withContext('rules pack load', async (ctx) => {
        printJson(await ctx.rules.loadVersion(cliActor(), readPackSources(path.resolve(dir))));
      }),
    );
  pack
    .command('diff')
    .description('版本差异 Differences of a loaded version from the version in force')
    .argument('<version>')
    .action((version: string) =>
      withContext('rules pack diff', async (ctx) => printJson(await ctx.rules.diff(cliActor(), version))),
    );
  pack
    .command('activate')
    .description('启用版本 Activate a loaded version from a date')
    .argument('<version>')
    .requiredOption('--from <date>', 'the date from which it applies')
    .action((version: string, opts: { from: string }) =>
      withContext('rules pack activate', async (ctx) =>
        printJson(await ctx.rules.activate(cliActor(), version, requireCaseDate(opts.from))),
      ),
    );
  pack
    .command('list')
    .description('版本历史 The committed pack and the loaded versions')
    .action(() => withContext('rules pack list', async (ctx) => printJson(await ctx.rules.list(cliActor()))));
}
