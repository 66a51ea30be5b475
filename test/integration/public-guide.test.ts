import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledPack } from '../../src/modules/rules/index.js';
import { createTestApp, testServer, type TestApp } from '../support/test-app.js';

let app: TestApp;
let server: FastifyInstance;
const get = (url: string) => server.inject({ method: 'GET', url: `/api/v1${url}` });

beforeAll(async () => {
  app = await createTestApp();
  server = await testServer(app);
});
afterAll(async () => {
  await server.close();
  await app.destroy();
});

describe('the policy published (五(四)), without login', () => {
  it('lists every programme of the pack, by audience', async () => {
    const r = await get('/public/programmes?date=2019-06-15');
    expect(r.statusCode).toBe(200);
    const list = r.json() as { pack: string; person: { id: string }[]; enterprise: { id: string }[] };
    const ids = new Set([...list.person, ...list.enterprise].map((p) => p.id));
    expect([...ids].sort()).toEqual(
      loadBundledPack()
        .pack.programmes.map((p) => p.source.id)
        .sort(),
    );
    expect(list.person.map((p) => p.id)).toContain('vocational-training-subsidy');
    expect(list.enterprise.map((p) => p.id)).toContain('job-retention-refund');
    // A programme for both audiences is listed for both.
    expect(list.person.map((p) => p.id)).toContain('startup-guarantee-loan');
    expect(list.enterprise.map((p) => p.id)).toContain('startup-guarantee-loan');
  });

  it('shows 就业见习 to graduates as well as to units (the pack says whom), with its keywords and conditions', async () => {
    const r = await get('/public/programmes?date=2019-06-15');
    const list = r.json() as {
      person: { id: string; shownTo: string[]; keywords: string[]; conditions: string[] }[];
      enterprise: { id: string }[];
    };
    const internship = list.person.find((p) => p.id === 'internship-subsidy');
    expect(internship?.shownTo).toEqual(['person', 'enterprise']);
    expect(internship?.keywords).toContain('见习');
    expect(internship?.conditions.join('')).toMatch(/失业青年/);
    expect(list.enterprise.map((p) => p.id)).toContain('internship-subsidy');
    // A programme for enterprises only stays there.
    expect(list.person.map((p) => p.id)).not.toContain('job-retention-refund');
  });

  it('gives a service guide from the pack: legal basis in the policy’s words, standards with sources, phones to be set', async () => {
    const r = await get('/public/programmes/internship-subsidy?date=2019-06-15');
    expect(r.statusCode).toBe(200);
    const g = r.json();
    expect(g).toMatchObject({
      id: 'internship-subsidy',
      audience: 'enterprise',
      fund: '就业补助资金',
      phone: '待定',
      complaintLine: '待定',
      legalBasis: { document: expect.stringContaining('凌政发〔2019〕14号'), clause: '三(三)' },
      steps: [{ name: '乡镇（街道）审核' }, { name: '市人社局审批' }],
    });
    expect(g.legalBasis.text).toMatch(/见习/);
    expect(g.standards).toContainEqual(
      expect.objectContaining({ id: 'internship.accidentInsurancePerIntern', value: 400 }),
    );
    expect(g.standards).toContainEqual(expect.objectContaining({ id: 'wage.minimumMonthly' }));
    expect(g.conditions.length).toBeGreaterThan(0);
    expect(g.procedure.length).toBeGreaterThan(0);
    // The names of the amount's parts, as the pack gives them (a decision names its parts by id only).
    const ids = (g.components as { id: string; name: string }[]).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['livingAllowance', 'accidentInsurance']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(g.components.every((c: { name: string }) => /[\u4e00-\u9fff]/.test(c.name))).toBe(true);
  });

  it('lists what must be done on site, with the reason', async () => {
    const r = await get('/public/on-site-items');
    expect(r.statusCode).toBe(200);
    const onSite = loadBundledPack()
      .pack.programmes.filter((p) => p.source.guide.onSite)
      .map((p) => p.source.id);
    expect((r.json() as { id: string }[]).map((i) => i.id)).toEqual(onSite);
    expect(onSite.length).toBeGreaterThan(0);
  });

  it('answers an unknown programme with 404 and a Chinese message', async () => {
    const r = await get('/public/programmes/no-such-thing');
    expect(r.statusCode).toBe(404);
    expect(r.json().error).toMatchObject({ code: 'NOT_FOUND', path: 'id' });
    expect(r.json().error.message).toMatch(/政策项目/);
  });
});
