import type { AnyTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import { factSchema } from '../../../shared/facts/vocabulary.js';
import { can, recordAudit, type Actor } from '../../access/index.js';
import { planFactChange } from '../domain/fact-periods.js';
import { mapFact, type FactView } from '../domain/fact-view.js';
import type { SetFact } from '../domain/schemas.js';
import { factRepository, insertFactRows, type SubjectRef } from '../infra/fact.repository.js';
import type { RegistryContext } from '../registry-context.js';
import { loadVisibleSubject } from './load-subject.js';

type SourceKind = 'self' | 'staff' | 'department' | 'system';

/** Which sources an actor may record: a citizen or enterprise declares; staff verify; lists come from departments. */
function allowedSource(actor: Actor, requested: SourceKind | undefined): SourceKind {
  if (actor.role === 'system') return requested ?? 'system';
  if (actor.role === 'citizen' || actor.role === 'enterprise') {
    if (requested && requested !== 'self') throw new AppError('FORBIDDEN', { path: 'source.kind' });
    return 'self';
  }
  if (!can(actor, 'registry.write')) throw new AppError('FORBIDDEN');
  const kind = requested ?? 'staff';
  if (kind === 'system') throw new AppError('FORBIDDEN', { path: 'source.kind' });
  if (kind === 'department' && actor.role !== 'cityOfficer')
    throw new AppError('FORBIDDEN', { path: 'source.kind' });
  return kind;
}

/**
 * Record what is known about a subject for a period. The value is checked against the fact vocabulary;
 * what was known for the same period before is superseded (kept as history), never deleted.
 */
export async function setFact(
  ctx: RegistryContext,
  actor: Actor,
  subject: { type: SubjectRef['type']; id: number },
  input: SetFact,
): Promise<FactView[]> {
  const { parsed, validTo } = checkFact(subject.type, input);
  const sourceKind = allowedSource(actor, input.source?.kind);
  if (sourceKind === 'department' && !input.source?.ref) {
    throw new AppError('VALIDATION_FAILED', {
      path: 'source.ref',
      zh: '部门数据须注明来源名单',
      en: 'A department source needs a reference',
    });
  }
  return ctx.db
    .transaction()
    .execute((trx) => writeFact(trx, actor, subject, input, parsed, validTo, sourceKind));
}

/**
 * A fact that follows from a decision another module took in its own transaction (an approved
 * 就业困难人员认定): recorded in that transaction, its source the system with the decision as reference.
 */
export async function recordDecisionFact(
  trx: AnyTrx,
  actor: Actor,
  subject: { type: SubjectRef['type']; id: number },
  input: SetFact & { source: { ref: string } },
): Promise<FactView[]> {
  const { parsed, validTo } = checkFact(subject.type, input);
  return writeFact(trx, actor, subject, input, parsed, validTo, 'system');
}

function checkFact(type: SubjectRef['type'], input: SetFact) {
  const schema = factSchema(type, input.name);
  if (!schema) {
    throw new AppError('UNKNOWN_FACT', { path: 'name', zh: `未知的事实项：${input.name.slice(0, 50)}` });
  }
  const parsed = schema.safeParse(input.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('INVALID_FACT_VALUE', {
      path: ['value', ...(issue?.path ?? [])].join('.'),
      zh: `事实项 ${input.name} 的值不正确${issue?.message ? '：' + issue.message : ''}`,
    });
  }
  const validTo = input.validTo ?? null;
  if (validTo !== null && validTo <= input.validFrom)
    throw new AppError('INVALID_PERIOD', { path: 'validTo' });
  return { parsed: parsed.data as unknown, validTo };
}

async function writeFact(
  trx: AnyTrx,
  actor: Actor,
  subject: { type: SubjectRef['type']; id: number },
  input: SetFact,
  value: unknown,
  validTo: string | null,
  sourceKind: SourceKind,
): Promise<FactView[]> {
  {
    const s = await loadVisibleSubject(trx, actor, subject.type, subject.id, true);
    const current = await factRepository.current(trx, s, input.name);
    const plan = planFactChange(
      current.map((r) => ({
        id: r.id,
        value: r.value,
        from: r.valid_from,
        to: r.valid_to,
        sourceKind: r.source_kind,
        sourceRef: r.source_ref,
      })),
      {
        value,
        from: input.validFrom,
        to: validTo,
        sourceKind,
        sourceRef: input.source?.ref ?? null,
      },
    );
    await factRepository.supersede(trx, s.county, plan.supersede);
    await insertFactRows(
      trx,
      plan.insert.map((r) => ({
        county: s.county,
        subject_type: s.type,
        subject_id: s.id,
        name: input.name,
        value: JSON.stringify(r.value),
        valid_from: r.from,
        valid_to: r.to,
        source_kind: r.sourceKind,
        source_ref: r.sourceRef,
        recorded_by: actor.accountId,
        superseded_at: null,
      })),
    );
    await recordAudit(trx, actor, {
      action: 'fact.set',
      entityType: s.type,
      entityId: s.id,
      details: {
        fact: input.name,
        validFrom: input.validFrom,
        validTo,
        source: sourceKind,
        superseded: plan.supersede,
      },
    });
    return (await factRepository.current(trx, s, input.name)).map((r) => mapFact(r));
  }
}
