import { sql } from 'kysely';
import { z } from 'zod';
import { HOME_COUNTY } from '../../../platform/config/config.js';
import { maskIdNumber, normalizeIdNumber } from '../../../shared/identity/index.js';
import { can, covers, requirePermission, type Actor } from '../../access/index.js';
import { getEnterprise, maskName, personsByIds, subjectDivisions } from '../../registry/index.js';
import { ListKindSchema } from '../domain/list-kinds.js';
import type { ExchangeContext } from '../exchange-context.js';
import { matchedSubjects } from '../infra/matched-subjects.js';
import { getImport, listMatches, type ImportRecord } from './matches.js';

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

const tabWhere = (tab: Exclude<RowTab, 'matched'>) =>
  tab === 'candidate'
    ? sql`status = 'candidate' AND review IS NULL`
    : tab === 'unmatched'
      ? sql`(status = 'unmatched' OR (status = 'candidate' AND review = 'dismissed'))`
      : sql`status = 'invalid'`;

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

/** The tab a row of `exchange_rows` shows under, after reviews (null: matched, read through listMatches). */
function tabOf(status: string, review: string | null): Exclude<RowTab, 'matched'> | null {
  if (status === 'invalid') return 'invalid';
  if (status === 'unmatched' || (status === 'candidate' && review === 'dismissed')) return 'unmatched';
  if (status === 'candidate' && review === null) return 'candidate';
  return null;
}

/**
 * For staff whose jurisdiction lies inside the import's (a township officer looking at a city list): the
 * rows that concern their people — the list's 乡镇 resolved within their jurisdiction, or a candidate or
 * matched person living there — by tab. Null when the actor sees every row. A row that names no place
 * and nobody of theirs stays with the staff who loaded the list.
 */
