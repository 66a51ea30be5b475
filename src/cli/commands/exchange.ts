import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { systemActor } from '../../modules/access/index.js';
import {
  applyImportFacts,
  importList,
  runCrossChecks,
  LIST_KINDS,
  listMatches,
  matchesCsv,
  type ListKind,
} from '../../modules/exchange/index.js';
import { positiveInt, withContext } from '../run-command.js';
import { registerExchangeExportCommand } from './exchange-export.js';

function listKind(v: string): ListKind {
  if (!(v in LIST_KINDS)) throw new InvalidArgumentError(`应为 ${Object.keys(LIST_KINDS).join(' | ')}`);
  return v as ListKind;
}

/** `jiuye exchange import|matches`: other departments' lists, as the system actor (audited as such). */
export function registerExchangeCommands(program: Command): void {
  const exchange = program.command('exchange').description('部门数据交换 Department lists: import and match');
  const actor = () => systemActor('cli', process.env.USER ?? 'cli');
  registerExchangeExportCommand(exchange);
  exchange
    .command('import')
    .description(
      '导入部门名单并与实名库比对 Import a department list (.xlsx or CSV) and match it to the registry',
    )
    .requiredOption('--list <kind>', Object.keys(LIST_KINDS).join(' | '), listKind)
    .requiredOption('--file <path>', '.xlsx or .csv (UTF-8 or GB18030), header in row 1')
    .requiredOption('--as-of <date>', 'the date the list is as of (YYYY-MM-DD)')
    .option('--json', 'print the summary as one JSON line (the last line)')
    .action((opts: { list: ListKind; file: string; asOf: string; json?: boolean }) =>
      withContext('exchange import', async (ctx) => {
        const content = fs.readFileSync(opts.file);
        const s = await importList(ctx, actor(), {
          kind: opts.list,
          fileName: path.basename(opts.file),
          content,
          asOf: opts.asOf,
        });
        // The list's facts follow its certain matches (and 政策找人 is judged again for those changed).
        const f = await applyImportFacts(ctx, actor(), s.import, { refresh: 'wait' });
        process.stderr.write(
          f.skipped
            ? `已有更新日期的同类名单，本名单不改变事实 (a newer list is loaded: facts unchanged)\n`
            : `事实 ${f.fact}：新增 ${f.opened}，终止 ${f.closed}，不变 ${f.unchanged} (facts opened/closed/unchanged)\n`,
        );
        if (opts.json) process.stdout.write(JSON.stringify(s) + '\n');
        else
          process.stdout.write(
            `导入 ${s.import}（${LIST_KINDS[s.list].zh}）：${s.rows} 行，确定匹配 ${s.matched}，待确认 ${s.candidates}，未匹配 ${s.unmatched}，无效 ${s.invalid}，用时 ${s.seconds} 秒\n`,
          );
      }),
    );
  exchange
    .command('facts')
    .description('名单转为事实 Turn an import’s certain matches into dated facts again (idempotent)')
    .requiredOption('--import <id>', 'import id', positiveInt)
    .action((opts: { import: number }) =>
      withContext('exchange facts', async (ctx) => {
        const f = await applyImportFacts(ctx, actor(), opts.import, { refresh: 'wait' });
        process.stdout.write(JSON.stringify(f) + '\n');
      }),
    );
  exchange
    .command('cross-check')
    .description('交叉比对 Run the cross-checks and raise flags for review (payments concerned are held)')
    .action(() =>
      withContext('exchange cross-check', async (ctx) => {
        process.stdout.write(JSON.stringify(await runCrossChecks(ctx, actor())) + '\n');
      }),
    );
  exchange
    .command('matches')
    .description('比对结果 One line per row of an import: 行号,匹配状态,公民身份号码')
    .requiredOption('--import <id>', 'import id', positiveInt)
    .option('--csv', 'CSV with full ID numbers of the registry persons matched (audited)')
    .action((opts: { import: number; csv?: boolean }) =>
      withContext('exchange matches', async (ctx) => {
        const lines = await listMatches(ctx, actor(), opts.import, { full: true });
        process.stdout.write(matchesCsv(lines));
      }),
    );
}
