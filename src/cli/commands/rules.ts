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
