import { spawnSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testServer, type TestApp } from '../support/test-app.js';

/** The rules contract (shared/contracts/rules-cli.md): the command and the HTTP endpoint, the same answers. */
let app: TestApp;
let server: FastifyInstance;
beforeAll(async () => {
  app = await createTestApp();
  server = await testServer(app);
});
afterAll(async () => {
  await server.close();
  await app.destroy();
});

const cli = (args: string[], input: string) =>
  spawnSync(process.execPath, ['bin/jiuye.mjs', 'rules', 'evaluate', ...args], { input, encoding: 'utf8' });

const skill = {
  date: '2020-05-20',
  programmes: ['skill-upgrade-subsidy'],
  person: {
    idNumber: '211382199509090080',
    employed: true,
    insuredMonths: 13,
    certificate: { kind: 'skillLevel', occupation: '6-31-01-03', level: 3, obtainedOn: '2020-04-01' },
  },
};
const badId = {
  date: '2019-06-15',
  programmes: ['vocational-training-subsidy'],
  person: { idNumber: '211382199509090081' },
};

describe('jiuye rules evaluate', () => {
  it('answers one case on stdout with exit status 0', () => {
    const r = cli([], JSON.stringify(skill));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.results[0]).toMatchObject({
      programme: 'skill-upgrade-subsidy',
      eligible: true,
      amount: 2000,
      missing: [],
    });
    expect(
      out.results[0].reasons.every((x: { condition: string; met: boolean }) =>
        /[\u4e00-\u9fff]/.test(x.condition),
      ),
    ).toBe(true);
    expect(Object.keys(out.results[0])).toEqual([
      'programme',
      'eligible',
      'amount',
      'components',
      'reasons',
      'missing',
      'legalBasis',
      'fund',
      'provisional',
      'excludedFromMeansTest',
    ]);
  });

  // Eight runs of the command, each starting Node and tsx: minutes on a busy machine, not a speed test.
  it('exits 2 with one line on stderr naming the problem', { timeout: 300_000 }, () => {
    for (const [input, code] of [
      [JSON.stringify(badId), 'INVALID_ID_NUMBER'],
      ['{"date": "2019-06-15", ', 'MALFORMED_JSON'],
      [JSON.stringify({ ...skill, programmes: ['no-such-programme'] }), 'UNKNOWN_PROGRAMME'],
      [JSON.stringify({ ...skill, parameters: { 'no.such': 1 } }), 'UNKNOWN_PARAMETER'],
      [JSON.stringify({ ...skill, person: { ...skill.person, salary: 1 } }), 'UNKNOWN_FACT'],
      [JSON.stringify({ ...skill, person: { ...skill.person, insuredMonths: '13' } }), 'INVALID_FACT_VALUE'],
      [JSON.stringify({ ...skill, date: '2019-02-29' }), 'INVALID_DATE'],
      [
        JSON.stringify({ ...skill, parameters: { 'publicWelfarePost.graduateUpliftRatio': 0.6 } }),
        'PARAMETER_OUT_OF_LIMITS',
      ],
    ] as const) {
      const r = cli([], input);
      expect(r.status, input).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(code);
    }
  });

  it('in --batch, answers line for line, an error line for a bad line, and exits 2', () => {
    const r = cli(['--batch'], [skill, badId, skill].map((c) => JSON.stringify(c)).join('\n') + '\n');
    expect(r.status).toBe(2);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].results[0].amount).toBe(2000);
    expect(lines[1]).toEqual({
      error: expect.objectContaining({ code: 'INVALID_ID_NUMBER', path: 'person.idNumber' }),
    });
    expect(lines[1].error.message).toContain('211382199509090081');
    expect(lines[2]).toEqual(lines[0]);
  });

  it('gives the same result over HTTP, and 400 with the same error', async () => {
    const http = await server.inject({ method: 'POST', url: '/api/v1/rules/evaluate', payload: skill });
    expect(http.statusCode).toBe(200);
    expect(http.json()).toEqual(JSON.parse(cli([], JSON.stringify(skill)).stdout));
    const bad = await server.inject({ method: 'POST', url: '/api/v1/rules/evaluate', payload: badId });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'INVALID_ID_NUMBER', path: 'person.idNumber' });
  });

  it('answers null and names the missing fact for a case without it', async () => {
    const r = await server.inject({
      method: 'POST',
      url: '/api/v1/rules/evaluate',
      payload: {
        date: '2019-06-15',
        programmes: ['talent-housing-grant'],
        person: { talent: { category: 'C', arrivedOn: '2019-01-10' } },
      },
    });
    expect(r.json().results[0]).toMatchObject({
      eligible: null,
      amount: 0,
      missing: ['talent.firstHomeInLingyuan'],
    });
  });
});

