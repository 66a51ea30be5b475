import { sql } from 'kysely';
import { z } from 'zod';
import { HOME_COUNTY } from '../../../platform/config/config.js';
import { maskIdNumber, normalizeIdNumber } from '../../../shared/identity/index.js';
import { can, requirePermission, type Actor } from '../../access/index.js';
import { getEnterprise, maskName, personsByIds } from '../../registry/index.js';
import type { ExchangeContext } from '../exchange-context.js';
import { ListKindSchema } from '../domain/list-kinds.js';
import { blockRowDetail, readRowStates, type RowState } from '../infra/import-rows.js';
import { readRowBlocks } from '../infra/row-blocks.js';
import { getImport, listMatches, rowsVisibleTo, type ImportRecord } from './matches.js';

/**
 * Browsing imports for the back office (decision 0020): the imports an actor may see, newest first, and
 * an import's rows by status with, for candidate rows, their candidates from the registry (masked, read
 * through the registry's door). Matched rows are read only through `listMatches`.
 */
export const ListImportsQuerySchema = z.strictObject({
  list: ListKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListImportsQuery = z.infer<typeof ListImportsQuerySchema>;

export const ROW_TABS = ['candidate', 'unmatched', 'invalid', 'matched'] as const;
export type RowTab = (typeof ROW_TABS)[number];

export const ListRowsQuerySchema = z.strictObject({
  status: z.enum(ROW_TABS),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListRowsQuery = z.infer<typeof ListRowsQuerySchema>;

const countyOf = (actor: Actor) => (actor.division.length >= 6 ? actor.division.slice(0, 6) : HOME_COUNTY);

/** The imports the actor may see (as `getImport`: loaded within or above their jurisdiction), newest first. */
export async function listImports(
  ctx: ExchangeContext,
  actor: Actor,
  query: ListImportsQuery,
): Promise<{ total: number; items: ImportRecord[] }> {
  requirePermission(actor, 'exchange.read');
  const d = actor.division;
  const where = sql`county = ${countyOf(actor)}
    AND (left(scope, length(${d}::text)) = ${d}::text OR left(${d}::text, length(scope)) = scope)
    ${query.list ? sql`AND list_kind = ${query.list}` : sql``}`;
  const total = Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM exchange_imports WHERE ${where}`.execute(ctx.db))
      .rows[0]!.n,
  );
  const ids = (
    await sql<{ id: string | number }>`
      SELECT id FROM exchange_imports WHERE ${where}
       ORDER BY loaded_at DESC, id DESC LIMIT ${query.limit} OFFSET ${query.offset}`.execute(ctx.db)
  ).rows.map((r) => Number(r.id));
  const items: ImportRecord[] = [];
  for (const id of ids) items.push(await getImport(ctx, actor, id));
  return { total, items };
}

export interface CandidateView {
  subjectId: number;
  state: 'open' | 'confirmed' | 'dismissed';
  score: number;
  reasons: string[];
  /** The registry person, masked; null when outside the actor's jurisdiction or they may not read the registry. */
  person: {
    name: string;
    idNumber: string;
    sex: string;
    birthYear: number;
    township: { code: string; name: string | null };
  } | null;
  /** The registered enterprise (its name and credit code are public); null as for `person`. */
  enterprise: { name: string; uscc: string; township: { code: string; name: string | null } } | null;
}

export interface RowView {
  rowNumber: number;
  status: RowTab;
  /** What the list said: the name as given (null for a matched row: read through listMatches only). */
  name: string | null;
  /** The ID-number (or credit-code) cell as given, masked; null when blank. */
  idCell: string | null;
  idValid: boolean | null;
  /** Only the year of the list's 出生日期: with the masked ID cell the full date would give the number away. */
  birthYear: number | null;
  sex: 'male' | 'female' | null;
  township: string | null;
  score: number | null;
  reasons: string[];
  review: 'confirmed' | 'dismissed' | null;
  /** For a matched row: who it is (the registry's number, masked) and, when visible, their masked name. */
  subjectId: number | null;
  identity: string | null;
  subjectName: string | null;
  candidates: CandidateView[];
}

export interface RowsPage {
  import: ImportRecord;
  /** The rows of each status now, after reviews (a confirmed row is matched, a fully dismissed one unmatched). */
  counts: Record<RowTab, number>;
  total: number;
  items: RowView[];
}

/** Masked persons (and enterprises) by id, only those the actor may see; nothing when they may not read the registry. */
async function subjectsOf(ctx: ExchangeContext, actor: Actor, imp: ImportRecord, ids: readonly number[]) {
  const persons = new Map<number, NonNullable<CandidateView['person']>>();
  const enterprises = new Map<number, NonNullable<CandidateView['enterprise']>>();
  if (!ids.length || !can(actor, 'registry.read')) return { persons, enterprises };
  if (imp.subjectType === 'person') {
    for (const [id, p] of await personsByIds(ctx, actor, ids))
      persons.set(id, {
        name: maskName(p.name),
        idNumber: p.idNumber,
        sex: p.sex,
        birthYear: p.birthYear,
        township: p.township,
      });
  } else {
    for (const id of new Set(ids)) {
      try {
        const e = await getEnterprise(ctx, actor, id);
        enterprises.set(id, { name: e.name, uscc: e.uscc, township: e.township });
      } catch {
        // Outside the jurisdiction: left out, as the registry does.
      }
    }
  }
  return { persons, enterprises };
}

/** An import's rows of one status, paged in file order, with the candidates of candidate rows. */
export async function listImportRows(
  ctx: ExchangeContext,
  actor: Actor,
  importId: number,
  query: ListRowsQuery,
): Promise<RowsPage> {
  requirePermission(actor, 'exchange.read');
  const imp = await getImport(ctx, actor, importId);
  const visible = await rowsVisibleTo(
    ctx,
    actor,
    imp,
    (await readRowStates(ctx.database, imp.county, imp.id)).rows,
  );
  const counts: Record<RowTab, number> = { candidate: 0, unmatched: 0, invalid: 0, matched: 0 };
  for (const r of visible) counts[r.status]++;
  const page = visible
    .filter((r) => r.status === query.status)
    .slice(query.offset, query.offset + query.limit);
  const items =
    query.status === 'matched'
      ? await matchedItems(ctx, actor, imp, page)
      : await rowItems(ctx, actor, imp, page);
  return { import: imp, counts, total: counts[query.status], items };
}

/** A page of matched rows: who each is (the registry's number, masked, through listMatches) and their masked name. */
async function matchedItems(
  ctx: ExchangeContext,
  actor: Actor,
  imp: ImportRecord,
  page: RowState[],
): Promise<RowView[]> {
  const wanted = new Set(page.map((r) => r.rowNumber));
  const lines = (await listMatches(ctx, actor, imp.id, { full: false })).filter((l) =>
    wanted.has(l.rowNumber),
  );
  const { persons, enterprises } = await subjectsOf(
    ctx,
    actor,
    imp,
    lines.flatMap((l) => (l.subjectId === null ? [] : [l.subjectId])),
  );
  return lines.map((l) => ({
    ...EMPTY_ROW,
    rowNumber: l.rowNumber,
    status: 'matched',
    subjectId: l.subjectId,
    identity: l.identity || null,
    subjectName:
      l.subjectId === null
        ? null
        : (persons.get(l.subjectId)?.name ?? enterprises.get(l.subjectId)?.name ?? null),
  }));
}

const EMPTY_ROW: Omit<RowView, 'rowNumber' | 'status'> = {
  name: null,
  idCell: null,
  idValid: null,
  birthYear: null,
  sex: null,
  township: null,
  score: null,
  reasons: [],
  review: null,
  subjectId: null,
  identity: null,
  subjectName: null,
  candidates: [],
};

type CandidateRow = Omit<CandidateView, 'person' | 'enterprise'>;

/**
 * A page of candidate, unmatched or invalid rows with what the list said (masked) and their candidates:
 * rows a reviewer has acted on from exchange_rows, the others from their blocks.
 */
async function rowItems(
  ctx: ExchangeContext,
  actor: Actor,
  imp: ImportRecord,
  page: RowState[],
): Promise<RowView[]> {
  const views = new Map<number, RowView>();
  const candidates = new Map<number, CandidateRow[]>();
  const inRows = page.filter((r) => r.block === null).map((r) => r.rowNumber);
  const base = sql`county = ${imp.county} AND import_id = ${imp.id}`;
  if (inRows.length) {
    const rows = (
      await sql<{
        row_number: number;
        name: string | null;
        id_enc: string | null;
        id_valid: boolean;
        birth_date: string | null;
        sex: 'male' | 'female' | null;
        township_text: string | null;
        score: number;
        reasons: string;
        review: 'confirmed' | 'dismissed' | null;
      }>`
        SELECT row_number, name, encode(id_number_enc, 'hex') AS id_enc, id_valid, birth_date, sex, township_text,
               score, reasons, review
          FROM exchange_rows WHERE ${base} AND row_number = ANY(${inRows}::int[])`.execute(ctx.db)
    ).rows;
    for (const r of rows)
      views.set(Number(r.row_number), {
        ...EMPTY_ROW,
        rowNumber: Number(r.row_number),
        status: 'candidate',
        name: r.name,
        idCell: r.id_enc ? maskCell(ctx.cipher.decrypt(Buffer.from(r.id_enc, 'hex')), imp) : null,
        idValid: Boolean(r.id_valid),
        birthYear: r.birth_date === null ? null : Number(String(r.birth_date).slice(0, 4)),
        sex: r.sex,
        township: r.township_text,
        score: Number(r.score),
        reasons: splitReasons(r.reasons),
        review: r.review,
      });
    for (const x of (
      await sql<{
        row_number: number;
        subject_id: string | number;
        score: number;
        reasons: string;
        state: string;
      }>`
        SELECT row_number, subject_id, score, reasons, state FROM exchange_candidates
         WHERE ${base} AND row_number = ANY(${inRows}::int[])
         ORDER BY row_number, score DESC, subject_id`.execute(ctx.db)
    ).rows)
      push(candidates, Number(x.row_number), {
        subjectId: Number(x.subject_id),
        state: x.state as CandidateView['state'],
        score: Number(x.score),
        reasons: splitReasons(x.reasons),
      });
  }
  const blocks = await readRowBlocks(ctx.database, ctx.cipher, imp.county, imp.id, [
    ...new Set(page.flatMap((r) => (r.block === null ? [] : [r.block]))),
  ]);
  const blockOf = new Map(blocks.map((b) => [b.block, b]));
  for (const r of page) {
    const b = r.block === null ? undefined : blockOf.get(r.block);
    if (!b) continue;
    const d = blockRowDetail(b, r.at, imp);
    views.set(r.rowNumber, {
      ...EMPTY_ROW,
      rowNumber: r.rowNumber,
      status: r.status,
      name: d.name,
      idCell: d.idCell === null ? null : maskCell(d.idCell, imp),
      idValid: d.idValid,
      birthYear: d.birthDate === null ? null : Number(d.birthDate.slice(0, 4)),
      sex: d.sex,
      township: d.townshipText,
      score: d.score,
      reasons: d.reasons,
    });
    for (const c of d.candidates)
      push(candidates, r.rowNumber, {
        subjectId: c.subjectId,
        state: 'open',
        score: c.score,
        reasons: c.reasons,
      });
  }
  const { persons, enterprises } = await subjectsOf(
    ctx,
    actor,
    imp,
    [...candidates.values()].flatMap((list) => list.map((c) => c.subjectId)),
  );
  return page.flatMap((r) => {
    const v = views.get(r.rowNumber);
    if (!v) return [];
    v.status = r.status as RowView['status'];
    v.candidates = (candidates.get(r.rowNumber) ?? []).map((c) => ({
      ...c,
      person: persons.get(c.subjectId) ?? null,
      enterprise: enterprises.get(c.subjectId) ?? null,
    }));
    return [v];
  });
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function splitReasons(s: string): string[] {
  return s ? s.split(',').filter(Boolean) : [];
}

/** A person's ID cell masked (first 6 and last 4); an enterprise's credit code is public. */
function maskCell(raw: string, imp: ImportRecord): string {
  return imp.subjectType === 'person' ? maskIdNumber(raw) : normalizeIdNumber(raw);
}
