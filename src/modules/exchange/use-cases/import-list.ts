import crypto from 'node:crypto';
import { sql } from 'kysely';
import { HOME_COUNTY } from '../../../platform/config/config.js';
import { csvLine } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import { isCalendarDate } from '../../../shared/dates/calendar-date.js';
import { normalizeIdNumber } from '../../../shared/identity/index.js';
import { recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { enterpriseMatchIndex, personMatchIndex } from '../../registry/index.js';
import { EnterpriseIndex, readUsccCell } from '../domain/enterprise-matcher.js';
import { readIdCell } from '../domain/id-cell.js';
import { LIST_KINDS, mapColumns, readDate, readSex, type ListKind } from '../domain/list-kinds.js';
import { cleanName, enterpriseNameKey, nameKey } from '../domain/names.js';
import { PersonIndex, type MatchDecision, type PairDecisions } from '../domain/person-matcher.js';
import { townshipResolver } from '../domain/townships.js';
import type { ExchangeContext } from '../exchange-context.js';
import { readList } from '../infra/read-list.js';
import { BLOCK_COLUMNS, BlockWriter, rowFlags } from '../infra/row-blocks.js';

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

const ROW_COLUMNS = [
  'county',
  'import_id',
  'row_number',
  'name',
  'id_number_enc',
  'id_valid',
  'subject_key',
  'birth_date',
  'sex',
  'township',
  'township_text',
  'status',
  'subject_county',
  'subject_id',
  'score',
  'reasons',
] as const;
const CANDIDATE_COLUMNS = [
  'county',
  'import_id',
  'row_number',
  'subject_county',
  'subject_id',
  'score',
  'reasons',
] as const;
const BATCH = 50_000;

/** Earlier reviewers' decisions by subject key (hex), for one subject type. */
async function loadPairDecisions(ctx: ExchangeContext, county: string, subject: string) {
  const rows = await sql<{ k: string; target_id: number; decision: string }>`
    SELECT encode(subject_key, 'hex') AS k, target_id, decision FROM exchange_pair_decisions
     WHERE county = ${county} AND subject_type = ${subject}`.execute(ctx.db);
  const map = new Map<string, { confirmed: number | null; dismissed: Set<number> }>();
  for (const r of rows.rows) {
    let p = map.get(r.k);
    if (!p) map.set(r.k, (p = { confirmed: null, dismissed: new Set() }));
    if (r.decision === 'confirmed') p.confirmed = Number(r.target_id);
    else p.dismissed.add(Number(r.target_id));
  }
  return map as Map<string, PairDecisions>;
}

/**
 * Load a department list (低保, 特困, …, 市场主体) and match every row against the registry within the
 * loader's jurisdiction: the registry's match index is read once into memory, each row is decided in
 * process, and the rows are written with COPY in batches, all in one transaction with its audit record.
 */
export async function importList(
  ctx: ExchangeContext,
  actor: Actor,
  input: ImportListInput,
): Promise<ImportSummary> {
  const t0 = performance.now();
  requirePermission(actor, 'exchange.import');
  if (!isCalendarDate(input.asOf)) throw new AppError('INVALID_DATE', { path: 'asOf' });
  const meta = LIST_KINDS[input.kind];
  if (!meta) throw new AppError('VALIDATION_FAILED', { path: 'list' });
  const county = actor.division.length >= 6 ? actor.division.slice(0, 6) : HOME_COUNTY;
  const sha256 = crypto.createHash('sha256').update(input.content).digest('hex');
  const table = await readList(input.content);
  const { columns, missing } = mapColumns(table.header, meta.subject);
  if (missing.length)
    throw new AppError('VALIDATION_FAILED', {
      path: 'file',
      zh: `名单第1行缺少必需的列：${missing.join('、')}，未导入任何数据`,
      en: `The header row lacks required columns (${missing.join(', ')}); nothing was imported`,
    });
  const { cipher } = ctx;
  const pairs = await loadPairDecisions(ctx, county, meta.subject);
  const resolveTownship = townshipResolver(county, input.asOf);
  const cell = (cells: string[], c: number | undefined) => (c === undefined ? '' : (cells[c] ?? ''));

  // The registry side, in memory.
  let decideRow: (cells: string[]) => { line: Omit<RowLine, 'rowNumber'>; decision: MatchDecision };
  if (meta.subject === 'person') {
    const index = new PersonIndex();
    for await (const page of personMatchIndex(ctx.database, actor)) index.addColumns(page);
    decideRow = (cells) => {
      const name = cleanName(cell(cells, columns.name));
      const nk = nameKey(name);
      const rawId = cell(cells, columns.idNumber);
      const id = readIdCell(rawId, input.asOf);
      const idHash = id.kind === 'valid' ? cipher.hash('idNumber', id.normalized) : null;
      const birthDate = readDate(cell(cells, columns.birthDate), input.asOf);
      const sex = readSex(cell(cells, columns.sex));
      const townshipText = cell(cells, columns.township);
      const township = townshipText ? resolveTownship(townshipText) : null;
      const hint = id.kind === 'invalid' ? id.birthDateHint : null;
      const subjectKey =
        idHash ??
        cipher.hash(
          'idNumber',
          `exchange-row\0${nk}\0${birthDate ?? hint ?? ''}\0${township ?? ''}\0${normalizeIdNumber(rawId)}`,
        );
      const subjectHex = subjectKey.toString('hex');
      const decision = index.decide(
        { nameKey: nk, id, idHashHex: idHash ? subjectHex : null, birthDate, sex, township },
        pairs.get(subjectHex),
      );
      return {
        line: {
          name,
          rawId,
          idValid: id.kind === 'valid',
          subjectKey,
          birthDate,
          sex,
          township,
          townshipText,
        },
        decision,
      };
    };
  } else {
    const index = new EnterpriseIndex();
    for (const e of await enterpriseMatchIndex(ctx.database, actor)) index.add(e);
    decideRow = (cells) => {
      const name = cleanName(cell(cells, columns.enterpriseName));
      const nk = enterpriseNameKey(name);
      const rawId = cell(cells, columns.uscc);
      const uscc = readUsccCell(rawId);
      const subjectKey = cipher.hash(
        'idNumber',
        uscc.kind === 'valid' ? `exchange-uscc\0${uscc.normalized}` : `exchange-enterprise\0${nk}\0${rawId}`,
      );
      const decision = index.decide({ nameKey: nk, uscc }, pairs.get(subjectKey.toString('hex')));
      return {
        line: {
          name,
          rawId,
          idValid: uscc.kind === 'valid',
          subjectKey,
          birthDate: null,
          sex: null,
          township: null,
          townshipText: '',
        },
        decision,
      };
    };
  }

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
    let rowsText = '';
    let candText = '';
    let inBatch = 0;
    // Matched rows go into blocks (exchange_row_blocks), the others into exchange_rows for review.
    const keep = (
      meta.subject === 'person'
        ? [columns.name, columns.idNumber, columns.sex, columns.birthDate, columns.township]
        : [columns.enterpriseName, columns.uscc]
    ) as (number | undefined)[];
    const blocks = new BlockWriter(county, importId, cipher, keep.length);
    const flush = async () => {
      if (rowsText) await copy('exchange_rows', ROW_COLUMNS, rowsText);
      if (candText) await copy('exchange_candidates', CANDIDATE_COLUMNS, candText);
      const b = blocks.take();
      if (b) await copy('exchange_row_blocks', BLOCK_COLUMNS, b);
      rowsText = '';
      candText = '';
      inBatch = 0;
    };
    for (const r of table.rows) {
      const { line: l, decision: d } = decideRow(r.cells);
      counts[d.status]++;
      if (d.status === 'matched') {
        blocks.add(
          r.rowNumber,
          d.county!,
          d.personId!,
          rowFlags(d.reasons, l.idValid),
          keep.map((c) => cell(r.cells, c)),
        );
      } else {
        rowsText += csvLine([
          county,
          importId,
          r.rowNumber,
          l.name || null,
          l.rawId ? cipher.encrypt(l.rawId) : null,
          l.idValid,
          l.subjectKey,
          l.birthDate,
          l.sex,
          l.township,
          l.townshipText || null,
          d.status,
          d.county,
          d.personId,
          d.score,
          d.reasons.join(','),
        ]);
        for (const c of d.candidates)
          candText += csvLine([
            county,
            importId,
            r.rowNumber,
            c.county,
            c.personId,
            c.score,
            c.reasons.join(','),
          ]);
      }
      if (++inBatch >= BATCH) await flush();
    }
    blocks.flush();
    await flush();
    const seconds = +((performance.now() - t0) / 1000).toFixed(3);
    const s: ImportSummary = {
      import: importId,
      list: input.kind,
      rows: table.rows.length,
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
      details: { list: input.kind, fileSha256: sha256, asOf: input.asOf, format: table.format, ...counts },
    });
    return s;
  });
  await sql`ANALYZE exchange_rows, exchange_candidates`.execute(ctx.db);
  summary.seconds = +((performance.now() - t0) / 1000).toFixed(3);
  return summary;
}

interface RowLine {
  rowNumber: number;
  name: string;
  rawId: string;
  idValid: boolean;
  subjectKey: Buffer;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  township: string | null;
  townshipText: string;
}
