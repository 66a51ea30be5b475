import type { Selectable } from 'kysely';
import type { AnyDb, AnyTrx } from '../../../platform/db/database.js';
import { t } from './db.js';
import type { FundBudgetsTable, FundsTable } from './tables.js';

export type FundRow = Selectable<FundsTable>;
export type BudgetRow = Selectable<FundBudgetsTable>;

export const fundRepository = {
  list(db: AnyDb | AnyTrx): Promise<FundRow[]> {
    return t(db).selectFrom('funds').selectAll().orderBy('sort').execute();
  },
  /** A fund by its code or its Chinese name (as the policy pack names it). */
  find(db: AnyDb | AnyTrx, codeOrName: string): Promise<FundRow | undefined> {
    return t(db)
      .selectFrom('funds')
      .selectAll()
      .where((eb) => eb.or([eb('code', '=', codeOrName), eb('name', '=', codeOrName)]))
      .executeTakeFirst();
  },
};

export const budgetRepository = {
  list(db: AnyDb | AnyTrx, county: string, fund: string, year?: number): Promise<BudgetRow[]> {
    let q = t(db)
      .selectFrom('fund_budgets')
      .selectAll()
      .where('county', '=', county)
      .where('fund', '=', fund);
    if (year) q = q.where('year', '=', year);
    return q.orderBy('year', 'desc').orderBy('programme_id').execute();
  },
  /** The budget lines, locked for the rest of the transaction, in one order (no deadlocks between two). */
  async lock(
    trx: AnyTrx,
    lines: readonly { county: string; fund: string; year: number; programmeId: string }[],
  ): Promise<Map<string, BudgetRow>> {
    const found = new Map<string, BudgetRow>();
    const sorted = [...lines].sort((a, b) =>
      budgetKey(a.county, a.fund, a.year, a.programmeId) < budgetKey(b.county, b.fund, b.year, b.programmeId)
        ? -1
        : 1,
    );
    for (const l of sorted) {
      const row = await t(trx)
        .selectFrom('fund_budgets')
        .selectAll()
        .where('county', '=', l.county)
        .where('fund', '=', l.fund)
        .where('year', '=', l.year)
        .where('programme_id', '=', l.programmeId)
        .forUpdate()
        .executeTakeFirst();
      if (row) found.set(budgetKey(l.county, l.fund, l.year, l.programmeId), row);
    }
    return found;
  },
  upsert(trx: AnyTrx, row: Omit<BudgetRow, 'updated_at'>) {
    return t(trx)
      .insertInto('fund_budgets')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['county', 'fund', 'year', 'programme_id']).doUpdateSet({
          amount_fen: row.amount_fen,
          on_exhausted: row.on_exhausted,
          updated_by: row.updated_by,
          updated_at: new Date(),
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  },
};

export const budgetKey = (county: string, fund: string, year: number, programmeId: string) =>
  `${county}|${fund}|${year}|${programmeId}`;
