import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { AnyTrx, CopyFn, Database } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import { recordAudit, requirePermission, type Actor } from '../../access/index.js';
import {
  checkRow,
  IMPORT_COLUMNS,
  isBlankRow,
  matchHeaders,
  rowProblem,
  type ImportPerson,
  type RowProblem,
} from '../domain/import-rows.js';
import { SEED_TABLES } from '../seed/seed-protocol.js';
import { openSheet, type SheetFormat } from '../infra/spreadsheet-reader.js';
import type { RegistryContext } from '../registry-context.js';

export interface ImportPersonsInput {
  /** The file's bytes (.xlsx, or CSV in UTF-8 or GB18030). */
  bytes: Buffer;
  /** The day the facts of the file are known from (their `valid_from`); usually today. */
  asOf: string;
  /** Rows written per transaction (at most 1,000). */
  batchSize?: number;
  onProgress?: (rowsRead: number) => void;
}

export interface ImportPersonsResult {
  sha256: string;
  format: SheetFormat;
  encoding: string | null;
  /** Data rows read (blank rows are not counted): imported + unchanged + conflicts + rejected. */
  rows: number;
  imported: number;
  unchanged: number;
  /** Already registered with different data: reported, never overwritten (decision 0019). */
  conflicts: number;
  rejected: number;
  /** Of the imported: old 15-digit ID numbers stored as their 18-digit form. */
  upgraded15: number;
  /** Headers of the file that are not ours, ignored. */
  ignoredColumns: string[];
  /** Rejected and conflicting rows, in row order, with their code and reason. */
  problems: RowProblem[];
}

/** The registry's context, and the database's bulk path (COPY) for the inserts. */
export type ImportContext = RegistryContext & { database: Database };

const MAX_BATCH = 1000;
const FACT_NAMES = ['education', 'leftSchoolOn', 'disabled'] as const;

/**
 * Bulk-load the registry from a legacy spreadsheet. Each row is checked on its own; good rows become
 * persons with their facts (dated `asOf`, the file's SHA-256 as their source), in batches each
 * written in one transaction, so an interrupted import is finished by running it again. A person
 * already registered is left as is: unchanged when the row says the same, reported as a conflict when
 * it differs. One audit record names the file by its checksum and the counts, never a person.
 */
export async function importPersons(
  ctx: ImportContext,
  actor: Actor,
  input: ImportPersonsInput,
): Promise<ImportPersonsResult> {
  requirePermission(actor, 'registry.write');
  if (actor.role !== 'system' && actor.role !== 'cityOfficer') throw new AppError('FORBIDDEN');
  const batchSize = Math.max(1, Math.min(MAX_BATCH, input.batchSize ?? MAX_BATCH));
  const sha256 = crypto.createHash('sha256').update(input.bytes).digest('hex');
  const sourceRef = `registry-import:sha256:${sha256}`;
  const sheet = openSheet(input.bytes);
  const result: ImportPersonsResult = {
    sha256,
    format: sheet.format,
    encoding: sheet.encoding ?? null,
    rows: 0,
    imported: 0,
    unchanged: 0,
    conflicts: 0,
    rejected: 0,
    upgraded15: 0,
    ignoredColumns: [],
    problems: [],
  };

  let columns: ReturnType<typeof matchHeaders> | undefined;
  const firstRowOf = new Map<string, number>();
  let batch: ImportPerson[] = [];
  const flush = async (final: boolean) => {
    const done = batch;
    batch = [];
    const counts = await inBatchTransaction(ctx, async (copy, trx) => {
      const c = done.length
        ? await writeBatch(ctx, trx, copy, actor, done, input.asOf, sourceRef)
        : { imported: 0, unchanged: 0, upgraded15: 0, problems: [] };
      if (final) {
        await recordAudit(trx, actor, {
          action: 'registry.import',
          entityType: 'registryImport',
          entityId: sha256,
          details: {
            sha256,
            format: result.format,
            encoding: result.encoding,
            asOf: input.asOf,
            rows: result.rows,
            imported: result.imported + c.imported,
            unchanged: result.unchanged + c.unchanged,
            conflicts: result.conflicts + c.problems.length,
            rejected: result.rejected,
          },
        });
      }
      return c;
    });
    result.imported += counts.imported;
    result.unchanged += counts.unchanged;
    result.conflicts += counts.problems.length;
    result.upgraded15 += counts.upgraded15;
    result.problems.push(...counts.problems);
    if (final) result.problems.sort((a, b) => a.row - b.row);
  };

  for await (const { row, cells } of sheet.rows) {
    if (!columns) {
      columns = matchHeaders(cells);
      if (!columns.ok) {
        const parts = [];
        if (columns.missing.length) parts.push(`缺少：${columns.missing.join('、')}`);
        if (columns.duplicated.length) parts.push(`重复：${columns.duplicated.join('、')}`);
        throw new AppError('IMPORT_HEADER_MISSING', {
          zh: `导入文件第1行应为列名（必需：${requiredHeaders().join('、')}）；${parts.join('；')}。未导入任何数据`,
          en: `Row 1 must hold the headers; missing: ${columns.missing.length}, duplicated: ${columns.duplicated.length}. Nothing imported`,
        });
      }
      result.ignoredColumns = columns.ignored;
      continue;
    }
    if (isBlankRow(cells) || !columns.ok) continue;
    result.rows++;
    const checked = checkRow(row, cells, columns.columns, { asOf: input.asOf, scope: actor.division });
    if (!checked.ok) {
      result.rejected++;
      result.problems.push(checked.problem);
    } else {
      const first = firstRowOf.get(checked.person.idNumber);
      if (first !== undefined) {
        result.rejected++;
        result.problems.push(rowProblem(row, 'DUPLICATE_IN_FILE', `第 ${first} 行`, `row ${first}`));
      } else {
        firstRowOf.set(checked.person.idNumber, row);
        batch.push(checked.person);
        if (batch.length >= batchSize) await flush(false);
      }
    }
    if (result.rows % 1000 === 0) input.onProgress?.(result.rows);
  }
  if (!columns)
    throw new AppError('IMPORT_HEADER_MISSING', {
      zh: `导入文件是空的，第1行应为列名（必需：${requiredHeaders().join('、')}）。未导入任何数据`,
      en: 'The file is empty; nothing imported',
    });
  await flush(true);
  input.onProgress?.(result.rows);
  return result;
}

