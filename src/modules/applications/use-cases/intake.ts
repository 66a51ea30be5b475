import type { AnyTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import { recordAudit, type Actor, type AuditEntry } from '../../access/index.js';
import { notifyMany } from '../../notifications/index.js';
import {
  assembleEnterpriseFacts,
  assemblePersonFactsMany,
  type AssembledFacts,
} from '../../registry/index.js';
import type { ApplicationProcess, RulesEngine } from '../../rules/index.js';
import type { ApplicationsContext } from '../applications-context.js';
import { NO_STEP } from '../domain/chain.js';
import { toFen } from '../domain/decision.js';
import type { ApplicationView } from '../domain/view.js';
import { applicationRepository, type ApplicationRow } from '../infra/application.repository.js';
import {
  applicantOf,
  claimRow,
  prepareSubmission,
  requireAudience,
  requireWithinLimits,
  submittedEvent,
  viewOf,
  worklistNotice,
  type Claim,
  type CreateApplication,
  type EventInput,
} from './apply.js';
import { decide, processFor, subjectKey, today, type Judged, type Subject, sealDeclared } from './judge.js';

interface Job {
  actor: Actor;
  input: CreateApplication;
  resolve: (v: ApplicationView) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 64;
/** Batches in flight at once: one on the embedded database (one connection), a few on a server. */
const PARALLEL = { pglite: 1, postgres: 2 } as const;
const queues = new WeakMap<object, { pending: Job[]; running: number }>();

/**
 * Start an application: facts prefilled from the registry, the decision shown; submitted at once if
 * asked (then the row is written once, already at its first step).
 *
 * Applications arriving together are taken in together (group commit): one transaction reads the
 * applicants' facts, histories and limits in a few statements for all of them, judges each, and writes
 * them with one statement per table; each case still gets its own answer — a refusal of one (not
 * eligible, a limit reached) does not touch the others. Should the batch fail in the database, each
 * case is taken again alone.
 */
export function createApplication(
  ctx: ApplicationsContext,
  actor: Actor,
  input: CreateApplication,
): Promise<ApplicationView> {
  let q = queues.get(ctx.db);
  if (!q) queues.set(ctx.db, (q = { pending: [], running: 0 }));
  const queue = q;
  return new Promise((resolve, reject) => {
    queue.pending.push({ actor, input, resolve, reject });
    if (queue.running >= PARALLEL[ctx.database?.kind ?? 'pglite']) return;
    queue.running += 1;
    setImmediate(() => {
      void (async () => {
        while (queue.pending.length) await intake(ctx, queue.pending.splice(0, MAX_BATCH));
        queue.running -= 1;
      })();
    });
  });
}

interface Case {
  job: Job;
  on: string;
  engine: RulesEngine;
  process: ApplicationProcess;
  ref: { type: 'person' | 'enterprise'; id: number };
  channel: 'online' | 'desk';
  declared: Record<string, unknown>;
  judged?: Judged;
  ready?: ReturnType<typeof prepareSubmission>;
  row?: ApplicationRow;
  failed?: unknown;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

async function intake(ctx: ApplicationsContext, jobs: Job[]): Promise<void> {
  const cases: Case[] = [];
  for (const job of jobs) {
    try {
      const on = today(ctx);
      const { engine, process } = processFor(ctx, job.input.programmeId, on);
      const { ref, channel } = applicantOf(job.actor, job.input.applicant);
      requireAudience(process, ref.type);
      cases.push({ job, on, engine, process, ref, channel, declared: job.input.declared ?? {} });
    } catch (e) {
      job.reject(e);
    }
  }
  if (!cases.length) return;
  try {
    await ctx.db.transaction().execute((trx) => intakeIn(ctx, trx, cases));
  } catch (e) {
    const open = cases.filter((c) => c.failed === undefined);
    if (open.length > 1) {
      // Something in the database refused the batch as a whole: each case again, alone.
      for (const c of cases) if (c.failed !== undefined) c.job.reject(c.failed);
      for (const c of open) await intake(ctx, [c.job]);
      return;
    }
    for (const c of open)
      c.failed = isUniqueViolation(e) ? new AppError('APPLICATION_OPEN_EXISTS', { path: 'programmeId' }) : e;
  }
  for (const c of cases) {
    if (c.failed !== undefined) c.job.reject(c.failed);
    else c.job.resolve(viewOf(ctx, c.row!));
  }
}

async function intakeIn(ctx: ApplicationsContext, trx: AnyTrx, cases: Case[]): Promise<void> {
  const tctx = { ...ctx, db: trx };
  // Audit records by who acted (one request's actor object is not another's, the person may be the same).
  const audits = new Map<string, { actor: Actor; entries: AuditEntry[] }>();
  const audit = (actor: Actor, e: AuditEntry) => {
    const k = JSON.stringify([
      actor.accountId,
      actor.username,
      actor.role,
      actor.division,
      actor.channel,
      actor.ip,
    ]);
    const a = audits.get(k) ?? { actor, entries: [] };
    a.entries.push(e);
    audits.set(k, a);
  };
  const fail = (c: Case, e: unknown) => {
    if (e instanceof AppError) c.failed = e;
    else throw e;
  };

  // Read: the applicants' facts, then their histories and open applications, for all at once.
  const persons = cases.filter((c) => c.ref.type === 'person');
  const assembled = new Map<Case, AssembledFacts>();
  if (persons.length) {
    const on = persons[0]!.on;
    const got = await assemblePersonFactsMany(
      tctx,
      persons.map((c) => ({ actor: c.job.actor, personId: c.ref.id })),
      on,
      audit,
    );
    persons.forEach((c, i) =>
      got[i] instanceof AppError ? fail(c, got[i]) : assembled.set(c, got[i] as AssembledFacts),
    );
  }
  for (const c of cases.filter((x) => x.ref.type === 'enterprise'))
    await assembleEnterpriseFacts(tctx, c.job.actor, c.ref.id, c.on).then(
      (a) => assembled.set(c, a),
      (e: unknown) => fail(c, e),
    );
  const live = () => cases.filter((c) => c.failed === undefined);
  const subjectOf = (c: Case): Subject => ({
    type: c.ref.type,
    county: assembled.get(c)!.county,
    id: c.ref.id,
  });
  const histories = await applicationRepository.historyMany(trx, live().map(subjectOf));
  const open = await applicationRepository.openAmong(
    trx,
    live().map((c) => ({ ...subjectOf(c), programme: c.process.programme.id })),
  );

  // Judge each case; refuse what may not go on.
  for (const c of live()) {
    try {
      const subject = subjectOf(c);
      const pair = `${subjectKey(subject)}:${c.process.programme.id}`;
      if (open.has(pair)) throw new AppError('APPLICATION_OPEN_EXISTS', { path: 'programmeId' });
      open.add(pair);
      c.judged = decide(
        c.engine,
        c.process,
        c.job.actor,
        subject,
        assembled.get(c)!,
        histories.get(subjectKey(subject)) ?? [],
        c.declared,
        c.on,
      );
      if (c.job.input.submit)
        c.ready = prepareSubmission(
          ctx,
          c.process,
          c.judged,
          {
            county: subject.county,
            subject_type: subject.type,
            subject_id: subject.id,
            applied_on: c.on,
            division: c.judged.division,
            step_index: null,
            id: null,
          },
          c.on,
        );
    } catch (e) {
      fail(c, e);
    }
  }
  // Limits: what is granted and claimed already, read once, then each case in turn.
  const submitting = live().filter((c) => c.ready);
  const keysByCounty = new Map<string, string[]>();
  for (const c of submitting)
    for (const k of c.ready!.claims)
      keysByCounty.set(c.judged!.subject.county, [
        ...(keysByCounty.get(c.judged!.subject.county) ?? []),
        k.key,
      ]);
  const used = new Map<string, number>();
  for (const [county, keys] of keysByCounty)
    for (const [k, n] of await applicationRepository.limitUse(trx, county, [...new Set(keys)], null))
      used.set(k, n);
  const pending = new Map<string, number>();
  for (const c of submitting) {
    try {
      requireWithinLimits(c.ready!.claims, used, pending);
    } catch (e) {
      fail(c, e);
    }
  }

  // Write: every table once for the whole batch.
  const writing = live();
  if (!writing.length) return;
  const rows = await applicationRepository.insertMany(
    trx,
    writing.map((c) => {
      const j = c.judged!;
      const base = {
        county: j.subject.county,
        programme_id: c.process.programme.id,
        subject_type: j.subject.type,
        subject_id: j.subject.id,
        division: j.division,
        channel: c.channel,
        created_by: c.job.actor.accountId,
        applied_on: c.on,
        declared_enc: sealDeclared(ctx, c.declared),
        decision: JSON.stringify(j.decision),
        amount_fen: toFen(j.decision.amount),
        final_decision: null,
        decided_at: null,
        decided_on: null,
      };
      return c.ready
        ? { ...base, ...c.ready.set }
        : { ...base, status: 'draft' as const, ...NO_STEP, history_key: null, submitted_at: null };
    }),
  );
  const byPair = new Map(
    rows.map((r) => [`${r.subject_type}:${r.county}:${r.subject_id}:${r.programme_id}`, r]),
  );
  for (const c of writing) c.row = byPair.get(`${subjectKey(c.judged!.subject)}:${c.process.programme.id}`)!;
  await applicationRepository.addClaims(
    trx,
    writing.flatMap((c) => (c.ready?.claims ?? []).map((k: Claim) => claimRow(k, c.row!.county, c.row!.id))),
  );
  const events: Array<{ c: Case; e: EventInput }> = [];
  for (const c of writing) {
    const d = c.judged!.decision;
    events.push({
      c,
      e: { action: 'created', details: { channel: c.channel, eligible: d.eligible, pack: d.pack } },
    });
    if (c.ready) events.push({ c, e: submittedEvent(c.row!, 'submitted', d) });
  }
  await applicationRepository.addEvents(
    trx,
    events.map(({ c, e }) => ({
      county: c.row!.county,
      application_id: c.row!.id,
      on_day: c.on,
      account_id: c.job.actor.accountId,
      username: c.job.actor.username,
      role: c.job.actor.role,
      action: e.action,
      step_id: e.stepId ?? null,
      comment: null,
      details: JSON.stringify(e.details ?? {}),
    })),
  );
  // One audit record per act: created, or created and submitted at once.
  for (const c of writing) {
    const own = events.filter((x) => x.c === c).map((x) => x.e);
    const last = own.at(-1)!;
    audit(c.job.actor, {
      action: `application.${last.action}`,
      entityType: 'application',
      entityId: c.row!.id,
      details: { stepId: last.stepId ?? null, ...Object.assign({}, ...own.map((e) => e.details ?? {})) },
    });
  }
  await notifyMany(
    trx,
    writing.flatMap((c) => worklistNotice(c.row!, c.process.programme.name) ?? []),
  );
  // The audit records last (decision 0007): the county's chain head is locked only until commit.
  for (const { actor, entries } of audits.values()) await recordAudit(trx, actor, entries);
}
