import { sql, type Kysely } from 'kysely';
import type { AnyDb } from '../../../platform/db/database.js';
import { lingyuan } from '../domain/division-tree.js';
import type { DivisionTables } from './tables.js';

/**
 * Bring the `divisions` table in line with the committed data set (reference data, not user data):
 * insert new records, update changed ones. Runs after migrations at every start; idempotent.
 */
export async function syncDivisions(anyDb: AnyDb): Promise<number> {
  const db = anyDb as unknown as Kysely<DivisionTables>;
  const rows = lingyuan.records.map((d) => ({
    code: d.code,
    valid_from: d.validFrom,
    valid_to: d.validTo,
    name: d.name,
    level: d.level,
    kind: d.kind,
    parent_code: d.parent,
    source: d.source,
  }));
  let changed = 0;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) {
      const r = await trx
        .insertInto('divisions')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc
            .columns(['code', 'valid_from'])
            .doUpdateSet({
              valid_to: (eb) => eb.ref('excluded.valid_to'),
              name: (eb) => eb.ref('excluded.name'),
              level: (eb) => eb.ref('excluded.level'),
              kind: (eb) => eb.ref('excluded.kind'),
              parent_code: (eb) => eb.ref('excluded.parent_code'),
              source: (eb) => eb.ref('excluded.source'),
            })
            .where(
              sql<boolean>`(divisions.valid_to, divisions.name, divisions.level, divisions.kind, divisions.parent_code, divisions.source) IS DISTINCT FROM (excluded.valid_to, excluded.name, excluded.level, excluded.kind, excluded.parent_code, excluded.source)`,
            ),
        )
        .executeTakeFirst();
      changed += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
  });
  return changed;
}
