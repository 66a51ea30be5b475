import type { Actor } from '../../access/index.js';
import { assemblePersonFacts, type RegistryContext } from '../../registry/index.js';
import { maskIdNumber } from '../../../shared/identity/index.js';
import type { RulesEngine } from '../domain/engine.js';
import { contractResult } from '../domain/evaluate.js';

export interface EvaluateRegisteredPerson {
  personId?: number | undefined;
  idNumber?: string | undefined;
  date: string;
  programmes?: string[] | undefined;
  parameters?: Record<string, unknown> | undefined;
}

/**
 * Evaluate a person of the registry on a date: the facts are assembled from what the registry knew that
 * day (with their sources), then judged by the engine exactly as a case sent by a caller would be.
 */
export async function evaluateRegisteredPerson(
  ctx: RegistryContext,
  actor: Actor,
  engine: RulesEngine,
  input: EvaluateRegisteredPerson,
) {
  const assembled = await assemblePersonFacts(
    ctx,
    actor,
    { personId: input.personId, idNumber: input.idNumber },
    input.date,
  );
  const r = engine.evaluateCase({
    date: input.date,
    ...(input.programmes ? { programmes: input.programmes } : {}),
    ...(input.parameters ? { parameters: input.parameters } : {}),
    person: assembled.facts,
  });
  const facts = { ...assembled.facts, idNumber: maskIdNumber(String(assembled.facts.idNumber)) };
  return {
    date: r.date,
    pack: r.pack,
    personId: assembled.personId,
    results: r.results.map(contractResult),
    facts,
    sources: assembled.sources,
  };
}
