import { sql } from 'kysely';
import { HOME_COUNTY } from '../../../platform/config/config.js';
import { AppError } from '../../../platform/errors/index.js';
import { maskIdNumber, normalizeIdNumber, parseIdNumber } from '../../../shared/identity/index.js';
import { covers, recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { idNumbersOf, maskedIdNumbersOf, subjectDivisions } from '../../registry/index.js';
import type { ExchangeContext } from '../exchange-context.js';
import { readRowStates, type RowState } from '../infra/import-rows.js';
import { rowFlags } from '../infra/row-blocks.js';

export interface ImportRecord {
  id: number;
  county: string;
  list: string;
  subjectType: 'person' | 'enterprise';
  fileName: string;
  fileSha256: string;
  asOf: string;
  scope: string;
  loadedBy: string;
  loadedAt: string;
  rows: number;
  matched: number;
  candidates: number;
  unmatched: number;
  invalid: number;
  seconds: number;
}

const countyOf = (actor: Actor) => (actor.division.length >= 6 ? actor.division.slice(0, 6) : HOME_COUNTY);

/** An import the actor may see: loaded within (or above) their jurisdiction; "not found" otherwise. */
export async function getImport(ctx: ExchangeContext, actor: Actor, id: number): Promise<ImportRecord> {
  requirePermission(actor, 'exchange.read');
  const r = await sql<Record<string, unknown>>`
    SELECT * FROM exchange_imports WHERE id = ${id} AND county = ${countyOf(actor)}`.execute(ctx.db);
  const row = r.rows[0];
  // Staff of a township see the city's imports (for their own people's rows), not another township's.
  const scope = String(row?.scope ?? '');
  if (!row || !(scope.startsWith(actor.division) || actor.division.startsWith(scope)))
    throw new AppError('NOT_FOUND');
  return {
    id: Number(row.id),
    county: String(row.county),
    list: String(row.list_kind),
    subjectType: row.subject_type as 'person' | 'enterprise',
    fileName: String(row.file_name),
    fileSha256: String(row.file_sha256),
    asOf: String(row.as_of),
    scope: String(row.scope),
    loadedBy: String(row.loaded_by_username),
    loadedAt: new Date(row.loaded_at as string).toISOString(),
    rows: Number(row.rows),
    matched: Number(row.matched),
    candidates: Number(row.candidates),
    unmatched: Number(row.unmatched),
    invalid: Number(row.invalid),
    seconds: Number(row.seconds),
  };
}

/**
 * For staff whose jurisdiction lies inside the import's (a township officer looking at a city list): only
 * the rows that concern their people — the list's 乡镇 resolved within their jurisdiction, or a candidate or
 * matched person living there. A row that names no place and nobody of theirs stays with the staff who
 * loaded the list. Everything when the actor sees every row.
 */
export async function rowsVisibleTo(
  ctx: ExchangeContext,
  actor: Actor,
  imp: ImportRecord,
  rows: RowState[],
): Promise<RowState[]> {
  if (covers(actor, imp.scope)) return rows;
  const ids = new Set<number>();
  for (const r of rows) {
    if (r.subjectId !== null) ids.add(r.subjectId);
    for (const id of r.candidates) ids.add(id);
  }
  const where = await subjectDivisions(ctx.db, imp.county, imp.subjectType, [...ids]);
  const mine = (division: string | null | undefined) => !!division && division.startsWith(actor.division);
  return rows.filter(
    (r) =>
      mine(r.township) ||
      (r.subjectId !== null && mine(where.get(r.subjectId))) ||
      r.candidates.some((id) => mine(where.get(id))),
  );
}

export interface MatchLine {
  rowNumber: number;
  /** matched/candidate/unmatched/invalid as decided, after any review: a confirmed row is matched, a dismissed one unmatched. */
  status: 'matched' | 'candidate' | 'unmatched' | 'invalid';
  subjectId: number | null;
  subjectCounty: string | null;
  /** The registry person's ID number (full or masked as asked), or the enterprise's credit code; '' when none. */
  identity: string;
}

/**
 * One line per row of an import, in file order: the status and, for a matched row, who it is (for staff
 * whose jurisdiction lies inside the import's, only the rows about their people). With `full`, the
 * registry person's ID number in full (needs registry.reveal; audited as an export).
 */
export async function listMatches(
  ctx: ExchangeContext,
  actor: Actor,
  importId: number,
  opts: { full: boolean },
): Promise<MatchLine[]> {
  // Full numbers only for those who may reveal them — checked before anything is decrypted.
  if (opts.full) requirePermission(actor, 'registry.reveal');
  const imp = await getImport(ctx, actor, importId);
  const read = await readRowStates(ctx.database, imp.county, imp.id, { cipher: ctx.cipher });
  const { blocks } = read;
  // A township officer looking at a city list: only the rows about their people.
  const rows = await rowsVisibleTo(ctx, actor, imp, read.rows);
  const needRegistry: number[] = [];
  /** The registry's number for a row matched on its own valid number: the list's cell, normalised (their hashes are equal). */
  const ownNumber = (raw: string) => {
    if (imp.subjectType !== 'person') return normalizeIdNumber(raw);
    const p = parseIdNumber(normalizeIdNumber(raw), imp.asOf);
    return p.ok ? p.value.normalized : '';
  };
  const CONFIRMED_EARLIER = rowFlags(['confirmed-earlier'], false);
  const out: MatchLine[] = rows.map((r) => {
    let identity = '';
    if (r.subjectId === null)
      return { rowNumber: r.rowNumber, status: r.status, subjectId: null, subjectCounty: null, identity };
    // Matched at import on the list's own valid number: that number; otherwise (a confirmed candidate, a
    // pair confirmed earlier, a row kept in exchange_rows) the registry's.
    if (r.block !== null && r.flags & 1 && !(r.flags & CONFIRMED_EARLIER)) {
      const cell = blocks.get(r.block)!.cells![1]![r.at];
      if (cell) identity = ownNumber(cell);
    }
    if (!identity) needRegistry.push(r.subjectId);
    return {
      rowNumber: r.rowNumber,
      status: r.status,
      subjectId: r.subjectId,
      subjectCounty: r.subjectCounty,
      identity,
    };
  });
  // The list's own numbers are masked here; the registry's come masked already unless asked in full.
  if (!opts.full && imp.subjectType === 'person')
    for (const l of out) if (l.identity) l.identity = maskIdNumber(l.identity);
  if (needRegistry.length && imp.subjectType === 'person') {
    // Masked lists need only registry.read (an auditor without it gets the list's own numbers only).
    const numbers = opts.full
      ? await idNumbersOf(ctx, actor, needRegistry)
      : await maskedIdNumbersOf(ctx, actor, needRegistry);
    for (const l of out) if (!l.identity && l.subjectId !== null) l.identity = numbers.get(l.subjectId) ?? '';
  }
  if (opts.full) {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, actor, {
        action: 'exchange.matches.export',
        entityType: 'exchangeImport',
        entityId: imp.id,
        details: { rows: out.length, full: true },
      }),
    );
  }
  return out;
}

/** `行号,匹配状态,公民身份号码`: one line per input row (CRLF-free, UTF-8, no BOM). */
export function matchesCsv(lines: readonly MatchLine[]): string {
  let s = '行号,匹配状态,公民身份号码\n';
  for (const l of lines) s += `${l.rowNumber},${l.status},${l.identity}\n`;
  return s;
}
