import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, systemActor, type Role } from '../../src/modules/access/index.js';
import { divisionDashboard, type Figures } from '../../src/modules/monitoring/index.js';
import { setUpMonitoringFigures, VILLAGE_A1, VILLAGE_A2, VILLAGE_B1 } from '../support/monitoring-fixture.js';
import { expectLedgerBalanced } from '../support/ledger.js';
import {
  actor,
  createTestApp,
  LINGYUAN,
  TOWNSHIP_A,
  TOWNSHIP_B,
  testServer,
  type TestApp,
} from '../support/test-app.js';

let app: TestApp;
let server: FastifyInstance;
let year: number;
const leader = actor('leader', LINGYUAN);
const townA = actor('townshipOfficer', TOWNSHIP_A);

const statuses = (s: Partial<Figures['byStatus']>) => ({
  draft: 0,
  inReview: 0,
  returned: 0,
  approved: 0,
  rejected: 0,
  withdrawn: 0,
  ...s,
});
const figures = (f: Partial<Figures>): Figures => ({
  applications: 0,
  byStatus: statuses({}),
  committedFen: 0,
  paidFen: 0,
  registeredUnemployed: 0,
  difficultyPersons: 0,
  ...f,
});

beforeAll(async () => {
  app = await createTestApp();
  server = await testServer(app);
  ({ year } = await setUpMonitoringFigures(app));
  await expectLedgerBalanced(app);
});
afterAll(async () => {
  await server.close();
  await app.destroy();
});

