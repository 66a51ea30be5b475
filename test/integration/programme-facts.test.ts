import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('what an application form asks (the facts a programme reads), without login', () => {
  it('names each fact with its type, from the pack: the internship subsidy asks about the intern', async () => {
    const r = await get('/public/programmes/internship-subsidy/facts?date=2026-06-15');
    expect(r.statusCode).toBe(200);
    const body = r.json() as { audiences: { audience: string; facts: { path: string; type: string }[] }[] };
    expect(body.audiences.map((a) => a.audience)).toEqual(['enterprise']);
    const facts = Object.fromEntries(body.audiences[0]!.facts.map((f) => [f.path, f]));
    expect(facts['internship.startedOn']).toMatchObject({ type: 'date' });
    expect(facts['internship.months']).toMatchObject({ type: 'integer', min: 0 });
    expect(facts['internship.unitRetentionRate']).toMatchObject({ type: 'number', min: 0, max: 1 });
    expect(facts['internship.intern.education']).toMatchObject({
      type: 'enum',
      options: expect.arrayContaining(['college', 'bachelor']),
    });
    // The limit's scope (once per intern) is asked too.
    expect(facts['internship.intern.idNumber']).toMatchObject({ type: 'text' });
    expect(Object.keys(facts).some((p) => p.startsWith('history'))).toBe(false);
  });

  it('asks a person programme its own facts only', async () => {
    const r = await get('/public/programmes/talent-housing-grant/facts');
    expect(r.statusCode).toBe(200);
    const body = r.json() as { audiences: { audience: string; facts: { path: string; type: string }[] }[] };
    expect(body.audiences).toEqual([
      {
        audience: 'person',
        facts: [
          { path: 'talent.arrivedOn', type: 'date' },
          { path: 'talent.category', type: 'enum', options: ['A', 'B', 'C', 'D'] },
          { path: 'talent.firstHomeInLingyuan', type: 'boolean' },
        ],
      },
    ]);
  });

  it('refuses a programme that does not exist', async () => {
    const r = await get('/public/programmes/no-such-thing/facts');
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 'UNKNOWN_PROGRAMME' } });
  });
});
