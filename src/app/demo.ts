import { sql } from 'kysely';
import { createAccount, systemActor, type Role } from '../modules/access/index.js';
import { childrenOf } from '../modules/divisions/index.js';
import { seedRegistry } from '../modules/registry/seed/seed-registry.js';
import { todayInChina } from '../shared/dates/calendar-date.js';
import type { AppContext } from './app-context.js';

/** The demo password of every demo account (README, "Demo accounts"). Demo data only: never in production. */
export const DEMO_PASSWORD = 'jiuye-demo-2019';
export const DEMO_PERSONS = 2000;
export const DEMO_ENTERPRISES = 100;
export const DEMO_SEED = 2019;
/** 万元店镇 and its first village: where the demo village clerk, township officer and citizen are. */
export const DEMO_TOWNSHIP = '211382101';

export const demoAccounts: {
  username: string;
  role: Role;
  level: 'county' | 'township' | 'village';
  displayName: string;
}[] = [
  { username: 'citizen', role: 'citizen', level: 'village', displayName: '演示群众' },
  { username: 'enterprise', role: 'enterprise', level: 'township', displayName: '演示企业' },
  { username: 'village', role: 'villageClerk', level: 'village', displayName: '演示村协理员' },
  { username: 'township', role: 'townshipOfficer', level: 'township', displayName: '演示乡镇经办' },
  { username: 'city', role: 'cityOfficer', level: 'county', displayName: '演示市人社经办' },
  { username: 'approver', role: 'cityApprover', level: 'county', displayName: '演示市人社审批' },
  { username: 'finance', role: 'financeOfficer', level: 'county', displayName: '演示财政经办' },
  { username: 'civil', role: 'civilAffairsLiaison', level: 'county', displayName: '演示民政联络员' },
  { username: 'leader', role: 'leader', level: 'county', displayName: '演示领导小组' },
  { username: 'policy', role: 'policyAdmin', level: 'county', displayName: '演示政策管理员' },
  { username: 'admin', role: 'systemAdmin', level: 'county', displayName: '演示系统管理员' },
  { username: 'auditor', role: 'auditor', level: 'county', displayName: '演示审计' },
];

/**
 * On the first start of an empty embedded database: a synthetic Lingyuan population and one demo
 * account per role. Returns what was created, or null when the database already had accounts.
 */
export async function ensureDemoData(ctx: AppContext) {
  const accounts = await sql<{ n: number }>`SELECT count(*)::int AS n FROM accounts`.execute(ctx.db);
  if (accounts.rows[0]!.n > 0) return null;
  const actor = systemActor('cli', 'demo');
  const persons = await sql<{ n: number }>`SELECT count(*)::int AS n FROM persons`.execute(ctx.db);
  if (persons.rows[0]!.n === 0) {
    await seedRegistry(ctx.database, ctx.cipher, actor, {
      persons: DEMO_PERSONS,
      enterprises: DEMO_ENTERPRISES,
      seed: DEMO_SEED,
      today: todayInChina(),
    });
  }
  const village = childrenOf(DEMO_TOWNSHIP)[0]!.code;
  const citizen = await sql<{ county: string; id: number; residence_division: string }>`
    SELECT county, id, residence_division FROM persons
    WHERE township = ${DEMO_TOWNSHIP} AND birth_date BETWEEN '1990-01-01' AND '2003-12-31'
    ORDER BY residence_division = ${village} DESC, id LIMIT 1`.execute(ctx.db);
  const enterprise = await sql<{ county: string; id: number; division: string }>`
    SELECT county, id, division FROM enterprises ORDER BY township = ${DEMO_TOWNSHIP} DESC, id LIMIT 1`.execute(
    ctx.db,
  );
  const citizenRow = citizen.rows[0];
  const enterpriseRow = enterprise.rows[0];
  const clerkVillage = citizenRow?.residence_division ?? village;
  for (const a of demoAccounts) {
    const division =
      a.role === 'citizen'
        ? clerkVillage
        : a.role === 'enterprise'
          ? (enterpriseRow?.division.slice(0, 9) ?? DEMO_TOWNSHIP)
          : a.level === 'village'
            ? clerkVillage
            : a.level === 'township'
              ? DEMO_TOWNSHIP
              : '211382';
    await createAccount(ctx.db, actor, {
      username: a.username,
      displayName: a.displayName,
      password: DEMO_PASSWORD,
      role: a.role,
      division,
      ...(a.role === 'citizen' && citizenRow
        ? { person: { county: citizenRow.county, id: citizenRow.id } }
        : {}),
      ...(a.role === 'enterprise' && enterpriseRow
        ? { enterprise: { county: enterpriseRow.county, id: enterpriseRow.id } }
        : {}),
    });
  }
  return { persons: DEMO_PERSONS, enterprises: DEMO_ENTERPRISES, accounts: demoAccounts.length };
}
