import fs from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { systemActor } from '../../modules/access/index.js';
import { importPersons, type RowProblem } from '../../modules/registry/index.js';
import { isCalendarDate, todayInChina } from '../../shared/dates/calendar-date.js';
import { positiveInt, withContext, EXIT_BAD_INPUT, EXIT_PROBLEMS } from '../run-command.js';

interface ImportOptions {
  file: string;
  asOf?: string;
  rejects?: string;
  show: number;
  batch: number;
  json?: boolean;
}

/** The rejected and conflicting rows as CSV (UTF-8 with a BOM, so Excel opens it): row numbers and reasons only. */
export function rejectsCsv(problems: readonly RowProblem[]): string {
  return (
    '\ufeff' +
    stringify([
      ['行号', '代码', '原因', 'reason'],
      ...problems.map((p) => [p.row, p.code, p.messageZh, p.messageEn]),
    ])
  );
}

export function registerRegistryCommands(program: Command): void {
  const registry = program.command('registry').description('实名登记库 The real-name registry');
  registry
    .command('import')
    .description(
      '从表格批量导入人员 Bulk-import persons from a legacy .xlsx or CSV (UTF-8 or GB18030); re-importing changes nothing',
    )
    .requiredOption('--file <path>', '.xlsx or .csv file')
    .option('--as-of <date>', 'the date the facts are known from (default: today in China)')
    .option(
      '--rejects <path>',
      'write every rejected or conflicting row (row number, code, reason) to this CSV',
    )
    .option('--show <n>', 'rejected rows shown on screen', positiveInt, 20)
    .option('--batch <n>', 'rows per transaction (at most 1000)', positiveInt, 1000)
    .option('--json', 'print a JSON summary as the last line')
    .action(async (opts: ImportOptions) => {
      const asOf = opts.asOf ?? todayInChina();
      if (!isCalendarDate(asOf)) {
        process.stderr.write('错误：--as-of 应为 YYYY-MM-DD 的有效日期 (a valid date)\n');
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(opts.file);
      } catch (e) {
        process.stderr.write(
          `错误：无法读取文件 ${opts.file} (cannot read the file: ${(e as Error).message})\n`,
        );
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      await withContext('registry import', async (ctx) => {
        const started = performance.now();
        const r = await importPersons(ctx, systemActor('cli', process.env.USER ?? 'cli'), {
          bytes,
          asOf,
          batchSize: opts.batch,
          onProgress: opts.json
            ? undefined
            : (n) => process.stderr.isTTY && process.stderr.write(`\r已读取 ${n} 行 (rows read)`),
        });
        if (!opts.json && process.stderr.isTTY) process.stderr.write('\n');
        const seconds = Math.round((performance.now() - started) / 10) / 100;
        if (opts.rejects) fs.writeFileSync(opts.rejects, rejectsCsv(r.problems));
        const out: string[] = [];
        const kind = r.format === 'csv' ? `CSV，${r.encoding?.toUpperCase()}` : 'xlsx';
        out.push(
          `导入 ${opts.file}（${kind}）：共 ${r.rows} 行，新登记 ${r.imported} 人，已登记且一致 ${r.unchanged} 人，` +
            `与登记库不一致 ${r.conflicts} 行（未修改），拒收 ${r.rejected} 行，用时 ${seconds} 秒`,
          `Imported ${opts.file}: ${r.rows} rows, ${r.imported} new, ${r.unchanged} unchanged, ` +
            `${r.conflicts} conflicting (left as is), ${r.rejected} rejected, ${seconds} s`,
        );
        if (r.upgraded15)
          out.push(`其中 ${r.upgraded15} 个15位旧号码已升为18位 (old 15-digit numbers upgraded)`);
        if (r.ignoredColumns.length)
          out.push(`未识别的列已忽略 (ignored columns)：${r.ignoredColumns.join('、')}`);
        if (r.problems.length) {
          const shown = r.problems.slice(0, opts.show);
          out.push(
            `未导入的行${r.problems.length > shown.length ? `（前 ${shown.length} 行，共 ${r.problems.length} 行${opts.rejects ? '，全部见 ' + opts.rejects : '，全部请用 --rejects 文件.csv'}）` : ''}：`,
          );
          for (const p of shown) out.push(`  第 ${p.row} 行  ${p.code}  ${p.messageZh}`);
        }
        const summary = {
          file: opts.file,
          sha256: r.sha256,
          format: r.format,
          encoding: r.encoding,
          rows: r.rows,
          imported: r.imported,
          unchanged: r.unchanged,
          conflicts: r.conflicts,
          rejected: r.rejected,
          upgraded15: r.upgraded15,
          seconds,
        };
        if (opts.json) out.push(JSON.stringify(summary));
        process.stdout.write(out.join('\n') + '\n');
        if (r.rejected || r.conflicts) process.exitCode = EXIT_PROBLEMS;
      });
    });
}
