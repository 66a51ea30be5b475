import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasLabel, type LabelCatalogue } from '../../src/shared/labels/index.js';
import { createTestApp, testServer, type TestApp } from '../support/test-app.js';

let app: TestApp;
let server: FastifyInstance;
const get = (url: string) => server.inject({ method: 'GET', url });

beforeAll(async () => {
  app = await createTestApp();
  server = await testServer(app);
});
afterAll(async () => {
  await server.close();
  await app.destroy();
});

describe('GET /api/v1/labels: the one label catalogue, public and cacheable', () => {
  it('answers without login with facts, sources, actions, statuses and the pack’s parameter names', async () => {
    const r = await get('/api/v1/labels');
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toContain('max-age');
    const c = r.json() as LabelCatalogue;
    expect(c.fact['talent.firstHomeInLingyuan']).toEqual({
      zh: '在凌源首次购房自住',
      en: 'First home bought in Lingyuan, to live in',
    });
    expect(c.factSourceRef['persons (from the ID number)']!.zh).toBe('由公民身份号码得出');
    expect(c.auditAction['person.reveal']!.zh).toBe('查看完整个人信息');
    expect(c.applicationStatus.returned!.zh).toBe('退回补正');
    expect(c.parameter['wage.minimumMonthly']!.zh).toBe('当地月最低工资标准（凌源市）');
    expect(c.programme['internship-subsidy']!.zh).toMatch(/见习/);
    for (const [id, l] of Object.entries(c.parameter)) expect(l.zh, id).not.toBe(id);
  });

  it('names every fact any programme form asks for', async () => {
    const c = (await get('/api/v1/labels')).json() as LabelCatalogue;
    for (const programme of Object.keys(c.programme)) {
      const r = await get(`/api/v1/public/programmes/${programme}/facts`);
      if (r.statusCode !== 200) continue;
      const body = r.json() as { audiences: { facts: { path: string }[] }[] };
      const unnamed = body.audiences
        .flatMap((a) => a.facts.map((f) => f.path))
        .filter((p) => !hasLabel(c, 'fact', p));
      expect(unnamed, programme).toEqual([]);
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/v1/labels');
  });
});
