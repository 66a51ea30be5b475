import { sql, type Kysely, type Selectable } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import type { RulesPackVersionsTable, RulesTables } from './tables.js';

const t = (db: AnyDb | AnyTrx) => db as unknown as Kysely<RulesTables>;
export type PackVersionRow = Selectable<RulesPackVersionsTable>;

export const packVersionRepository = {
  insert(
    db: AnyDb | AnyTrx,
    row: { pack: string; version: string; sources: string; checksum: string; loaded_by: string },
  ) {
    return t(db)
      .insertInto('rules_pack_versions')
      .values(row)
      .onConflict((oc) => oc.columns(['pack', 'version']).doNothing())
      .returningAll()
      .executeTakeFirst();
  },
  find(db: AnyDb | AnyTrx, pack: string, version: string) {
    return t(db)
      .selectFrom('rules_pack_versions')
      .selectAll()
      .where('pack', '=', pack)
      .where('version', '=', version)
      .executeTakeFirst();
  },
  list(db: AnyDb | AnyTrx, pack: string) {
    return t(db)
      .selectFrom('rules_pack_versions')
      .select([
        'id',
        'pack',
        'version',
        'checksum',
        'loaded_at',
        'loaded_by',
        'active_from',
        'activated_at',
        'activated_by',
      ])
      .where('pack', '=', pack)
      .orderBy('loaded_at')
      .execute();
  },
  /** Activated versions, by the date from which each applies. */
  activated(db: AnyDb | AnyTrx, pack: string) {
    return t(db)
      .selectFrom('rules_pack_versions')
      .selectAll()
      .where('pack', '=', pack)
      .where('active_from', 'is not', null)
      .orderBy('active_from')
      .orderBy('activated_at')
      .execute();
  },
  activate(db: AnyDb | AnyTrx, id: number, from: string, by: string) {
    return t(db)
      .updateTable('rules_pack_versions')
      .set({ active_from: from, activated_at: sql<Date>`now()`, activated_by: by })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },
};
