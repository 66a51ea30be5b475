import { sql } from 'kysely';
import { createAccount, systemActor, type Role } from '../modules/access/index.js';
import { createApplication, reviewApplication } from '../modules/applications/index.js';
import { childrenOf, divisionName } from '../modules/divisions/index.js';
import { applyImportFacts, importList, runCrossChecks } from '../modules/exchange/index.js';
import { listFunds, setBudget } from '../modules/funds/index.js';
import { seedRegistry } from '../modules/registry/seed/seed-registry.js';
import { todayInChina } from '../shared/dates/calendar-date.js';
import { makeIdNumber } from '../shared/identity/index.js';
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
  const work = await seedDemoWork(ctx, clerkVillage);
  await seedDemoList(ctx);
  return { persons: DEMO_PERSONS, enterprises: DEMO_ENTERPRISES, accounts: demoAccounts.length, ...work };
}

/** A demo yearly budget per fund and programme (demo figures, not the city's). */
const DEMO_BUDGET_FEN = 100_000_000;

/**
 * Work in progress for the demo: this year's budgets for every programme paid from a fund, and a few
 * 人才安家补助 applications made at the village desk, through the real review chain — one waiting at the
 * village, one at the township, one approved with its money committed (ready for a payment batch).
 */
async function seedDemoWork(ctx: AppContext, village: string) {
  const on = todayInChina();
  const year = Number(on.slice(0, 4));
  const finance = { ...systemActor('cli', 'demo'), role: 'financeOfficer' as const, division: '211382' };
  const engine = ctx.rules.engineFor(on);
  const funds = await listFunds(ctx, finance);
  let budgets = 0;
  for (const p of engine.pack.programmes) {
    const fund = funds.find((f) => f.name === p.source.fund);
    if (!fund || p.source.kind !== 'subsidy') continue;
    await setBudget(ctx, finance, fund.code, {
      year,
      programmeId: p.source.id,
      amountFen: DEMO_BUDGET_FEN,
      onExhausted: 'warn',
    });
    budgets += 1;
  }
  const as = (role: Role, division: string) => ({ ...systemActor('cli', 'demo'), role, division });
  const clerk = as('villageClerk', village);
  const town = as('townshipOfficer', village.slice(0, 9));
  const approver = as('cityApprover', '211382');
  const applicants = await sql<{ id: number }>`
    SELECT id FROM persons WHERE residence_division = ${village} ORDER BY id DESC LIMIT 3`.execute(ctx.db);
  const declared = { talent: { category: 'C', arrivedOn: '2019-03-01', firstHomeInLingyuan: true } };
  let applications = 0;
  for (const [i, p] of applicants.rows.entries()) {
    const a = await createApplication(ctx, clerk, {
      programmeId: 'talent-housing-grant',
      applicant: { type: 'person', id: p.id },
      declared,
      submit: true,
    });
    applications += 1;
    if (i >= 1) await reviewApplication(ctx, clerk, a.id, { action: 'approve', comment: '演示：材料齐全' });
    if (i >= 2) {
      await reviewApplication(ctx, town, a.id, { action: 'approve', comment: '演示：审核通过' });
      await reviewApplication(ctx, approver, a.id, { action: 'approve' });
    }
  }
  return { budgets, applications };
}

/**
 * A small 低保 list from civil affairs for the 数据交换 pages: a few persons of the demo township as they
 * are, one name mistyped, one number missing, one person from elsewhere and one unusable row — so the
 * matching results show every status and two candidates wait for a reviewer.
 */
async function seedDemoList(ctx: AppContext) {
  const rows = await sql<{ name: string; id_number_enc: Buffer; birth_date: string; sex: string }>`
    SELECT name, id_number_enc, birth_date, sex FROM persons WHERE township = ${DEMO_TOWNSHIP}
    ORDER BY id LIMIT 5`.execute(ctx.db);
  if (rows.rows.length < 5) return;
  const town = divisionName(DEMO_TOWNSHIP) ?? '';
  const sex = (s: string) => (s === 'female' ? '女' : '男');
  const lines = rows.rows.map((r, i) => {
    const id = ctx.cipher.decrypt(r.id_number_enc);
    if (i === 3)
      return [r.name.slice(0, -1) + (r.name.endsWith('明') ? '亮' : '明'), id, sex(r.sex), '', town];
    if (i === 4) return [r.name, '', sex(r.sex), r.birth_date, town];
    return [r.name, id, sex(r.sex), '', town];
  });
  lines.push(
    ['周大勇', makeIdNumber('130102', '1970-04-04', 55, 'male'), '男', '', ''],
    ['', '12345', '', '', ''],
  );
  const csv = [['姓名', '公民身份号码', '性别', '出生日期', '乡镇（街道）'], ...lines]
    .map((l) => l.join(','))
    .join('\r\n');
  const today = todayInChina();
  const city = { ...systemActor('cli', 'demo'), division: '211382' };
  const s = await importList(ctx, city, {
    kind: 'low-income',
    fileName: `演示-低保名单-${today.slice(0, 7)}.csv`,
    content: Buffer.from(csv, 'utf8'),
    asOf: today,
  });
  // The list's certain matches become 低保 facts, and the cross-checks run once over the demo.
  await applyImportFacts(ctx, city, s.import, { refresh: 'none' });
  await runCrossChecks(ctx, city);
}
