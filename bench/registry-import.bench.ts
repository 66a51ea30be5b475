import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { openAppContext } from '../src/app/app-context.js';
import { systemActor } from '../src/modules/access/index.js';
import { importPersons } from '../src/modules/registry/index.js';
import { generateHouseholds } from '../src/modules/registry/seed/synthetic-population.js';
import { loadConfig } from '../src/platform/config/config.js';

/**
 * `npm run bench -- registry-import [--rows N] [--format csv|xlsx] [--batch B]`: a legacy registry
 * spreadsheet of N synthetic persons (with the damage real sheets have: 0.5% bad check digits, 0.5%
 * repeated rows, about 1% old 15-digit numbers, lower-case x, spaces), imported into a new PGlite database,
 * then imported again (everything unchanged). One JSON line per run.
 */

const EDU: Record<string, string> = {
  primary: '小学',
  juniorSecondary: '初中',
  seniorSecondary: '高中',
  secondaryVocational: '中职',
  college: '大专',
  bachelor: '本科',
  master: '硕士研究生',
  doctorate: '博士研究生',
};
const HEADERS = [
  '姓名',
  '公民身份号码',
  '常住地行政区划代码',
  '联系电话',
  '户籍地行政区划代码',
  '文化程度',
  '毕业离校日期',
  '是否残疾',
];

function* legacyRows(n: number, seed: number, today: string): Generator<string[]> {
  let i = 0;
  let previous: string[] | undefined;
  for (const h of generateHouseholds(n, { seed, today })) {
    for (const p of h.members) {
      if (i >= n) return;
      i++;
      if (previous && i % 200 === 0) {
        yield previous; // the same person twice
        continue;
      }
      let id = p.idNumber;
      if (i % 100 === 0)
        id = id.slice(0, 17) + (id.endsWith('1') ? '2' : '1'); // bad check digit
      else if (i % 50 === 0 && p.birthDate >= '1900-01-01' && p.birthDate < '2000-01-01')
        id = id.slice(0, 6) + id.slice(8, 17); // old 15-digit number
      else if (i % 7 === 0) id = id.toLowerCase().replace(/^(\d{6})/, '$1 ');
      const f = p.facts;
      const row = [
        p.name,
        id,
        p.residenceDivision,
        p.phone ?? '',
        p.hukouDivision ?? '',
        f.education ? EDU[f.education]! : '',
        f.leftSchoolOn ? f.leftSchoolOn.replace(/-0?/g, '/') : '',
        f.disabled === undefined ? '' : f.disabled ? '是' : '否',
      ];
      previous = row;
      yield row;
    }
  }
}

async function buildFile(n: number, format: 'csv' | 'xlsx', seed: number, today: string): Promise<Buffer> {
  const rows = [...legacyRows(n, seed, today)];
  if (format === 'csv') return Buffer.from(stringify([HEADERS, ...rows]), 'utf8');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function main(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      rows: { type: 'string', default: '100000' },
      format: { type: 'string', default: 'csv' },
      batch: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      today: { type: 'string', default: '2019-06-15' },
    },
  });
  const n = Number(values.rows);
  const format = values.format === 'xlsx' ? 'xlsx' : 'csv';
  const bytes = await buildFile(n, format, Number(values.seed), values.today);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-bench-import-'));
  const ctx = await openAppContext(
    {
      ...loadConfig({}),
      dataDir,
      dataKey: Buffer.alloc(32, 7).toString('base64'),
      databaseUrl: undefined,
      demo: false,
    },
    'bench',
  );
  try {
    for (const run of ['first', 'again'] as const) {
      const started = performance.now();
      const r = await importPersons(ctx, systemActor('cli', 'bench'), {
        bytes,
        asOf: values.today,
        batchSize: Number(values.batch),
      });
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        JSON.stringify({
          bench: 'registry-import',
          run,
          database: ctx.database.kind,
          format,
          megabytes: +(bytes.length / 2 ** 20).toFixed(1),
          rows: r.rows,
          imported: r.imported,
          unchanged: r.unchanged,
          conflicts: r.conflicts,
          rejected: r.rejected,
          seconds: +seconds.toFixed(2),
          rowsPerSecond: Math.round(r.rows / seconds),
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        }) + '\n',
      );
    }
  } finally {
    await ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
