import { sql } from 'kysely';
import { todayInChina } from '../../../shared/dates/calendar-date.js';
import { recordAudit, requirePermission, systemActor, type Actor } from '../../access/index.js';
import { applyListFacts } from '../../registry/index.js';
import { refreshScan, type RulesService, type ScanSummary } from '../../rules/index.js';
import { LIST_FACTS, planListFacts } from '../domain/list-facts.js';
import { LIST_KINDS, type ListKind } from '../domain/list-kinds.js';
import type { ExchangeContext } from '../exchange-context.js';
import { readRowStates, type MatchedSubject } from '../infra/import-rows.js';
import { getImport, type ImportRecord } from './matches.js';

export interface ImportFactsResult {
  import: number;
  fact: string;
  /** The list before this one (same kind, same jurisdiction), whose people are closed if missing now. */
  previousImport: number | null;
  /** Set when nothing was changed because a list of a later date has already been loaded. */
  skipped: 'newer-list' | null;
  opened: number;
  closed: number;
  unchanged: number;
  /** The 政策找人 run started for the people whose facts changed (null: none needed). */
  scanRunId: number | null;
}

/** How the 政策找人 list is refreshed afterwards: waited for (CLI, tests), left running (HTTP), or not. */
export type Refresh = 'wait' | 'background' | 'none';

/** The facts context: the exchange's, plus the rules service to refresh 政策找人 with. */
export type ImportFactsContext = ExchangeContext & { rules?: RulesService | undefined };

const LIST_NAMES_ZH = (kind: ListKind) => `${LIST_KINDS[kind].zh}名单`;

async function siblingImports(ctx: ExchangeContext, imp: ImportRecord) {
  const r = await sql<{ id: number; as_of: string }>`
    SELECT id, as_of FROM exchange_imports
     WHERE county = ${imp.county} AND list_kind = ${imp.list} AND id <> ${imp.id}
       -- The same jurisdiction; the system's imports (CLI, scope '') count as the county's.
       AND coalesce(nullif(scope, ''), county) = ${imp.scope || imp.county}
     ORDER BY as_of DESC, id DESC`.execute(ctx.db);
  const later = (x: { id: number; as_of: string }) =>
    x.as_of > imp.asOf || (x.as_of === imp.asOf && Number(x.id) > imp.id);
  const previous = r.rows.find((x) => !later(x));
  return { newer: r.rows.some(later), previous: previous ? Number(previous.id) : null };
}

/**
 * An import's certain matches and the subjects proposed on its rows still waiting for a reviewer,
 * remembered per process while none of its rows is reviewed again: rows never change after the import
 * but by a review, and a review changes the version (reviews only move forward: a candidate is confirmed
 * or dismissed once), so a reviewer working through a 1M-row list does not read it whole at each decision.
 */
interface ImportStanding {
  matches: MatchedSubject[];
  /** Persons (or enterprises) proposed on rows of the import still waiting for a reviewer. */
  pending: number[];
}
const rememberedBy = new WeakMap<object, Map<string, { version: string; standing: ImportStanding }>>();
async function standingOf(ctx: ExchangeContext, county: string, importId: number): Promise<ImportStanding> {
  let remembered = rememberedBy.get(ctx.database);
  if (!remembered) rememberedBy.set(ctx.database, (remembered = new Map()));
  const v = (
    await sql<{ rows: number; candidates: number }>`
      SELECT (SELECT count(*)::int FROM exchange_rows
               WHERE county = ${county} AND import_id = ${importId} AND review IS NOT NULL) AS rows,
             (SELECT count(*)::int FROM exchange_candidates
               WHERE county = ${county} AND import_id = ${importId} AND state <> 'open') AS candidates`.execute(
      ctx.db,
    )
  ).rows[0]!;
  const key = `${county}:${importId}`;
  const version = `${v.rows}:${v.candidates}`;
  const hit = remembered.get(key);
  if (hit?.version === version) return hit.standing;
  const standing: ImportStanding = { matches: [], pending: [] };
  const pending = new Set<number>();
  for (const r of (await readRowStates(ctx.database, county, importId)).rows) {
    if (r.status === 'matched' && r.subjectId !== null)
      standing.matches.push({
        rowNumber: r.rowNumber,
        subjectCounty: r.subjectCounty!,
        subjectId: r.subjectId,
      });
    else if (r.status === 'candidate') for (const id of r.open) pending.add(id);
  }
  standing.pending = [...pending];
  remembered.delete(key);
  remembered.set(key, { version, standing });
  while (remembered.size > 4) remembered.delete(remembered.keys().next().value!);
  return standing;
}

