import type { Database } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import { covers, recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { subjectsForScan, type ScanSubject } from '../../registry/index.js';
import type { CompiledProgramme } from '../domain/compiled-pack.js';
import type { RulesEngine } from '../domain/engine.js';
import { trustedSubject } from '../domain/prepare-case.js';
import {
  createRun,
  failRun,
  lastFinishedRun,
  storeFindings,
  type FindingRow,
} from '../infra/findings.repository.js';

export interface ScanOptions {
  /** Division code prefix; default the actor's jurisdiction. */
  scope?: string | undefined;
  date: string;
  programmes?: string[] | undefined;
  /** Only the subjects whose facts changed since the last finished scan of the same scope. */
  incremental?: boolean | undefined;
}

export interface ScanSummary {
  runId: number;
  pack: string;
  scope: string;
  date: string;
  incremental: boolean;
  subjects: number;
  programmes: number;
  findings: number;
  seconds: number;
  readSeconds: number;
  storeSeconds: number;
}

/** The CEL subject of a registry row: identity columns plus its facts. */
export function subjectOf(s: ScanSubject): Record<string, unknown> {
  const facts: Record<string, unknown> = { ...s.facts };
  if (s.type === 'person') {
    if (s.birthDate) facts.birthDate = s.birthDate;
    if (s.sex) facts.sex = s.sex;
    if (s.division.length === 12) facts.residenceDivision = s.division;
  }
  return trustedSubject(s.type, facts);
}

function chosenProgrammes(engine: RulesEngine, ids: string[] | undefined) {
  const all = engine.pack.programmes.filter((p) => p.source.kind !== 'service');
  if (!ids) return all;
  return ids.map((id) => {
    const p = engine.pack.programmeById.get(id);
    if (!p) throw new AppError('UNKNOWN_PROGRAMME', { path: 'programmes', zh: `未知的政策项目：${id}` });
    return p;
  });
}

export function programmesFor(list: CompiledProgramme[], audience: 'person' | 'enterprise') {
  return list.filter((p) => p.source.audience === audience || p.source.audience === 'both');
}

/**
 * The facts one of which a subject must have to possibly qualify for one of these programmes: the first
 * fact each of their versions requires. Undefined when some version requires nothing (then everyone
 * must be judged).
 */
export function gatingFacts(
  list: CompiledProgramme[],
  audience: 'person' | 'enterprise',
): string[] | undefined {
  const names = new Set<string>();
  for (const p of list) {
    for (const v of p.versionsFor[audience]) {
      const first = v.requires[0];
      if (!first) return undefined;
      names.add(first.split('.')[0]!);
    }
  }
  return [...names].sort();
}

/**
 * 政策找人: judge every person and enterprise in scope against the programmes, on a date, and keep who
 * qualifies as a list that staff work through (per township, per programme). Incremental runs judge
 * only the subjects whose facts changed since the last finished run. Services (registration,
 * identification) are not benefits and are not scanned.
 */
export async function runScan(
  database: Database,
  actor: Actor,
  engine: RulesEngine,
  opts: ScanOptions,
): Promise<ScanSummary> {
  return (await startScan(database, actor, engine, opts)).completion;
}

/**
 * Start a scan: checks and the run's record now, the work in the background. `completion` settles when
 * the findings are stored (or the run is recorded as failed).
 */
export async function startScan(
  database: Database,
  actor: Actor,
  engine: RulesEngine,
  opts: ScanOptions,
): Promise<{ runId: number; completion: Promise<ScanSummary> }> {
  requirePermission(actor, 'rules.scan');
  const scope = opts.scope ?? actor.division;
  if (!covers(actor, scope)) throw new AppError('DIVISION_OUT_OF_SCOPE', { path: 'scope' });
  const programmes = chosenProgrammes(engine, opts.programmes);
  const since = opts.incremental ? await lastFinishedRun(database.db, scope) : undefined;
  const run = await createRun(database.db, {
    pack: engine.label,
    scope,
    as_of: opts.date,
    incremental: since !== undefined,
    started_by: actor.username,
  });
  const completion = scan(database, actor, engine, opts, { scope, programmes, since, runId: run.id }).catch(
    async (e: unknown) => {
      await failRun(database.db, run.id, e instanceof Error ? e.message : String(e)).catch(() => undefined);
      throw e;
    },
  );
  return { runId: run.id, completion };
}

async function scan(
  database: Database,
  actor: Actor,
  engine: RulesEngine,
  opts: ScanOptions,
  plan: {
    scope: string;
    programmes: CompiledProgramme[];
    since: { started_at: Date } | undefined;
    runId: number;
  },
): Promise<ScanSummary> {
  const { scope, programmes, since } = plan;
  const run = { id: plan.runId };
  const started = performance.now();
  const params = engine.params(opts.date, new Map());
  const findings: FindingRow[] = [];
  const judged: { type: string; county: string; id: number }[] = [];
  let subjects = 0;
  let readMs = 0;
  for (const type of ['person', 'enterprise'] as const) {
    const mine = programmesFor(programmes, type);
    if (!mine.length) continue;
    const stream = subjectsForScan(database, actor, {
      type,
      scope,
      date: opts.date,
      changedSince: since?.started_at,
      // A full scan reads only the subjects that could qualify; an incremental one judges every changed
      // subject (a lapsed finding must be marked so).
      having: since ? undefined : gatingFacts(mine, type),
    });
    for (;;) {
      const t0 = performance.now();
      const next = await stream.next();
      readMs += performance.now() - t0;
      if (next.done) break;
      for (const s of next.value) {
        subjects += 1;
        if (since) judged.push({ type, county: s.county, id: s.id });
        // Someone on a list of deaths is not sought out for any programme (a lapsed finding is dropped).
        if (s.deceased) continue;
        const results = engine.evaluateSubject(type, subjectOf(s), opts.date, params, mine);
        for (const r of results) {
          if (r.eligible !== true) continue;
          findings.push({
            county: s.county,
            subjectType: type,
            subjectId: s.id,
            programme: r.programme,
            township: s.division.slice(0, 9),
            division: s.division,
            amount: r.amount,
            reasons: r.reasons,
          });
        }
      }
    }
  }
  const storeStarted = performance.now();
  await storeFindings(database, run.id, opts.date, findings, since ? { subjects: judged } : { scope }, {
    subjects,
  });
  const storeMs = performance.now() - storeStarted;
  const summary: ScanSummary = {
    runId: run.id,
    pack: engine.label,
    scope,
    date: opts.date,
    incremental: since !== undefined,
    subjects,
    programmes: programmes.length,
    findings: findings.length,
    seconds: (performance.now() - started) / 1000,
    readSeconds: readMs / 1000,
    storeSeconds: storeMs / 1000,
  };
  await database.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'rules.scan',
      entityType: 'scanRun',
      entityId: run.id,
      details: {
        scope,
        date: opts.date,
        incremental: summary.incremental,
        subjects,
        findings: findings.length,
      },
    }),
  );
  return summary;
}

/**
 * 政策找人 judged again for the subjects whose facts changed, where it has been run before: an incremental
 * scan of the scope when a finished scan of that same scope exists; nothing otherwise (the first run of a
 * scope is a full scan that someone starts on purpose — a list import does not start one by itself).
 */
export async function refreshScan(
  database: Database,
  actor: Actor,
  engine: RulesEngine,
  opts: { scope: string; date: string },
): Promise<{ runId: number; completion: Promise<ScanSummary> } | null> {
  if (!(await lastFinishedRun(database.db, opts.scope))) return null;
  return startScan(database, actor, engine, { ...opts, incremental: true });
}