/** The second reading (December 2026): new facts and result fields, the same from the command and HTTP. */
describe('the second reading of the policy, through the contract', () => {
  const cases = [
    {
      date: '2019-03-15',
      programmes: ['temporary-living-allowance'],
      person: {
        contractEndedOn: '2019-01-01',
        unemploymentInsuranceEligible: false,
        registeredUnemployed: true,
        hardshipTier: 1,
      },
    },
    {
      date: '2019-06-15',
      programmes: ['vocational-training-subsidy'],
      person: {
        deCapacityWorker: true,
        ruralTransferLabour: false,
        enrolledStudent: false,
        zeroEmploymentFamily: true,
        training: {
          catalogItem: 'LY-2019-015',
          standardAmount: 1200,
          feePaid: 1500,
          paidBySelf: true,
          passed: true,
          daysAttended: 20,
          startedOn: '2019-04-01',
          endedOn: '2019-04-30',
          choseUnemploymentBenefit: false,
        },
      },
    },
    {
      date: '2018-06-15',
      programmes: ['startup-guarantee-loan'],
      person: { registeredUnemployed: true, business: { registeredInLingyuan: true } },
    },
    {
      date: '2019-07-01',
      programmes: ['startup-guarantee-loan'],
      person: { registeredUnemployed: true, business: { highTech: false } },
    },
    {
      date: '2020-09-30',
      programmes: ['internship-subsidy'],
      enterprise: {
        internship: {
          intern: { enrolledStudent: true, employed: false, birthDate: '2001-01-15' },
          months: 5,
          livingAllowanceMonthly: 1200,
          startedOn: '2020-03-02',
          unitRetentionRate: 0.55,
        },
      },
    },
    {
      date: '2019-10-10',
      programmes: ['incubator-award'],
      enterprise: {
        incubator: {
          recognised: true,
          entities: 10,
          jobsCreated: 30,
          unemployedFoundersSupported: 4,
          freeSpaceYears: 2,
        },
        history: [{ programme: 'incubator-award', date: '2018-10-01' }],
      },
    },
  ];

  it("answers each case with exit 0 and the second reading's fields, the same over HTTP", async () => {
    const r = cli(['--batch'], cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).results[0]);
    const placeholder = { condition: '补贴标准待市政府确定，当前金额为占位值，不得据以发放', met: true };
    expect(out[0]).toMatchObject({
      eligible: true,
      amount: 1500,
      provisional: true,
      excludedFromMeansTest: true,
    });
    expect(out[0].reasons).toContainEqual(placeholder);
    expect(out[1]).toMatchObject({
      eligible: true,
      amount: 1200,
      provisional: false,
      excludedFromMeansTest: false,
    });
    expect(out[2]).toMatchObject({
      eligible: false,
      amount: 0,
      reasons: [{ condition: '申请日期不在该政策有效期内', met: false }],
    });
    expect(out[3]).toMatchObject({ eligible: null, amount: 0, missing: ['business.registeredInLingyuan'] });
    expect(out[4]).toMatchObject({ eligible: false, amount: 0 });
    expect(out[5]).toMatchObject({ eligible: true, amount: 28000, provisional: true });
    for (const [i, c] of cases.entries()) {
      const http = await server.inject({ method: 'POST', url: '/api/v1/rules/evaluate', payload: c });
      expect(http.statusCode).toBe(200);
      expect(http.json().results[0]).toEqual(out[i]);
    }
  });

  it('refuses the new facts wrongly typed or unknown in them: exit 2 and 400', async () => {
    for (const [subject, path] of [
      [{ person: { deCapacityWorker: 'yes' } }, 'person.deCapacityWorker'],
      [{ person: { enrolledStudent: 1 } }, 'person.enrolledStudent'],
      [{ enterprise: { incubator: { entities: 1.5 } } }, 'enterprise.incubator.entities'],
      [{ enterprise: { incubator: { size: 3 } } }, 'enterprise.incubator.size'],
      [{ enterprise: { history: [{ programme: 'incubator-award' }] } }, 'enterprise.history.0.date'],
    ] as const) {
      const c = { date: '2019-06-15', ...subject };
      const http = await server.inject({ method: 'POST', url: '/api/v1/rules/evaluate', payload: c });
      expect(http.statusCode, JSON.stringify(c)).toBe(400);
      expect(http.json().error.path).toBe(path);
    }
    const r = cli([], JSON.stringify({ date: '2019-06-15', person: { ruralTransferLabour: 'no' } }));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('person.ruralTransferLabour');
  });
});