/**
 * Turn an import's certain matches into dated facts with the list as their source (issue 6, item 4):
 * everyone matched on the list has the list's fact (低保 family, 特困, …) from its as-of date; everyone
 * who was on the previous list of the same kind and is not on this one has the fact closed on that date
 * (not deleted), unless they are still a candidate waiting for review. A list older than one already
 * loaded changes nothing. Idempotent: applying again changes nothing. With `only`, just those subjects
 * (after a reviewer confirmed or dismissed a candidate). Afterwards 政策找人 is judged again for the
 * people whose facts changed, when the list feeds programmes or is the list of deaths.
 */
export async function applyImportFacts(
  ctx: ImportFactsContext,
  actor: Actor,
  importId: number,
  opts: { only?: number[]; refresh: Refresh },
): Promise<ImportFactsResult> {
  requirePermission(actor, opts.only ? 'exchange.review' : 'exchange.import');
  const imp = await getImport(ctx, actor, importId);
  const kind = imp.list as ListKind;
  const { fact, refreshesOutreach } = LIST_FACTS[kind];
  const { newer, previous } = await siblingImports(ctx, imp);
  const result: ImportFactsResult = {
    import: imp.id,
    fact,
    previousImport: previous,
    skipped: null,
    opened: 0,
    closed: 0,
    unchanged: 0,
    scanRunId: null,
  };
  if (newer) return { ...result, skipped: 'newer-list' };

  const standing = await standingOf(ctx, imp.county, imp.id);
  const now = standing.matches;
  const before = previous === null ? [] : (await standingOf(ctx, imp.county, previous)).matches;
  // Facts are kept per county: a person of another county (a city-wide registry) in that county's rows.
  const counties = new Set<string>();
  for (const list of [now, before]) for (const m of list) counties.add(m.subjectCounty);
  const only = opts.only && new Set(opts.only);
  const pending = only ? standing.pending.filter((id) => only.has(id)) : standing.pending;
  const sourceRef = `${LIST_NAMES_ZH(kind)}（${imp.asOf}，导入#${imp.id}）`;
  const changed: number[] = [];
  await ctx.database.bulkLoad(async (copy, trx) => {
    for (const county of counties.size ? counties : new Set([imp.county])) {
      const ofCounty = (list: typeof now) => {
        const ids: number[] = [];
        for (const m of list)
          if (m.subjectCounty === county && (!only || only.has(m.subjectId))) ids.push(m.subjectId);
        return ids;
      };
      const plan = planListFacts(ofCounty(now), ofCounty(before), pending, opts.only);
      const r = await applyListFacts(
        trx,
        actor,
        {
          subjectType: imp.subjectType,
          county,
          name: fact,
          asOf: imp.asOf,
          sourceRef,
          present: plan.present,
          absent: plan.absent,
        },
        copy,
      );
      result.opened += r.opened;
      result.closed += r.closed;
      result.unchanged += r.unchanged;
      for (const id of r.changed) changed.push(id); // not push(...): a list of a million would overflow the stack
    }
    await sql`UPDATE exchange_imports SET facts_applied_at = now(),
                     facts_opened = coalesce(facts_opened, 0) + ${result.opened},
                     facts_closed = coalesce(facts_closed, 0) + ${result.closed}
               WHERE county = ${imp.county} AND id = ${imp.id}`.execute(trx);
    await recordAudit(trx, actor, {
      action: 'exchange.facts',
      entityType: 'exchangeImport',
      entityId: imp.id,
      details: {
        fact,
        previousImport: previous,
        opened: result.opened,
        closed: result.closed,
        unchanged: result.unchanged,
        ...(opts.only ? { only: opts.only } : {}),
      },
    });
  });
  if (changed.length && refreshesOutreach && imp.subjectType === 'person')
    result.scanRunId = await refreshOutreach(ctx, imp.scope, opts.refresh);
  return result;
}

/**
 * 政策找人 judged again for the people whose facts changed: an incremental scan of the list's
 * jurisdiction (it takes the subjects whose facts were recorded since the last finished scan), run by
 * the system on today's pack — if 政策找人 has been run there before.
 */
async function refreshOutreach(ctx: ImportFactsContext, scope: string, refresh: Refresh) {
  if (refresh === 'none' || !ctx.rules) return null;
  const date = ctx.today?.() ?? todayInChina();
  const started = await refreshScan(ctx.database, systemActor('job', 'exchange'), ctx.rules.engineFor(date), {
    scope,
    date,
  });
  if (!started) return null;
  if (refresh === 'wait') await started.completion;
  else started.completion.catch((): ScanSummary | undefined => undefined); // a failed run is recorded so
  return started.runId;
}
