import crypto from 'node:crypto';
import { sql } from 'kysely';
import { HOME_COUNTY } from '../../../platform/config/config.js';
import { AppError } from '../../../platform/errors/index.js';
import { isCalendarDate } from '../../../shared/dates/calendar-date.js';
import { recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { enterpriseMatchIndex, personMatchIndex } from '../../registry/index.js';
import { LIST_KINDS, type ListKind } from '../domain/list-kinds.js';
import { packPersons, type PersonColumns } from '../domain/person-matcher.js';
import type { ExchangeContext } from '../exchange-context.js';
import { BLOCK_COLUMNS, CANDIDATE_COLUMNS, ROW_COLUMNS, type PipelineInput } from './import-pipeline.js';
import { inlineRunner, workerRunner } from './import-runner.js';

export interface ImportListInput {
  kind: ListKind;
  fileName: string;
  content: Buffer;
  /** The date the list is as of (YYYY-MM-DD). */
  asOf: string;
}

export interface ImportSummary {
  import: number;
  list: ListKind;
  rows: number;
  matched: number;
  candidates: number;
  unmatched: number;
  invalid: number;
  seconds: number;
}

const BATCH = 50_000;
/** Lists larger than this are prepared and decided in a worker thread, overlapping the database work. */
const WORKER_BYTES = 1 << 20;

/** Earlier reviewers' decisions for one subject type: [subject key (hex), confirmed id or null, dismissed ids]. */
async function loadPairDecisions(
  ctx: ExchangeContext,
  county: string,
  subject: string,
): Promise<[string, number | null, number[]][]> {
  const rows = await sql<{ k: string; target_id: number; decision: string }>`
    SELECT encode(subject_key, 'hex') AS k, target_id, decision FROM exchange_pair_decisions
     WHERE county = ${county} AND subject_type = ${subject}`.execute(ctx.db);
  const map = new Map<string, [string, number | null, number[]]>();
  for (const r of rows.rows) {
    let p = map.get(r.k);
    if (!p) map.set(r.k, (p = [r.k, null, []]));
    if (r.decision === 'confirmed') p[1] = Number(r.target_id);
    else p[2].push(Number(r.target_id));
  }
  return [...map.values()];
}

/** Bring a table's planner statistics up to date when this import added a good share of its rows. */
async function analyzeIfGrown(ctx: ExchangeContext, table: string, added: number): Promise<void> {
  if (!added) return;
  const r = await sql<{ n: number }>`
    SELECT reltuples::float8 AS n FROM pg_class WHERE oid = ${table}::regclass`.execute(ctx.db);
  const known = Number(r.rows[0]?.n ?? -1);
  if (known >= 0 && added < 0.2 * known) return;
  // A sample of 3,000 rows instead of 30,000 (a tenth of the time): the look-ups here are by import,
  // status and row number, which a small sample describes well enough.
  await ctx.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL default_statistics_target = 10`.execute(trx);
    await sql.raw(`ANALYZE ${table}`).execute(trx);
  });
}

/**
 * Load a department list (低保, 特困, …, 市场主体) and match every row against the registry within the
 * loader's jurisdiction: the registry's match index is read once into memory, each row is decided in
 * process, and the rows are written with COPY in batches, all in one transaction with its audit record.
 * A list of more than 1 MB is read, prepared and decided in a worker thread (`opts.worker` forces either
 * way), so that work overlaps reading the registry and writing, which run on this thread.
 */
export async function importList(
  ctx: ExchangeContext,
  actor: Actor,
  input: ImportListInput,
  opts: {
    worker?: boolean;
    /** Called after each chunk is written, with the rows written so far (a throw aborts the import). */
    onProgress?: (rows: number) => void;
  } = {},
): Promise<ImportSummary> {
  const t0 = performance.now();
  // JIUYE_TRACE_IMPORT=1: each phase's milliseconds on stderr (for docs/performance.md; no personal data).
  const trace = process.env.JIUYE_TRACE_IMPORT
    ? (() => {
        let last = t0;
        return (phase: string) => {
          const now = performance.now();
          process.stderr.write(`import ${phase}: ${Math.round(now - last)} ms\n`);
          last = now;
        };
      })()
    : () => undefined;
  requirePermission(actor, 'exchange.import');
  if (!isCalendarDate(input.asOf)) throw new AppError('INVALID_DATE', { path: 'asOf' });
  const meta = LIST_KINDS[input.kind];
  if (!meta) throw new AppError('VALIDATION_FAILED', { path: 'list' });
  const county = actor.division.length >= 6 ? actor.division.slice(0, 6) : HOME_COUNTY;
  const sha256 = crypto.createHash('sha256').update(input.content).digest('hex');
  const { cipher } = ctx;
  const pipelineInput: PipelineInput = {
    kind: input.kind,
    content: input.content,
    asOf: input.asOf,
    county,
    pairs: await loadPairDecisions(ctx, county, meta.subject),
  };
  const useWorker = opts.worker ?? input.content.length > WORKER_BYTES;
  const runner = useWorker ? workerRunner(cipher, pipelineInput) : inlineRunner(cipher, pipelineInput);
  try {
    trace('pair decisions, start');
    const headRead = runner.head();
    headRead.catch(() => undefined); // awaited below
    // The registry side, read while the pipeline reads and prepares the list (in a worker) …
    if (meta.subject === 'person') {
      const pages: PersonColumns[] = [];
      for await (const page of personMatchIndex(ctx.database, actor)) pages.push(page);
      trace('registry index read');
      // … and packed for matching here (name keys, hash table, birth-day order), as this thread would
      // otherwise wait for the pipeline, which meanwhile prepares the list's rows.
      runner.setPersons(packPersons(pages));
      trace('registry index packed');
    } else {
      runner.addEnterprises(await enterpriseMatchIndex(ctx.database, actor));
      trace('registry index read');
    }
    // … whose header must name the required columns.
    const head = await headRead;
    if (head.missing.length)
      throw new AppError('VALIDATION_FAILED', {
        path: 'file',
        zh: `名单第1行缺少必需的列：${head.missing.join('、')}，未导入任何数据`,
        en: `The header row lacks required columns (${head.missing.join(', ')}); nothing was imported`,
      });
    trace('file read');
    let waiting = 0;
    let writing = 0;
    const perTable: Record<string, number> = {};
    const bytes: Record<string, number> = {};

    const counts = { matched: 0, candidate: 0, unmatched: 0, invalid: 0 };
    const written = { rows: 0, candidates: 0 };
    const summary = await ctx.database.bulkLoad(async (copy, trx) => {
      const inserted = await sql<{ id: number }>`
        INSERT INTO exchange_imports (county, list_kind, subject_type, file_name, file_sha256, file_bytes, as_of, scope,
               loaded_by, loaded_by_username, rows, matched, candidates, unmatched, invalid, seconds)
        VALUES (${county}, ${input.kind}, ${meta.subject}, ${input.fileName.slice(0, 255)}, ${sha256},
                ${input.content.length}, ${input.asOf}, ${actor.division}, ${actor.accountId}, ${actor.username},
                0, 0, 0, 0, 0, 0)
        RETURNING id`.execute(trx);
      const importId = Number(inserted.rows[0]!.id);
      // Matched rows go into blocks (exchange_row_blocks), the others into exchange_rows for review.
      let statsChecked = false;
      let w0 = performance.now();
      for await (const chunk of runner.decide(importId, BATCH)) {
        const w1 = performance.now();
        waiting += w1 - w0;
        const timed = async (table: string, columns: readonly string[], text: string) => {
          if (!text) return;
          const c0 = performance.now();
          await copy(table, columns, text);
          perTable[table] = (perTable[table] ?? 0) + performance.now() - c0;
          bytes[table] = (bytes[table] ?? 0) + text.length;
        };
        await timed('exchange_rows', ROW_COLUMNS, chunk.rowsText);
        // The foreign-key check of each candidate looks its row up in exchange_rows with a plan made once
        // per session: made while the planner believes the table (nearly) empty, it scans the whole table
        // for every candidate (seconds per chunk on PostgreSQL). Statistics first, in this transaction.
        if (!statsChecked && chunk.candText) {
          statsChecked = true;
          const r = await sql<{ n: number }>`
            SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'exchange_rows'::regclass`.execute(trx);
          if (Number(r.rows[0]?.n ?? -1) < 10_000) {
            await sql`SET LOCAL default_statistics_target = 10`.execute(trx);
            await sql`ANALYZE exchange_rows`.execute(trx);
            await sql`RESET default_statistics_target`.execute(trx);
          }
        }
        await timed('exchange_candidates', CANDIDATE_COLUMNS, chunk.candText);
        await timed('exchange_row_blocks', BLOCK_COLUMNS, chunk.blocksText);
        for (const k of ['matched', 'candidate', 'unmatched', 'invalid'] as const)
          counts[k] += chunk.counts[k];
        written.rows += chunk.counts.candidate + chunk.counts.unmatched + chunk.counts.invalid;
        written.candidates += countLines(chunk.candText);
        w0 = performance.now();
        writing += w0 - w1;
        opts.onProgress?.(counts.matched + written.rows);
      }
      trace(
        `decided and written (waiting for the pipeline ${Math.round(waiting)} ms, COPY ${Math.round(writing)} ms: ` +
          Object.entries(perTable)
            .map(([t, ms]) => `${t} ${Math.round(ms)} ms for ${Math.round(bytes[t]! / 1e6)} MB`)
            .join(', ') +
          ')',
      );
      const seconds = +((performance.now() - t0) / 1000).toFixed(3);
      const s: ImportSummary = {
        import: importId,
        list: input.kind,
        rows: head.rows,
        matched: counts.matched,
        candidates: counts.candidate,
        unmatched: counts.unmatched,
        invalid: counts.invalid,
        seconds,
      };
      await sql`UPDATE exchange_imports SET rows = ${s.rows}, matched = ${s.matched}, candidates = ${s.candidates},
                     unmatched = ${s.unmatched}, invalid = ${s.invalid}, seconds = ${seconds}
               WHERE county = ${county} AND id = ${importId}`.execute(trx);
      await recordAudit(trx, actor, {
        action: 'exchange.import',
        entityType: 'exchangeImport',
        entityId: importId,
        details: { list: input.kind, fileSha256: sha256, asOf: input.asOf, format: head.format, ...counts },
      });
      return s;
    });
    trace('committed');
    await analyzeIfGrown(ctx, 'exchange_rows', written.rows);
    await analyzeIfGrown(ctx, 'exchange_candidates', written.candidates);
    trace('analyzed');
    summary.seconds = +((performance.now() - t0) / 1000).toFixed(3);
    return summary;
  } finally {
    await runner.close();
  }
}

function countLines(s: string): number {
  let n = 0;
  for (let p = s.indexOf('\n'); p >= 0; p = s.indexOf('\n', p + 1)) n++;
  return n;
}
