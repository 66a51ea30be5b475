import type { Database } from '../../../platform/db/database.js';
import { sql } from 'kysely';
import type { RulesEngine } from '../../rules/index.js';
import { placeAt, stepFrom } from '../domain/chain.js';

/**
 * Synthetic applications for benchmarks (never for a real installation): for the given persons, one
 * application each of a person-side programme, most of them waiting at some step of their chain, some
 * decided. Loaded with COPY in one transaction. Their decisions say they are synthetic.
 */
export async function seedSyntheticApplications(
  database: Database,
  engine: RulesEngine,
  persons: ReadonlyArray<{ county: string; id: number; division: string }>,
  opts: { date: string; seed?: number },
): Promise<number> {
  const programmes = engine.pack.programmes
    .map((p) => engine.processOf(p.source.id))
    .filter((p) => p !== undefined && p.programme.audience !== 'enterprise');
  let x = opts.seed ?? 1;
  const rand = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  const day = (back: number) =>
    new Date(Date.parse(opts.date) - back * 86_400_000).toISOString().slice(0, 10);
  const rows: unknown[][] = [];
  for (const p of persons) {
    const process = programmes[Math.floor(rand() * programmes.length)]!;
    const steps = process.steps;
    const on = day(Math.floor(rand() * 30));
    const r = rand();
    const status = r < 0.75 ? 'inReview' : r < 0.9 ? 'approved' : r < 0.95 ? 'rejected' : 'withdrawn';
    const index =
      stepFrom(steps, p.division, Math.floor(rand() * steps.length)) ?? stepFrom(steps, p.division, 0)!;
    const place = status === 'inReview' ? placeAt(steps, p.division, index, on) : undefined;
    const decision = {
      pack: engine.label,
      date: on,
      eligible: true,
      amount: 1000,
      components: [],
      reasons: [],
      missing: [],
      legalBasis: process.programme.legalBasis.document,
      fund: process.programme.fund,
      facts: {},
      sources: { synthetic: { kind: 'synthetic', ref: 'benchmark data' } },
      conflicts: [],
    };
    rows.push([
      p.county,
      process.programme.id,
      'person',
      p.id,
      p.division,
      status,
      rand() < 0.5 ? 'online' : 'desk',
      on,
      place?.step_index ?? null,
      place?.step_id ?? null,
      place?.step_role ?? null,
      place?.step_division ?? null,
      place?.step_started_on ?? null,
      place?.step_due_on ?? null,
      place?.notice_from ?? null,
      place?.notice_to ?? null,
      decision,
      100_000,
      status === 'inReview' ? null : on,
    ]);
  }
  await database.bulkLoad(async (copy) => {
    await copy(
      'applications',
      [
        'county',
        'programme_id',
        'subject_type',
        'subject_id',
        'division',
        'status',
        'channel',
        'applied_on',
        'step_index',
        'step_id',
        'step_role',
        'step_division',
        'step_started_on',
        'step_due_on',
        'notice_from',
        'notice_to',
        'decision',
        'amount_fen',
        'decided_on',
      ],
      rows,
    );
  });
  await sql`ANALYZE applications`.execute(database.db);
  return rows.length;
}