const requiredHeaders = () =>
  Object.values(IMPORT_COLUMNS)
    .filter((c) => c.required)
    .map((c) => c.header);

interface ExistingPerson {
  county: string;
  id: number;
  name: string;
  residence_division: string;
  hukou_division: string | null;
  phone_hash: Buffer | null;
  id_number_hash: Buffer;
}

interface BatchCounts {
  imported: number;
  unchanged: number;
  upgraded15: number;
  /** Conflicts with the registry. */
  problems: RowProblem[];
}

/**
 * One batch in one transaction, through the database's bulk path. On a PostgreSQL server another
 * session may register one of the batch's persons between our look-up and our COPY: the unique index
 * refuses the batch, and it is done again (the person is then found, and reported, not overwritten).
 */
async function inBatchTransaction<T>(
  ctx: ImportContext,
  fn: (copy: CopyFn, trx: AnyTrx) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.database.bulkLoad(fn);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code !== '23505' || attempt >= 3) throw e;
    }
  }
}

/** The persons' columns as the seed writes them (one list for both bulk loads). */
const PERSON_COLUMNS = SEED_TABLES.persons;
const FACT_COLUMNS = [
  'county',
  'subject_type',
  'subject_id',
  'name',
  'value',
  'valid_from',
  'source_kind',
  'source_ref',
  'recorded_by',
] as const;

/** Reserve `n` consecutive ids of the persons' identity column; returns the first. */
async function reservePersonIds(trx: AnyTrx, n: number): Promise<number> {
  const r = await sql<{ last: string | number }>`
    SELECT setval(pg_get_serial_sequence('persons', 'id'),
                  nextval(pg_get_serial_sequence('persons', 'id')) + ${n - 1}) AS last`.execute(trx);
  return Number(r.rows[0]!.last) - n + 1;
}

