import { sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { isCalendarDate } from '../../../shared/dates/calendar-date.js';
import {
  listOnlyEnterpriseFactSchemas,
  listOnlyPersonFactSchemas,
} from '../../../shared/facts/vocabulary.js';
import { copyTextRows } from '../../../platform/db/copy-text.js';
import { requirePermission, type Actor } from '../../access/index.js';
import { analyzeRegistry } from '../infra/statistics.js';

/** One subject as a scan reads it: where it is, and its facts in force on the date. */
export interface ScanSubject {
  type: 'person' | 'enterprise';
  county: string;
  id: number;
  division: string;
  birthDate: string | null;
  sex: string | null;
  /** Own facts in force, and (for a person) the household's facts where the person has none of their own. */
  facts: Record<string, unknown>;
  /** On a list of deaths (fact `deceased` in force): judged, but never proposed for a programme. */
  deceased: boolean;
}

/** Facts kept from department lists that no programme reads: not handed to the rules engine. */
const LIST_ONLY = new Set([
  ...Object.keys(listOnlyPersonFactSchemas),
  ...Object.keys(listOnlyEnterpriseFactSchemas),
]);

function forRules(facts: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(facts).some((k) => LIST_ONLY.has(k))) return facts;
  return Object.fromEntries(Object.entries(facts).filter(([k]) => !LIST_ONLY.has(k)));
}

export interface ScanQuery {
  type: 'person' | 'enterprise';
  /** Division code prefix (the jurisdiction); '' for everything. */
  scope: string;
  date: string;
  /** Only subjects whose record or facts changed after this instant (an incremental scan). */
  changedSince?: Date | undefined;
  /** Subjects per chunk. */
  chunk?: number;
  /**
   * Only subjects that have at least one of these facts in force (own, or their household's): the
   * others cannot qualify for any programme that requires one of them, so they are not read at all.
   */
  having?: string[] | undefined;
}

const inForce = (alias: string, date: string) =>
  `${alias}.valid_from <= '${date}' AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > '${date}')`;

/**
 * Stream the subjects in scope with their facts as known on a date, chunk by chunk. Each chunk is three
 * plain `COPY (SELECT …) TO` reads — the records, their facts in force, their household memberships —
 * put together here; the households' facts are read once. The fastest way out of either database.
 */
