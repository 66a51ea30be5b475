import { sql } from 'kysely';
import type { AnyTrx, CopyFn } from '../../../platform/db/database.js';
import { factSchema } from '../../../shared/facts/vocabulary.js';
import { recordAudit, type Actor } from '../../access/index.js';
import { inForceOn, planFactChange, type FactPeriod } from '../domain/fact-periods.js';
import { insertFactRows, type NewFactRow } from '../infra/fact.repository.js';

/** What one department list says about one yes/no fact on its as-of date (issue 6, item 4). */
export interface ListFactChange {
  subjectType: 'person' | 'enterprise';
  county: string;
  /** A yes/no fact of the vocabulary: lowIncomeFamily, extremePoverty, registeredPoor, disabled, … */
  name: string;
  /** The list's as-of date: periods open and close on it. */
  asOf: string;
  /** The list, as the facts' source (source kind `department`). */
  sourceRef: string;
  /** On the list: the fact holds from `asOf` on, unless it already does. */
  present: readonly number[];
  /** On the previous list and not on this one: a period in force on `asOf` is closed there. */
  absent: readonly number[];
}

export interface ListFactResult {
  opened: number;
  closed: number;
  unchanged: number;
  /** The subjects whose facts changed (for 政策找人 to judge again). */
  changed: number[];
}

interface Row {
  id: number;
  subject_id: number;
  value: unknown;
  valid_from: string;
  valid_to: string | null;
  source_kind: string;
  source_ref: string | null;
}

const CHUNK = 20_000;

/**
 * Turn a department list into dated facts, in the caller's transaction: a subject on the list gets the
 * fact from the list's date (a period already in force is left as it is); a subject who was on the
 * previous list and is not on this one has the period in force closed on that date — closed, not deleted:
 * the row is superseded and re-inserted with its end. The caller has checked who may do this; the
 * change is audited here as one record with its counts. `copy` (from `Database.bulkLoad`) writes many
 * rows fast; without it rows are inserted in chunks.
 */
export async function applyListFacts(
  trx: AnyTrx,
  actor: Actor,
  change: ListFactChange,
  copy?: CopyFn,
): Promise<ListFactResult> {
  const schema = factSchema(change.subjectType, change.name);
  if (!schema?.safeParse(true).success) throw new Error(`${change.name} is not a yes/no fact`);
  // One writer of a fact per county at a time (two reviews of the same list, an import).
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`facts:${change.county}:${change.name}`}))`.execute(trx);
  const present = new Set(change.present);
  const absent = new Set([...change.absent].filter((id) => !present.has(id)));
  const ids = [...present, ...absent];
  const current = new Map<number, FactPeriod[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await sql<Row>`
      SELECT id, subject_id, value, valid_from, valid_to, source_kind, source_ref FROM facts
       WHERE county = ${change.county} AND subject_type = ${change.subjectType} AND name = ${change.name}
         AND superseded_at IS NULL AND subject_id = ANY(${ids.slice(i, i + CHUNK)}::bigint[])
       ORDER BY subject_id, valid_from
         FOR UPDATE`.execute(trx);
    for (const r of rows.rows) {
      const id = Number(r.subject_id);
      const list = current.get(id) ?? [];
      list.push({
        id: Number(r.id),
        value: r.value,
        from: r.valid_from,
        to: r.valid_to,
        sourceKind: r.source_kind,
        sourceRef: r.source_ref,
      });
      current.set(id, list);
    }
  }

  const on = change.asOf;
  const supersede: number[] = [];
  const insert: NewFactRow[] = [];
  const changed: number[] = [];
  let opened = 0;
  let closed = 0;
  let unchanged = 0;
  const row = (subjectId: number, p: Omit<FactPeriod, 'id'>): NewFactRow => ({
    county: change.county,
    subject_type: change.subjectType,
    subject_id: subjectId,
    name: change.name,
    value: JSON.stringify(p.value),
    valid_from: p.from,
    valid_to: p.to,
    source_kind: p.sourceKind as NewFactRow['source_kind'],
    source_ref: p.sourceRef,
    recorded_by: actor.accountId,
    superseded_at: null,
  });
  for (const id of present) {
    const rows = current.get(id) ?? [];
    const now = inForceOn(rows, on);
    if (now?.value === true && now.to === null) {
      unchanged++;
      continue;
    }
    const plan = planFactChange(rows, {
      value: true,
      from: on,
      to: null,
      sourceKind: 'department',
      sourceRef: change.sourceRef,
    });
    supersede.push(...plan.supersede);
    for (const p of plan.insert) insert.push(row(id, p));
    opened++;
    changed.push(id);
  }
  for (const id of absent) {
    const now = inForceOn(current.get(id) ?? [], on);
    if (now?.value !== true) {
      unchanged++;
      continue;
    }
    supersede.push(now.id);
    if (now.from < on) insert.push(row(id, { ...now, to: on }));
    closed++;
    changed.push(id);
  }

  for (let i = 0; i < supersede.length; i += CHUNK)
    await sql`UPDATE facts SET superseded_at = now()
               WHERE county = ${change.county} AND id = ANY(${supersede.slice(i, i + CHUNK)}::bigint[])`.execute(
      trx,
    );
  if (copy && insert.length > 1000) {
    const cols = [
      'county',
      'subject_type',
      'subject_id',
      'name',
      'value',
      'valid_from',
      'valid_to',
      'source_kind',
      'source_ref',
      'recorded_by',
    ] as const;
    await copy(
      'facts',
      cols,
      insert.map((r) => cols.map((c) => r[c] ?? null)),
    );
  } else {
    for (let i = 0; i < insert.length; i += 1000) await insertFactRows(trx, insert.slice(i, i + 1000));
  }
  await recordAudit(trx, actor, {
    action: 'fact.list',
    entityType: change.subjectType,
    entityId: change.sourceRef,
    details: { fact: change.name, asOf: on, source: change.sourceRef, opened, closed, unchanged },
  });
  return { opened, closed, unchanged, changed };
}