async function rowsInJurisdiction(
  ctx: ExchangeContext,
  actor: Actor,
  imp: ImportRecord,
): Promise<Record<RowTab, number[]> | null> {
  if (covers(actor, imp.scope)) return null;
  const mine = (division: string | null | undefined) => !!division && division.startsWith(actor.division);
  const base = sql`county = ${imp.county} AND import_id = ${imp.id}`;
  const rows = (
    await sql<{ row_number: number; township: string | null; status: string; review: string | null }>`
      SELECT row_number, township, status, review FROM exchange_rows WHERE ${base}`.execute(ctx.db)
  ).rows;
  const cands = (
    await sql<{ row_number: number; subject_id: string | number }>`
      SELECT row_number, subject_id FROM exchange_candidates WHERE ${base}`.execute(ctx.db)
  ).rows;
  const matched = await matchedSubjects(ctx.database, imp.county, imp.id);
  const where = await subjectDivisions(ctx.db, imp.county, imp.subjectType, [
    ...cands.map((c) => Number(c.subject_id)),
    ...matched.map((m) => m.subjectId),
  ]);
  const theirs = new Set<number>();
  for (const c of cands) if (mine(where.get(Number(c.subject_id)))) theirs.add(Number(c.row_number));
  const out: Record<RowTab, number[]> = { candidate: [], unmatched: [], invalid: [], matched: [] };
  for (const r of rows) {
    const n = Number(r.row_number);
    const tab = tabOf(r.status, r.review);
    if (tab && (mine(r.township) || theirs.has(n))) out[tab].push(n);
  }
  for (const m of matched) if (mine(where.get(m.subjectId))) out.matched.push(m.rowNumber);
  for (const list of Object.values(out)) list.sort((a, b) => a - b);
  return out;
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
  const base = sql`county = ${imp.county} AND import_id = ${imp.id}`;
  const c = (
    await sql<{ candidate: number; unmatched: number; invalid: number }>`
      SELECT count(*) FILTER (WHERE ${tabWhere('candidate')})::int AS candidate,
             count(*) FILTER (WHERE ${tabWhere('unmatched')})::int AS unmatched,
             count(*) FILTER (WHERE ${tabWhere('invalid')})::int AS invalid
        FROM exchange_rows WHERE ${base}`.execute(ctx.db)
  ).rows[0]!;
  const visible = await rowsInJurisdiction(ctx, actor, imp);
  const counts: Record<RowTab, number> = visible
    ? {
        candidate: visible.candidate.length,
        unmatched: visible.unmatched.length,
        invalid: visible.invalid.length,
        matched: visible.matched.length,
      }
    : {
        candidate: Number(c.candidate),
        unmatched: Number(c.unmatched),
        invalid: Number(c.invalid),
        matched: imp.rows - Number(c.candidate) - Number(c.unmatched) - Number(c.invalid),
      };

  if (query.status === 'matched') {
    const seen = visible ? new Set(visible.matched) : null;
    const lines = (await listMatches(ctx, actor, imp.id, { full: false })).filter(
      (l) => l.status === 'matched' && (!seen || seen.has(l.rowNumber)),
    );
    const page = lines.slice(query.offset, query.offset + query.limit);
    const { persons, enterprises } = await subjectsOf(
      ctx,
      actor,
      imp,
      page.flatMap((l) => (l.subjectId === null ? [] : [l.subjectId])),
    );
    return {
      import: imp,
      counts: { ...counts, matched: lines.length },
      total: lines.length,
      items: page.map((l) => ({
        rowNumber: l.rowNumber,
        status: 'matched',
        name: null,
        idCell: null,
        idValid: null,
        birthYear: null,
        sex: null,
        township: null,
        score: null,
        reasons: [],
        review: null,
        subjectId: l.subjectId,
        identity: l.identity || null,
        subjectName:
          l.subjectId === null
            ? null
            : (persons.get(l.subjectId)?.name ?? enterprises.get(l.subjectId)?.name ?? null),
        candidates: [],
      })),
    };
  }

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
        FROM exchange_rows WHERE ${base} AND ${
          visible
            ? sql`row_number = ANY(${visible[query.status].slice(query.offset, query.offset + query.limit)}::int[])`
            : sql`${tabWhere(query.status)}`
        }
       ORDER BY row_number ${visible ? sql`` : sql`LIMIT ${query.limit} OFFSET ${query.offset}`}`.execute(
      ctx.db,
    )
  ).rows;
  const numbers = rows.map((r) => Number(r.row_number));
  const cands = numbers.length
    ? (
        await sql<{
          row_number: number;
          subject_id: string | number;
          score: number;
          reasons: string;
          state: string;
        }>`
          SELECT row_number, subject_id, score, reasons, state FROM exchange_candidates
           WHERE ${base} AND row_number IN (${sql.join(numbers)})
           ORDER BY row_number, score DESC, subject_id`.execute(ctx.db)
      ).rows
    : [];
  const { persons, enterprises } = await subjectsOf(
    ctx,
    actor,
    imp,
    cands.map((x) => Number(x.subject_id)),
  );
  const byRow = new Map<number, CandidateView[]>();
  for (const x of cands) {
    const id = Number(x.subject_id);
    const list = byRow.get(Number(x.row_number)) ?? [];
    list.push({
      subjectId: id,
      state: x.state as CandidateView['state'],
      score: Number(x.score),
      reasons: splitReasons(x.reasons),
      person: persons.get(id) ?? null,
      enterprise: enterprises.get(id) ?? null,
    });
    byRow.set(Number(x.row_number), list);
  }
  return {
    import: imp,
    counts,
    total: counts[query.status],
    items: rows.map((r) => ({
      rowNumber: Number(r.row_number),
      status: query.status,
      name: r.name,
      idCell: r.id_enc ? maskCell(ctx.cipher.decrypt(Buffer.from(r.id_enc, 'hex')), imp) : null,
      idValid: Boolean(r.id_valid),
      birthYear: r.birth_date === null ? null : Number(String(r.birth_date).slice(0, 4)),
      sex: r.sex,
      township: r.township_text,
      score: Number(r.score),
      reasons: splitReasons(r.reasons),
      review: r.review,
      subjectId: null,
      identity: null,
      subjectName: null,
      candidates: byRow.get(Number(r.row_number)) ?? [],
    })),
  };
}

function splitReasons(s: string): string[] {
  return s ? s.split(',').filter(Boolean) : [];
}

/** A person's ID cell masked (first 6 and last 4); an enterprise's credit code is public. */
function maskCell(raw: string, imp: ImportRecord): string {
  return imp.subjectType === 'person' ? maskIdNumber(raw) : normalizeIdNumber(raw);
}