/** Compare a batch with the registry, register the new persons with their facts. */
async function writeBatch(
  ctx: RegistryContext,
  trx: AnyTrx,
  copy: CopyFn,
  actor: Actor,
  persons: ImportPerson[],
  asOf: string,
  sourceRef: string,
): Promise<BatchCounts> {
  const { cipher } = ctx;
  const counts: BatchCounts = { imported: 0, unchanged: 0, upgraded15: 0, problems: [] };
  const hashes = persons.map((p) => cipher.hash('idNumber', p.idNumber));
  const existing = await sql<ExistingPerson>`
    SELECT county, id, name, residence_division, hukou_division, phone_hash, id_number_hash
      FROM persons WHERE id_number_hash = ANY(${hashes}::bytea[])`.execute(trx);
  const byHash = new Map(existing.rows.map((r) => [r.id_number_hash.toString('hex'), r]));

  const known: { p: ImportPerson; e: ExistingPerson }[] = [];
  const fresh: { p: ImportPerson; hash: Buffer }[] = [];
  persons.forEach((p, i) => {
    const e = byHash.get(hashes[i]!.toString('hex'));
    if (e) known.push({ p, e });
    else fresh.push({ p, hash: hashes[i]! });
  });

  if (known.length) await compareKnown(ctx, trx, known, asOf, counts);
  if (!fresh.length) return counts;

  const firstId = await reservePersonIds(trx, fresh.length);
  const personRows: unknown[][] = [];
  const factRows: unknown[][] = [];
  const sourceKind = actor.role === 'system' ? 'system' : 'staff';
  fresh.forEach(({ p, hash }, i) => {
    const id = firstId + i;
    const county = p.residenceDivision.slice(0, 6);
    personRows.push([
      county,
      id,
      p.name,
      p.idKind,
      hash,
      cipher.encrypt(p.idNumber),
      p.birthDate,
      p.sex,
      p.phone ? cipher.hash('phone', p.phone) : null,
      p.phone ? cipher.encrypt(p.phone) : null,
      p.residenceDivision,
      p.residenceDivision.slice(0, 9),
      p.hukouDivision ?? null,
    ]);
    for (const name of FACT_NAMES) {
      const value = p[name];
      if (value === undefined) continue;
      factRows.push([
        county,
        'person',
        id,
        name,
        JSON.stringify(value),
        asOf,
        sourceKind,
        sourceRef,
        actor.accountId,
      ]);
    }
    counts.imported++;
    if (p.convertedFrom15) counts.upgraded15++;
  });
  await copy('persons', PERSON_COLUMNS, personRows);
  if (factRows.length) await copy('facts', FACT_COLUMNS, factRows);
  return counts;
}

const FIELD_HEADERS = {
  name: IMPORT_COLUMNS.name.header,
  residenceDivision: IMPORT_COLUMNS.residenceDivision.header,
  phone: IMPORT_COLUMNS.phone.header,
  hukouDivision: IMPORT_COLUMNS.hukouDivision.header,
  education: IMPORT_COLUMNS.education.header,
  leftSchoolOn: IMPORT_COLUMNS.leftSchoolOn.header,
  disabled: IMPORT_COLUMNS.disabled.header,
} as const;

/**
 * Persons already registered: unchanged when every value the row gives equals the registry's (a
 * blank optional cell says nothing), a conflict otherwise, naming the columns that differ (never
 * their values). The registry is not changed either way.
 */
async function compareKnown(
  ctx: RegistryContext,
  trx: AnyTrx,
  known: { p: ImportPerson; e: ExistingPerson }[],
  asOf: string,
  result: BatchCounts,
): Promise<void> {
  const withFacts = known.filter(({ p }) => FACT_NAMES.some((n) => p[n] !== undefined));
  const factsOf = new Map<string, unknown>();
  if (withFacts.length) {
    const ids = withFacts.map(({ e }) => e.id);
    const counties = [...new Set(withFacts.map(({ e }) => e.county))];
    const rows = await sql<{ county: string; subject_id: number; name: string; value: unknown }>`
      SELECT county, subject_id, name, value FROM facts
       WHERE county = ANY(${counties}::text[]) AND subject_type = 'person' AND subject_id = ANY(${ids}::bigint[])
         AND name = ANY(${[...FACT_NAMES]}::text[]) AND superseded_at IS NULL
         AND valid_from <= ${asOf} AND (valid_to IS NULL OR valid_to > ${asOf})`.execute(trx);
    for (const r of rows.rows) factsOf.set(`${r.county}:${r.subject_id}:${r.name}`, r.value);
  }
  for (const { p, e } of known) {
    const differs: (keyof typeof FIELD_HEADERS)[] = [];
    if (e.name !== p.name) differs.push('name');
    if (e.residence_division !== p.residenceDivision) differs.push('residenceDivision');
    if (p.phone !== undefined && !e.phone_hash?.equals(ctx.cipher.hash('phone', p.phone)))
      differs.push('phone');
    if (p.hukouDivision !== undefined && e.hukou_division !== p.hukouDivision) differs.push('hukouDivision');
    for (const n of FACT_NAMES) {
      if (p[n] !== undefined && factsOf.get(`${e.county}:${e.id}:${n}`) !== p[n]) differs.push(n);
    }
    if (!differs.length) {
      result.unchanged++;
    } else {
      const names = differs.map((d) => FIELD_HEADERS[d]);
      result.problems.push(
        rowProblem(p.row, 'REGISTRY_DIFFERS', `不一致的列：${names.join('、')}`, differs.join(', ')),
      );
    }
  }
}
