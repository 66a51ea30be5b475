import { z } from 'zod';
import { HOME_COUNTY } from '../../../platform/config/config.js';
import { AppError } from '../../../platform/errors/index.js';
import { todayInChina } from '../../../shared/dates/calendar-date.js';
import { covers, requirePermission, type Actor } from '../../access/index.js';
import { countApplicationsByDivision } from '../../applications/index.js';
import { childrenOf, getDivision, type Division } from '../../divisions/index.js';
import { fundTotals, moneyByDivision } from '../../funds/index.js';
import { countPersonsWithFactByDivision } from '../../registry/index.js';
import type { RulesService } from '../../rules/index.js';
import { countOpenRegistrationsByDivision } from '../../services/index.js';
import type { AnyDb } from '../../../platform/db/database.js';
import { groupingFor } from '../domain/grouping.js';

export const APPLICATION_STATUSES = [
  'draft',
  'inReview',
  'returned',
  'approved',
  'rejected',
  'withdrawn',
] as const;
type Status = (typeof APPLICATION_STATUSES)[number];

export const DashboardQuerySchema = z.strictObject({
  /** The division to look at (default: the viewer's own); any division beneath the viewer's. */
  division: z
    .string()
    .regex(/^\d{6}(\d{3}(\d{3})?)?$/)
    .optional(),
  /** The year of applications and money (default: this year). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

const ByStatusSchema = z.object(
  Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, z.number()])) as Record<Status, z.ZodNumber>,
);
const FiguresSchema = z.object({
  applications: z.number().describe('申请件数（当年）'),
  byStatus: ByStatusSchema,
  committedFen: z.number().describe('当年已承诺资金（含已支付，分）'),
  paidFen: z.number().describe('当年已支付（分）'),
  registeredUnemployed: z.number().describe('登记失业人员（未注销的失业登记）'),
  difficultyPersons: z.number().describe('已认定的就业困难人员'),
});
export type Figures = z.infer<typeof FiguresSchema>;

const DivisionRefSchema = z.object({ code: z.string(), name: z.string(), level: z.string() });

export const DashboardSchema = z.object({
  division: DivisionRefSchema,
  /** From the viewer's own division down to this one (a breadcrumb). */
  path: z.array(DivisionRefSchema),
  year: z.number(),
  asOf: z.string(),
  totals: FiguresSchema,
  children: z.array(
    DivisionRefSchema.extend({ figures: FiguresSchema, hasChildren: z.boolean() }).describe('下级行政区划'),
  ),
  /** Records whose place is the division itself or a former child (not one of today's children). */
  unplaced: FiguresSchema.nullable(),
  byProgramme: z.array(
    z.object({ programme: z.string(), name: z.string(), applications: z.number(), byStatus: ByStatusSchema }),
  ),
  funds: z.array(
    z.object({
      fund: z.string(),
      name: z.string(),
      nameEn: z.string(),
      budgetFen: z.number().describe('全市当年预算（分）'),
      committedFen: z.number().describe('全市当年已承诺（含已支付，分）'),
      paidFen: z.number().describe('全市当年已支付（分）'),
      committedHereFen: z.number().describe('本区划当年已承诺（分）'),
      paidHereFen: z.number().describe('本区划当年已支付（分）'),
    }),
  ),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export interface MonitoringContext {
  db: AnyDb;
  rules: RulesService;
  today?: (() => string) | undefined;
}

const ref = (d: Division) => ({ code: d.code, name: d.shortName, level: d.level });

const empty = (): Figures => ({
  applications: 0,
  byStatus: Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<Status, number>,
  committedFen: 0,
  paidFen: 0,
  registeredUnemployed: 0,
  difficultyPersons: 0,
});

/**
 * The dashboard of one division: per child division, applications by status (and, for the whole
 * division, by programme), money committed and paid this year against the funds' budgets, registered
 * unemployed and identified employment-difficulty persons. Aggregates only, one grouped query per
 * source through each module's door. A division outside the viewer's jurisdiction is not found.
 */
export async function divisionDashboard(
  ctx: MonitoringContext,
  actor: Actor,
  q: DashboardQuery,
): Promise<Dashboard> {
  requirePermission(actor, 'monitoring.read');
  const asOf = ctx.today?.() ?? todayInChina();
  const year = q.year ?? Number(asOf.slice(0, 4));
  const own = actor.division || HOME_COUNTY;
  const code = q.division ?? own;
  const division = getDivision(code);
  if (!division || division.validTo !== null || !covers(actor, code))
    throw new AppError('NOT_FOUND', { path: 'division', zh: '找不到该行政区划，或不在您的管辖范围内' });

  const grouping = groupingFor(code);
  const window = { from: `${year}-01-01`, to: `${year}-12-31` };
  const [apps, money, funds, unemployed, difficulty] = await Promise.all([
    countApplicationsByDivision(ctx, actor, { ...grouping, ...window }),
    moneyByDivision(ctx, actor, { ...grouping, year }),
    fundTotals(ctx, actor, { county: code.slice(0, 6), year }),
    countOpenRegistrationsByDivision(ctx, actor, { ...grouping, asOf }),
    countPersonsWithFactByDivision(ctx, actor, { ...grouping, fact: 'employmentDifficulty', asOf }),
  ]);

  const children = division.level === 'village' ? [] : childrenOf(code);
  const byChild = new Map<string, Figures>(children.map((c) => [c.code, empty()]));
  const unplaced = empty();
  const totals = empty();
  // Rows counted in the division's totals and under its child (or unplaced; a village has no child).
  const at = (d: string): Figures[] => {
    const child = byChild.get(d) ?? (division.level === 'village' ? undefined : unplaced);
    return child ? [child, totals] : [totals];
  };
  const programmes = new Map<string, Dashboard['byProgramme'][number]>();
  const engine = ctx.rules.engineFor(asOf);
  for (const r of apps) {
    for (const f of at(r.division)) {
      f.applications += r.count;
      f.byStatus[r.status] += r.count;
    }
    let p = programmes.get(r.programme);
    if (!p) {
      p = {
        programme: r.programme,
        name: engine.pack.programmeById.get(r.programme)?.source.name ?? r.programme,
        applications: 0,
        byStatus: empty().byStatus,
      };
      programmes.set(r.programme, p);
    }
    p.applications += r.count;
    p.byStatus[r.status] += r.count;
  }
  const here = new Map<string, { committedFen: number; paidFen: number }>();
  for (const r of money) {
    for (const f of at(r.division)) {
      f.committedFen += r.committedFen;
      f.paidFen += r.paidFen;
    }
    const h = here.get(r.fund) ?? { committedFen: 0, paidFen: 0 };
    h.committedFen += r.committedFen;
    h.paidFen += r.paidFen;
    here.set(r.fund, h);
  }
  for (const r of unemployed) for (const f of at(r.division)) f.registeredUnemployed += r.count;
  for (const r of difficulty) for (const f of at(r.division)) f.difficultyPersons += r.count;

  const path = [6, 9, 12]
    .filter((n) => n <= code.length && n >= Math.max(6, own.length))
    .map((n) => getDivision(code.slice(0, n)))
    .filter((d): d is Division => d !== undefined);
  const isEmpty = (f: Figures) =>
    !f.applications && !f.committedFen && !f.registeredUnemployed && !f.difficultyPersons;
  return {
    division: ref(division),
    path: path.map(ref),
    year,
    asOf,
    totals,
    children: children.map((c) => ({
      ...ref(c),
      figures: byChild.get(c.code)!,
      hasChildren: c.level !== 'village' && childrenOf(c.code).length > 0,
    })),
    unplaced: isEmpty(unplaced) ? null : unplaced,
    byProgramme: [...programmes.values()].sort(
      (a, b) => b.applications - a.applications || a.programme.localeCompare(b.programme),
    ),
    funds: funds.map((f) => ({
      ...f,
      committedHereFen: here.get(f.fund)?.committedFen ?? 0,
      paidHereFen: here.get(f.fund)?.paidFen ?? 0,
    })),
  };
}
