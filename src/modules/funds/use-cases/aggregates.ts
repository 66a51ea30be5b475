import { sql } from 'kysely';
import { AppError } from '../../../platform/errors/index.js';
import { covers, requirePermission, type Actor } from '../../access/index.js';
import type { FundsContext } from '../funds-context.js';

export interface MoneyByDivision {
  /** The first `childLength` digits of the commitment's division. */
  division: string;
  fund: string;
  /** Committed this year and not released (what is paid included); loan guarantees are not counted. */
  committedFen: number;
  paidFen: number;
}

export interface FundTotal {
  fund: string;
  name: string;
  nameEn: string;
  /** The year's budget of the fund, all programmes (the budget is city-wide). */
  budgetFen: number;
  committedFen: number;
  paidFen: number;
}

const COUNTED = sql`status IN ('pending', 'unpaid', 'batched', 'sent', 'paid')`;

/**
 * Money committed and paid in a year under a division, by child division and fund (aggregates only: no
 * payee is named). One grouped query; monitoring's door.
 */
export async function moneyByDivision(
  ctx: Pick<FundsContext, 'db'>,
  actor: Actor,
  q: { prefix: string; childLength: number; year: number },
): Promise<MoneyByDivision[]> {
  requirePermission(actor, 'monitoring.read');
  if (!covers(actor, q.prefix)) throw new AppError('NOT_FOUND', { path: 'division' });
  const r = await sql<MoneyByDivision>`
    SELECT substr(division, 1, ${q.childLength}) AS division, fund,
           coalesce(sum(amount_fen) FILTER (WHERE ${COUNTED}), 0)::bigint AS "committedFen",
           coalesce(sum(amount_fen) FILTER (WHERE status = 'paid'), 0)::bigint AS "paidFen"
      FROM fund_commitments
     WHERE county = ${q.prefix.slice(0, 6)} AND year = ${q.year} AND division LIKE ${q.prefix + '%'}
     GROUP BY 1, 2
    HAVING count(*) FILTER (WHERE ${COUNTED}) > 0
     ORDER BY 1, 2`.execute(ctx.db);
  return r.rows.map((x) => ({ ...x, committedFen: Number(x.committedFen), paidFen: Number(x.paidFen) }));
}

/**
 * Each fund's budget for the year against what is committed and paid from it, county-wide (the
 * budget is the city's, whoever looks). Funds without a budget or money that year are left out.
 */
export async function fundTotals(
  ctx: Pick<FundsContext, 'db'>,
  actor: Actor,
  q: { county: string; year: number },
): Promise<FundTotal[]> {
  requirePermission(actor, 'monitoring.read');
  if (actor.division !== '' && actor.division.slice(0, 6) !== q.county)
    throw new AppError('NOT_FOUND', { path: 'division' });
  const r = await sql<FundTotal>`
    WITH b AS (
      SELECT fund, sum(amount_fen) AS budget FROM fund_budgets
       WHERE county = ${q.county} AND year = ${q.year} GROUP BY fund
    ), c AS (
      SELECT fund, sum(amount_fen) FILTER (WHERE ${COUNTED}) AS committed,
             sum(amount_fen) FILTER (WHERE status = 'paid') AS paid
        FROM fund_commitments WHERE county = ${q.county} AND year = ${q.year} GROUP BY fund
    )
    SELECT f.code AS fund, f.name, f.name_en AS "nameEn",
           coalesce(b.budget, 0)::bigint AS "budgetFen",
           coalesce(c.committed, 0)::bigint AS "committedFen",
           coalesce(c.paid, 0)::bigint AS "paidFen"
      FROM funds f LEFT JOIN b ON b.fund = f.code LEFT JOIN c ON c.fund = f.code
     WHERE b.budget IS NOT NULL OR c.committed IS NOT NULL
     ORDER BY f.sort, f.code`.execute(ctx.db);
  return r.rows.map((x) => ({
    ...x,
    budgetFen: Number(x.budgetFen),
    committedFen: Number(x.committedFen),
    paidFen: Number(x.paidFen),
  }));
}
