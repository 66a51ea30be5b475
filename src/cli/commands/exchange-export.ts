import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { systemActor } from '../../modules/access/index.js';
import {
  EXPORT_KINDS,
  exportList,
  ExportQuerySchema,
  type ExportKind,
} from '../../modules/exchange/index.js';
import { AppError } from '../../platform/errors/index.js';
import { withContext } from '../run-command.js';

function exportKind(v: string): ExportKind {
  if (!(v in EXPORT_KINDS)) throw new InvalidArgumentError(`应为 ${Object.keys(EXPORT_KINDS).join(' | ')}`);
  return v as ExportKind;
}

interface ExportOptions {
  kind: ExportKind;
  format: string;
  out: string;
  full?: boolean;
  reason?: string;
  asOf?: string;
  encoding?: string;
  status?: string;
  referralKind?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

/**
 * `jiuye exchange export --kind KIND --format xlsx|csv --out FILE [--full --reason R] [--json]`: a list
 * for another department, as the system actor (the whole city; audited as such, with the file's SHA-256).
 */
export function registerExchangeExportCommand(exchange: Command): void {
  exchange
    .command('export')
    .description(
      '导出名单 Export a list for another department (.xlsx or CSV): referrals | registered-unemployed | difficulty-identified',
    )
    .requiredOption('--kind <kind>', Object.keys(EXPORT_KINDS).join(' | '), exportKind)
    .option('--format <format>', 'xlsx | csv', 'xlsx')
    .requiredOption('--out <file>', 'the file to write')
    .option('--full', '完整显示身份号码、出生日期、电话（须填写 --reason，记入审计）')
    .option('--reason <reason>', '完整导出的事由（至少 2 个字）')
    .option('--as-of <date>', 'the day the list is as of (YYYY-MM-DD, default today)')
    .option('--encoding <encoding>', 'CSV: utf-8 (with BOM, default) | gb18030')
    .option(
      '--status <status>',
      'referrals: open | needsMoreInformation | accepted | declined | unanswered | closed',
    )
    .option('--referral-kind <kind>', 'referrals: minimumLiving | temporaryAssistance')
    .option('--from <date>', 'referrals: referred on or after')
    .option('--to <date>', 'referrals: referred on or before')
    .option('--json', 'print a summary as one JSON line (the last line)')
    .action((opts: ExportOptions) =>
      withContext('exchange export', async (ctx) => {
        const parsed = ExportQuerySchema.safeParse({
          format: opts.format,
          encoding: opts.encoding,
          full: opts.full ? 'true' : undefined,
          reason: opts.reason,
          asOf: opts.asOf,
          status: opts.status,
          referralKind: opts.referralKind,
          from: opts.from,
          to: opts.to,
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new AppError('VALIDATION_FAILED', { path: String(issue.path[0] ?? ''), en: issue.message });
        }
        const f = await exportList(
          ctx,
          systemActor('cli', process.env.USER ?? 'cli'),
          opts.kind,
          parsed.data,
        );
        fs.writeFileSync(opts.out, f.content);
        const summary = {
          kind: f.kind,
          format: f.format,
          rows: f.rows,
          full: f.full,
          asOf: f.asOf,
          sha256: f.sha256,
          file: opts.out,
        };
        process.stdout.write(
          `已导出${EXPORT_KINDS[f.kind].zh} ${f.rows} 人（${f.full ? '完整信息' : '已脱敏'}，截至 ${f.asOf}）到 ${opts.out}\n`,
        );
        if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
      }),
    );
}