export async function* subjectsForScan(
  database: Database,
  actor: Actor,
  q: ScanQuery,
): AsyncGenerator<ScanSubject[]> {
  requirePermission(actor, 'registry.read');
  if (!isCalendarDate(q.date) || !/^\d{0,12}$/.test(q.scope) || !q.scope.startsWith(actor.division)) {
    throw new Error('subjectsForScan: bad date or scope');
  }
  await analyzeRegistry(database.db, true);
  const date = q.date;
  const chunk = q.chunk ?? 50_000;
  const person = q.type === 'person';
  const table = person ? 'persons' : 'enterprises';
  const divisionCol = person ? 'residence_division' : 'division';
  const counties =
    q.scope.length >= 6
      ? [q.scope.slice(0, 6)]
      : (
          await sql<{ county: string }>`SELECT DISTINCT county FROM ${sql.table(table)}`.execute(database.db)
        ).rows.map((r) => r.county);
  for (const county of counties) {
    if (!/^\d{6}$/.test(county))
      throw new Error(`subjectsForScan: bad county code in the registry: ${county}`);
    const scopeFilter = q.scope.length > 6 ? ` AND ${divisionCol} LIKE '${q.scope}%'` : '';
    const householdFacts = person ? await factsBySubject(database, county, 'household', '', date) : new Map();

    const readChunk = async (idFilter: (col: string) => string): Promise<ScanSubject[]> => {
      const records = await database.copyOut(
        person
          ? `SELECT id, residence_division, birth_date, sex FROM persons WHERE county = '${county}'${idFilter('id')}${scopeFilter}`
          : `SELECT id, division, NULL, NULL FROM enterprises WHERE county = '${county}'${idFilter('id')}${scopeFilter}`,
      );
      const facts = await factsBySubject(database, county, q.type, idFilter('subject_id'), date);
      const households = new Map<number, number>();
      if (person) {
        const m = await database.copyOut(
          `SELECT person_id, household_id FROM household_members WHERE county = '${county}'${idFilter('person_id')} AND ${inForce('household_members', date)}`,
        );
        for (const [pid, hid] of copyTextRows(m)) households.set(Number(pid), Number(hid));
      }
      const out: ScanSubject[] = [];
      for (const [id, division, birthDate, sex] of copyTextRows(records)) {
        const n = Number(id);
        const own = facts.get(n);
        const hid = households.get(n);
        const inherited = hid === undefined ? undefined : householdFacts.get(hid);
        const all = inherited ? { ...inherited, ...own } : (own ?? {});
        out.push({
          type: q.type,
          county,
          id: n,
          division: division!,
          birthDate: birthDate ?? null,
          sex: sex ?? null,
          facts: forRules(all),
          deceased: all.deceased === true,
        });
      }
      return out;
    };

    if (q.having?.length) {
      if (!q.having.every((n) => /^[a-zA-Z]+$/.test(n))) throw new Error('subjectsForScan: bad fact name');
      const names = q.having.map((n) => `'${n}'`).join(',');
      const candidates = await sql
        .raw<{ id: number }>(
          `
        SELECT subject_id AS id FROM facts
          WHERE county = '${county}' AND subject_type = '${q.type}' AND name IN (${names})
            AND superseded_at IS NULL AND ${inForce('facts', date)}
        ${
          person
            ? `UNION SELECT m.person_id FROM household_members m JOIN facts f
                 ON f.county = m.county AND f.subject_type = 'household' AND f.subject_id = m.household_id
               WHERE m.county = '${county}' AND f.name IN (${names}) AND f.superseded_at IS NULL
                 AND ${inForce('f', date)} AND ${inForce('m', date)}`
            : ''
        }
        ORDER BY 1`,
        )
        .execute(database.db);
      const ids = candidates.rows.map((r) => Number(r.id));
      // Candidates are few: larger chunks, each an index probe per id (= ANY of an array).
      const size = chunk * 4;
      for (let i = 0; i < ids.length; i += size) {
        const list = `'{${ids.slice(i, i + size).join(',')}}'::bigint[]`;
        yield await readChunk((col) => ` AND ${col} = ANY(${list})`);
      }
      continue;
    }
    if (q.changedSince) {
      const t = q.changedSince.toISOString();
      const changed = await sql<{ id: number }>`
        SELECT subject_id AS id FROM facts
          WHERE county = ${county} AND subject_type = ${q.type}
            AND (recorded_at > ${t}::timestamptz OR superseded_at > ${t}::timestamptz)
        UNION SELECT id FROM ${sql.table(table)} WHERE county = ${county} AND updated_at > ${t}::timestamptz
        ${
          person
            ? sql`UNION SELECT m.person_id FROM household_members m JOIN facts f
                    ON f.county = m.county AND f.subject_type = 'household' AND f.subject_id = m.household_id
                  WHERE m.county = ${county} AND (f.recorded_at > ${t}::timestamptz OR f.superseded_at > ${t}::timestamptz)`
            : sql``
        }
        ORDER BY 1`.execute(database.db);
      const ids = changed.rows.map((r) => Number(r.id));
      for (let i = 0; i < ids.length; i += 5000) {
        const list = ids.slice(i, i + 5000).join(',');
        yield await readChunk((col) => ` AND ${col} IN (${list})`);
      }
      continue;
    }
    const range = await sql<{ lo: number | null; hi: number | null }>`
      SELECT min(id) AS lo, max(id) AS hi FROM ${sql.table(table)} WHERE county = ${county}`.execute(
      database.db,
    );
    const { lo, hi } = range.rows[0]!;
    if (lo === null || hi === null) continue;
    for (let from = lo; from <= hi; from += chunk) {
      const to = from + chunk;
      yield await readChunk((col) => ` AND ${col} >= ${from} AND ${col} < ${to}`);
    }
  }
}

/** The facts in force on a date of one kind of subject (within an id filter), by subject id. */
async function factsBySubject(
  database: Database,
  county: string,
  type: string,
  idFilter: string,
  date: string,
): Promise<Map<number, Record<string, unknown>>> {
  const text = await database.copyOut(
    `SELECT subject_id, name, value FROM facts WHERE county = '${county}' AND subject_type = '${type}'${idFilter}
       AND superseded_at IS NULL AND ${inForce('facts', date)}`,
  );
  const out = new Map<number, Record<string, unknown>>();
  for (const [id, name, value] of copyTextRows(text)) {
    const n = Number(id);
    let f = out.get(n);
    if (!f) out.set(n, (f = {}));
    f[name!] = JSON.parse(value!);
  }
  return out;
}
