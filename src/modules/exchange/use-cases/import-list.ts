import crypto from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import { HOME_COUNTY } from '../../../platform/config/config.js';
import { AppError } from '../../../platform/errors/index.js';
import { isCalendarDate } from '../../../shared/dates/calendar-date.js';
import { recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { enterpriseMatchIndex, personMatchIndex } from '../../registry/index.js';
import { LIST_KINDS, type ListKind } from '../domain/list-kinds.js';
import { packPersons, type PersonColumns } from '../domain/person-matcher.js';
import type { ExchangeContext } from '../exchange-context.js';
import { BLOCK_COLUMNS, type PipelineInput } from './import-pipeline.js';
import { splitCsvList } from '../infra/split-list.js';
import { inlineRunner, splitRunner, workerRunner } from './import-runner.js';

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
/** Lists larger than this are prepared and decided in a worker thread, overlapping the database work … */
const WORKER_BYTES = 1 << 20;
/** … and CSV person lists larger than this by one worker per core (at most four), each on a part of it. */
const SPLIT_BYTES = 8 << 20;
const SPLIT_PARTS = Math.min(4, Math.max(2, os.availableParallelism()));

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

/**
 * Load a department list (低保, 特困, …, 市场主体) and match every row against the registry within the
 * loader's jurisdiction: the registry's match index is read once into memory, each row is decided in
 * process, and the rows are written in blocks with COPY (docs/decisions/0024), all in one transaction with
 * its audit record.
 * A list of more than 1 MB is read, prepared and decided in a worker thread (`opts.worker` forces either
 * way), so that work overlaps reading the registry and writing, which run on this thread; a CSV person
 * list of more than 8 MB by one worker per core (two to four), each on a part of it.
 */
export async function importList(
  ctx: ExchangeContext,
  actor: Actor,
  input: ImportListInput,
  opts: {
    worker?: boolean;
    /** Workers on parts of a CSV person list: how many (`false`: one; default: above SPLIT_BYTES, with two cores or more). */
    split?: false | number;
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
  const split =
    opts.split ?? (input.content.length > SPLIT_BYTES && os.availableParallelism() > 1 ? SPLIT_PARTS : false);
  const parts = useWorker && meta.subject === 'person' && split ? splitCsvList(input.content, split) : null;
  const runner = parts
    ? splitRunner(cipher, pipelineInput, parts)
    : useWorker
      ? workerRunner(cipher, pipelineInput)
      : inlineRunner(cipher, pipelineInput);
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
    let blockBytes = 0;

    const counts = { matched: 0, candidate: 0, unmatched: 0, invalid: 0 };
    const summary = await ctx.database.bulkLoad(async (copy, trx) => {
      const inserted = await sql<{ id: number }>`
        INSERT INTO exchange_imports (county, list_kind, subject_type, file_name, file_sha256, file_bytes, as_of, scope,
               loaded_by, loaded_by_username, rows, matched, candidates, unmatched, invalid, seconds)
        VALUES (${county}, ${input.kind}, ${meta.subject}, ${input.fileName.slice(0, 255)}, ${sha256},
                ${input.content.length}, ${input.asOf}, ${actor.division}, ${actor.accountId}, ${actor.username},
                0, 0, 0, 0, 0, 0)
        RETURNING id`.execute(trx);
      const importId = Number(inserted.rows[0]!.id);
      // Every row goes into blocks (exchange_row_blocks); exchange_rows takes a row when it is reviewed.
      let w0 = performance.now();
      for await (const chunk of runner.decide(importId, BATCH)) {
        const w1 = performance.now();
        waiting += w1 - w0;
        if (chunk.blocksText) {
          await copy('exchange_row_blocks', BLOCK_COLUMNS, chunk.blocksText);
          blockBytes += chunk.blocksText.length;
        }
        for (const k of ['matched', 'candidate', 'unmatched', 'invalid'] as const)
          counts[k] += chunk.counts[k];
        w0 = performance.now();
        writing += w0 - w1;
        opts.onProgress?.(counts.matched + counts.candidate + counts.unmatched + counts.invalid);
      }
      trace(
        `decided and written (waiting for the pipeline ${Math.round(waiting)} ms, ` +
          `COPY ${Math.round(writing)} ms for ${Math.round(blockBytes / 1e6)} MB)`,
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
    summary.seconds = +((performance.now() - t0) / 1000).toFixed(3);
    return summary;
  } finally {
    await runner.close();
  }
}