describe('monitoring dashboard', () => {
  it('gives the city’s figures per township, by programme, and the funds against their budgets', async () => {
    const d = await divisionDashboard(app, leader, {});
    expect(d.division).toEqual({ code: LINGYUAN, name: '凌源市', level: 'county' });
    expect(d.path.map((p) => p.code)).toEqual([LINGYUAN]);
    expect(d.year).toBe(year);
    expect(d.totals).toEqual(
      figures({
        applications: 7,
        byStatus: statuses({ approved: 3, inReview: 2, rejected: 1, draft: 1 }),
        committedFen: 2_300_000,
        paidFen: 300_000,
        registeredUnemployed: 3,
        difficultyPersons: 1,
      }),
    );
    expect(d.children.length).toBeGreaterThan(20);
    const a = d.children.find((c) => c.code === TOWNSHIP_A)!;
    expect(a).toMatchObject({ name: '万元店镇', level: 'township', hasChildren: true });
    expect(a.figures).toEqual(
      figures({
        applications: 5,
        byStatus: statuses({ approved: 2, inReview: 2, rejected: 1 }),
        committedFen: 300_000,
        paidFen: 300_000,
        registeredUnemployed: 2,
        difficultyPersons: 1,
      }),
    );
    expect(d.children.find((c) => c.code === TOWNSHIP_B)!.figures).toEqual(
      figures({
        applications: 2,
        byStatus: statuses({ approved: 1, draft: 1 }),
        committedFen: 2_000_000,
        registeredUnemployed: 1,
      }),
    );
    // Every other township is there with zeros; nothing is left unplaced.
    const others = d.children.filter((c) => c.code !== TOWNSHIP_A && c.code !== TOWNSHIP_B);
    expect(others.every((c) => c.figures.applications === 0 && c.figures.committedFen === 0)).toBe(true);
    expect(d.unplaced).toBeNull();
    expect(d.byProgramme).toEqual([
      {
        programme: 'internship-subsidy',
        name: '就业见习补贴',
        applications: 4,
        byStatus: statuses({ approved: 2, inReview: 2 }),
      },
      {
        programme: 'talent-housing-grant',
        name: expect.any(String),
        applications: 3,
        byStatus: statuses({ approved: 1, rejected: 1, draft: 1 }),
      },
    ]);
    expect(d.funds).toEqual([
      {
        fund: 'employment-subsidy',
        name: '就业补助资金',
        nameEn: expect.any(String),
        budgetFen: 10_000_000,
        committedFen: 300_000,
        paidFen: 300_000,
        committedHereFen: 300_000,
        paidHereFen: 300_000,
      },
      {
        fund: 'special',
        name: '专项资金',
        nameEn: expect.any(String),
        budgetFen: 5_000_000,
        committedFen: 2_000_000,
        paidFen: 0,
        committedHereFen: 2_000_000,
        paidHereFen: 0,
      },
    ]);
  });

  it('drills into a township per village, and into a village; last year’s applications are in their year', async () => {
    const t = await divisionDashboard(app, leader, { division: TOWNSHIP_A });
    expect(t.path.map((p) => p.code)).toEqual([LINGYUAN, TOWNSHIP_A]);
    expect(t.children.find((c) => c.code === VILLAGE_A1)).toMatchObject({
      name: '佐杖子村',
      level: 'village',
      hasChildren: false,
      figures: figures({
        applications: 4,
        byStatus: statuses({ approved: 2, inReview: 1, rejected: 1 }),
        committedFen: 300_000,
        paidFen: 300_000,
        registeredUnemployed: 2,
        difficultyPersons: 1,
      }),
    });
    expect(t.children.find((c) => c.code === VILLAGE_A2)!.figures).toEqual(
      figures({ applications: 1, byStatus: statuses({ inReview: 1 }) }),
    );
    // The budget is the city's: the township sees the fund totals and its own share.
    expect(t.funds.find((f) => f.fund === 'special')).toMatchObject({
      budgetFen: 5_000_000,
      committedFen: 2_000_000,
      committedHereFen: 0,
    });
    const v = await divisionDashboard(app, leader, { division: VILLAGE_A1 });
    expect(v.path.map((p) => p.code)).toEqual([LINGYUAN, TOWNSHIP_A, VILLAGE_A1]);
    expect(v.children).toEqual([]);
    expect(v.unplaced).toBeNull();
    expect(v.totals.applications).toBe(4);
    const before = await divisionDashboard(app, leader, { division: VILLAGE_A1, year: year - 1 });
    expect(before.totals).toEqual(
      figures({
        applications: 1,
        byStatus: statuses({ approved: 1 }),
        registeredUnemployed: 2,
        difficultyPersons: 1,
      }),
    );
  });

  it('shows a township officer their township by default, and nothing above or beside it', async () => {
    const own = await divisionDashboard(app, townA, {});
    expect(own.division.code).toBe(TOWNSHIP_A);
    expect(own.path.map((p) => p.code)).toEqual([TOWNSHIP_A]);
    expect(own.totals.applications).toBe(5);
    for (const division of [TOWNSHIP_B, VILLAGE_B1, LINGYUAN, '211382999']) {
      await expect(divisionDashboard(app, townA, { division })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        status: 404,
        path: 'division',
      });
    }
    await expect(divisionDashboard(app, actor('villageClerk', VILLAGE_A1), {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('answers over HTTP, and refuses a division outside the jurisdiction as not found', async () => {
    const login = async (username: string, role: Role, division: string) => {
      await createAccount(app.db, systemActor('cli'), {
        username,
        displayName: username,
        password: 'monitor-pass-123',
        role,
        division,
      });
      const r = await server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: 'monitor-pass-123' },
      });
      return { cookie: r.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
    };
    const lead = await login('mon-leader', 'leader', LINGYUAN);
    const r = await server.inject({
      method: 'GET',
      url: `/api/v1/monitoring/dashboard?division=${TOWNSHIP_B}&year=${year}`,
      headers: lead,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      division: { code: TOWNSHIP_B, name: '东城街道' },
      totals: { applications: 2, committedFen: 2_000_000, registeredUnemployed: 1 },
    });
    const town = await login('mon-town', 'townshipOfficer', TOWNSHIP_A);
    const refused = await server.inject({
      method: 'GET',
      url: `/api/v1/monitoring/dashboard?division=${TOWNSHIP_B}`,
      headers: town,
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ error: { code: 'NOT_FOUND', path: 'division' } });
    expect(JSON.stringify(refused.json())).not.toContain('2000000');
    const bad = await server.inject({
      method: 'GET',
      url: '/api/v1/monitoring/dashboard?division=12',
      headers: town,
    });
    expect(bad.statusCode).toBe(400);
  });
});
