import type { Database } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import { covers, recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { subjectsForScan } from '../../registry/index.js';
import type { CompiledProgramme } from '../domain/compiled-pack.js';
import type { RulesEngine } from '../domain/engine.js';
import { toFen } from '../domain/money.js';
import { gatingFacts, programmesFor, subjectOf } from './run-scan.js';

export interface SimulationOptions {
  scope?: string | undefined;
  date: string;
  parameters: Record<string, unknown>;
  programmes?: string[] | undefined;
}

export interface SimulationCell {
  programme: string;
  township: string;
  baseline: { beneficiaries: number; cost: number };
  reform: { beneficiaries: number; cost: number };
}

export interface SimulationResult {
  pack: string;
  scope: string;
  date: string;
  parameters: Record<string, unknown>;
  /** Programmes whose rules read an overridden parameter: only these can change. */
  affected: string[];
  byProgramme: SimulationCell[];
  byProgrammeAndTownship: SimulationCell[];
  subjects: number;
  seconds: number;
}

/** Every parameter a programme's expressions read (conditions, components, lets, cap, version date). */
export function parametersRead(p: CompiledProgramme): Set<string> {
  const out = new Set<string>(p.versionDate?.params ?? []);
  for (const v of p.versions) {
    for (const e of [
      ...v.lets.map(([, x]) => x),
      ...v.conditions.map((c) => c.expr),
      ...v.components.flatMap((c) => (c.when ? [c.when, c.amount] : [c.amount])),
      ...(v.cap ? [v.cap] : []),
    ]) {
      for (const id of e.params) out.add(id);
    }
  }
  return out;
}

/**
 * What would a parameter change cost? Every subject in scope is judged under the current parameters and
 * under the overrides, in one pass over the registry; programmes that read no overridden parameter are
 * judged once and count the same on both sides. Beneficiaries and cost per programme and per township.
 * Nothing is stored.
 */
export async function simulate(
  database: Database,
  actor: Actor,
  engine: RulesEngine,
  opts: SimulationOptions,
): Promise<SimulationResult> {
  requirePermission(actor, 'rules.simulate');
  const scope = opts.scope ?? actor.division;
  if (!covers(actor, scope)) throw new AppError('DIVISION_OUT_OF_SCOPE', { path: 'scope' });
  const overrides = engine.overrides(opts.parameters);
  if (!overrides.size) {
    throw new AppError('VALIDATION_FAILED', {
      path: 'parameters',
      zh: '请至少调整一个政策参数',
      en: 'Give at least one parameter override',
    });
  }
  const started = performance.now();
  const all = opts.programmes
    ? opts.programmes.map((id) => {
        const p = engine.pack.programmeById.get(id);
        if (!p) throw new AppError('UNKNOWN_PROGRAMME', { path: 'programmes', zh: `未知的政策项目：${id}` });
        return p;
      })
    : engine.pack.programmes.filter((p) => p.source.kind !== 'service');
  const changed = new Set(overrides.keys());
  const affected = all.filter((p) => [...parametersRead(p)].some((id) => changed.has(id)));
  const baseParams = engine.params(opts.date, new Map());
  const reformParams = engine.params(opts.date, overrides);
  const cells = new Map<string, SimulationCell>();
  const cell = (programme: string, township: string) => {
    const key = `${programme}|${township}`;
    let c = cells.get(key);
    if (!c) {
      c = {
        programme,
        township,
        baseline: { beneficiaries: 0, cost: 0 },
        reform: { beneficiaries: 0, cost: 0 },
      };
      cells.set(key, c);
    }
    return c;
  };
  let subjects = 0;
  for (const type of ['person', 'enterprise'] as const) {
    const mine = programmesFor(all, type);
    const mineAffected = programmesFor(affected, type);
    if (!mine.length) continue;
    for await (const chunk of subjectsForScan(database, actor, {
      type,
      scope,
      date: opts.date,
      having: gatingFacts(mine, type),
    })) {
      for (const s of chunk) {
        subjects += 1;
        const subject = subjectOf(s);
        const township = s.division.slice(0, 9);
        for (const r of engine.evaluateSubject(type, subject, opts.date, baseParams, mine)) {
          if (r.eligible !== true) continue;
          const c = cell(r.programme, township);
          c.baseline.beneficiaries += 1;
          c.baseline.cost += toFen(r.amount);
          if (!mineAffected.some((p) => p.source.id === r.programme)) {
            c.reform.beneficiaries += 1;
            c.reform.cost += toFen(r.amount);
          }
        }
        for (const r of engine.evaluateSubject(type, subject, opts.date, reformParams, mineAffected)) {
          if (r.eligible !== true) continue;
          const c = cell(r.programme, township);
          c.reform.beneficiaries += 1;
          c.reform.cost += toFen(r.amount);
        }
      }
    }
  }
  const fen = (c: SimulationCell): SimulationCell => ({
    ...c,
    baseline: { beneficiaries: c.baseline.beneficiaries, cost: c.baseline.cost / 100 },
    reform: { beneficiaries: c.reform.beneficiaries, cost: c.reform.cost / 100 },
  });
  const byTownship = [...cells.values()].sort(
    (a, b) => a.programme.localeCompare(b.programme) || a.township.localeCompare(b.township),
  );
  const byProgramme = new Map<string, SimulationCell>();
  for (const c of byTownship) {
    const t = byProgramme.get(c.programme) ?? {
      programme: c.programme,
      township: scope,
      baseline: { beneficiaries: 0, cost: 0 },
      reform: { beneficiaries: 0, cost: 0 },
    };
    t.baseline.beneficiaries += c.baseline.beneficiaries;
    t.baseline.cost += c.baseline.cost;
    t.reform.beneficiaries += c.reform.beneficiaries;
    t.reform.cost += c.reform.cost;
    byProgramme.set(c.programme, t);
  }
  const result: SimulationResult = {
    pack: engine.label,
    scope,
    date: opts.date,
    parameters: Object.fromEntries(overrides),
    affected: affected.map((p) => p.source.id),
    byProgramme: [...byProgramme.values()].map(fen),
    byProgrammeAndTownship: byTownship.map(fen),
    subjects,
    seconds: (performance.now() - started) / 1000,
  };
  await database.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'rules.simulate',
      details: { scope, date: opts.date, parameters: result.parameters, subjects },
    }),
  );
  return result;
}
