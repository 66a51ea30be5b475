import { AppError } from '../../../platform/errors/index.js';
import { todayFor } from '../../../shared/dates/calendar-date.js';
import { maskIdNumber } from '../../../shared/identity/index.js';
import { canonicalJson } from '../../../shared/json/canonical-json.js';
import type { Actor, AuditEntry } from '../../access/index.js';
import { assembleEnterpriseFacts, assemblePersonFacts, type AssembledFacts } from '../../registry/index.js';
import type { ApplicationProcess, RulesEngine } from '../../rules/index.js';
import type { ApplicationsContext } from '../applications-context.js';
import { maskIdentity, type FactOrigin, type FrozenDecision } from '../domain/decision.js';
import { applicationRepository } from '../infra/application.repository.js';

export interface Subject {
  type: 'person' | 'enterprise';
  county: string;
  id: number;
}

export const today = todayFor;

/** What the applicant declared is kept encrypted (it may name other people, such as an intern). */
export const sealDeclared = (ctx: Pick<ApplicationsContext, 'cipher'>, declared: Record<string, unknown>) =>
  ctx.cipher.encrypt(JSON.stringify(declared));

export const openDeclared = (
  ctx: Pick<ApplicationsContext, 'cipher'>,
  row: { declared_enc: Buffer | null },
): Record<string, unknown> =>
  row.declared_enc ? (JSON.parse(ctx.cipher.decrypt(row.declared_enc)) as Record<string, unknown>) : {};

/** How a batch keys its subjects (and `historyMany` its answer). */
export const subjectKey = (s: Subject) => `${s.type}:${s.county}:${s.id}`;

/** The engine in force on a day and the programme's application process (or a clear refusal). */
export function processFor(
  ctx: ApplicationsContext,
  programmeId: string,
  date: string,
): { engine: RulesEngine; process: ApplicationProcess } {
  const engine = ctx.rules.engineFor(date);
  const process = engine.processOf(programmeId);
  if (!process) {
    if (!engine.pack.programmeById.has(programmeId))
      throw new AppError('UNKNOWN_PROGRAMME', { path: 'programmeId' });
    throw new AppError('PROGRAMME_NOT_APPLICABLE', { path: 'programmeId' });
  }
  return { engine, process };
}

/**
 * Judge an application's case on a day: the registry's facts that day (with their sources), the
 * applicant's history of approved applications, and what they declared for what the registry does not
 * hold. The registry's value wins where both speak, and the disagreement is kept for the reviewers.
 */
export async function judge(
  ctx: ApplicationsContext,
  actor: Actor,
  engine: RulesEngine,
  process: ApplicationProcess,
  ref: { type: 'person' | 'enterprise'; id: number },
  date: string,
  declared: Record<string, unknown>,
  audit?: (entry: AuditEntry) => void,
): Promise<Judged> {
  const assembled =
    ref.type === 'person'
      ? await assemblePersonFacts(ctx, actor, { personId: ref.id }, date, audit ? { audit } : {})
      : await assembleEnterpriseFacts(ctx, actor, ref.id, date);
  const subject: Subject = { type: ref.type, county: assembled.county, id: ref.id };
  const history = (await applicationRepository.historyMany(ctx.db, [subject])).get(subjectKey(subject)) ?? [];
  return decide(engine, process, actor, subject, assembled, history, declared, date);
}

export type Judged = {
  decision: FrozenDecision;
  facts: Record<string, unknown>;
  subject: Subject;
  division: string;
};

/**
 * The case (the registry's facts, the history of approved applications, what was declared) judged by
 * the engine: no database, so that one submission and a batch of them decide alike.
 */
export function decide(
  engine: RulesEngine,
  process: ApplicationProcess,
  actor: Actor,
  subject: Subject,
  assembled: AssembledFacts,
  history: ReadonlyArray<{ programme_id: string; decided_on: string | null; history_key: string | null }>,
  declared: Record<string, unknown>,
  date: string,
): Judged {
  const facts: Record<string, unknown> = {};
  const sources: Record<string, FactOrigin> = {};
  const conflicts: FrozenDecision['conflicts'] = [];
  for (const [name, value] of Object.entries(declared)) {
    if (name === 'history') continue;
    facts[name] = value;
    sources[name] = {
      kind: 'declared',
      ref: actor.role === 'citizen' || actor.role === 'enterprise' ? '申请人申报' : '窗口代为申报',
    };
  }
  for (const [name, value] of Object.entries(assembled.facts)) {
    if (name in facts && canonicalJson(facts[name]) !== canonicalJson(value))
      conflicts.push({
        fact: name,
        declared: maskIdentity(facts[name], maskIdNumber),
        registry: maskIdentity(value, maskIdNumber),
      });
    facts[name] = value;
    const s = assembled.sources[name]!;
    sources[name] = { kind: s.kind, ref: s.ref, validFrom: s.validFrom, validTo: s.validTo };
  }
  facts.history = history
    .filter((h) => h.decided_on)
    .map((h) => ({
      programme: h.programme_id,
      date: h.decided_on!,
      ...(h.history_key ? { key: h.history_key } : {}),
    }));
  sources.history = { kind: 'applications', ref: '本系统已批准的申请' };
  const r = engine.evaluateCase({
    date,
    programmes: [process.programme.id],
    [subject.type]: facts,
  });
  const result = r.results[0]!;
  return {
    facts,
    subject,
    division: assembled.division,
    decision: {
      pack: r.pack,
      date,
      eligible: result.eligible,
      amount: result.amount,
      components: result.components,
      reasons: result.reasons,
      missing: result.missing,
      legalBasis: result.legalBasis,
      fund: result.fund,
      provisional: result.provisional,
      excludedFromMeansTest: result.excludedFromMeansTest,
      facts: maskIdentity(facts, maskIdNumber) as Record<string, unknown>,
      sources,
      conflicts,
    },
  };
}
