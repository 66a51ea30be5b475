import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, systemActor } from '../../src/modules/access/index.js';
import { registerPerson } from '../../src/modules/registry/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, createTestApp, LINGYUAN, testServer, TOWNSHIP_A, type TestApp } from '../support/test-app.js';

let app: TestApp;
let server: FastifyInstance;
const VILLAGE = '211382101200';
const sessions: Record<string, { cookie: string; 'x-csrf-token': string }> = {};
const fixture = (name: string) => fs.readFileSync(path.resolve('src/platform/storage/fixtures', name));

async function login(
  username: string,
  role: 'citizen' | 'villageClerk',
  division: string,
  person?: { county: string; id: number },
) {
  await createAccount(app.db, systemActor('cli'), {
    username,
    displayName: username,
    password: 'apply-pass-123',
    role,
    division,
    ...(person ? { person } : {}),
  });
  const r = await server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'apply-pass-123' },
  });
  sessions[username] = {
    cookie: r.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    'x-csrf-token': r.json().csrfToken as string,
  };
}

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  server.inject({ method, url: `/api/v1${url}`, headers: sessions[who]!, ...(payload ? { payload } : {}) });
const upload = (who: string, id: number, kind: string, filename: string, body: Buffer, type: string) =>
  server.inject({
    method: 'POST',
    url: `/api/v1/applications/${id}/materials?kind=${encodeURIComponent(kind)}&filename=${encodeURIComponent(filename)}`,
    headers: { ...sessions[who]!, 'content-type': type },
    payload: body,
  });

const talent = { talent: { category: 'C', arrivedOn: '2019-03-01', firstHomeInLingyuan: true } };

beforeAll(async () => {
  app = await createTestApp();
  app.today = () => '2019-06-03';
  server = await testServer(app);
  const p = await registerPerson(app, actor('townshipOfficer', TOWNSHIP_A), {
    name: '人才测试',
    idNumber: makeIdNumber('211382', '1990-04-04', 7, 'male'),
    residenceDivision: VILLAGE,
  });
  await login('talent', 'citizen', LINGYUAN, { county: p.county, id: p.id });
  await login('clerk', 'villageClerk', VILLAGE);
});
afterAll(async () => {
  await server.close();
  await app.destroy();
});

describe('applications over HTTP', () => {
  it('previews, keeps a draft with materials checked by content, submits, and reaches the village worklist', async () => {
    const preview = await call('talent', 'POST', '/applications/preview', {
      programmeId: 'talent-housing-grant',
      declared: talent,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ eligible: true, amount: 50000, pack: 'lingyuan-2019@1.1.0' });
    expect(preview.json().reasons.length).toBeGreaterThan(0);

    const draft = await call('talent', 'POST', '/applications', {
      programmeId: 'talent-housing-grant',
      declared: talent,
    });
    expect(draft.statusCode).toBe(201);
    const id = draft.json().id as number;
    expect(draft.json()).toMatchObject({
      status: 'draft',
      channel: 'online',
      chain: [{ id: 'villageIntake' }, {}, {}],
    });

    const pdf = fixture('sample.pdf');
    const ok = await upload('talent', id, '购房合同', '合同.pdf', pdf, 'application/pdf');
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: '购房合同', mime: 'application/pdf', size: pdf.length });
    expect(ok.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    // A text file named .png and sent as image/png is refused: the type is judged from the content.
    const fake = await upload(
      'talent',
      id,
      '照片',
      'photo.png',
      Buffer.from('not an image at all'),
      'image/png',
    );
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error).toMatchObject({ code: 'MATERIAL_TYPE_NOT_ALLOWED', path: 'file' });
    const list = await call('talent', 'GET', `/applications/${id}/materials`);
    expect(list.json()).toHaveLength(1);
    const back = await call('talent', 'GET', `/applications/${id}/materials/${ok.json().id}`);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(back.rawPayload, pdf)).toBe(0);

    const submitted = await call('talent', 'POST', `/applications/${id}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'inReview',
      step: { id: 'villageIntake', dueOn: '2019-06-06' },
    });

    const mine = await call('talent', 'POST', `/applications/${id}/review`, { action: 'approve' });
    expect(mine.statusCode).toBe(403);
    const work = await call('clerk', 'GET', '/applications/worklist');
    expect(work.json().map((w: { id: number }) => w.id)).toContain(id);
    const noReason = await call('clerk', 'POST', `/applications/${id}/review`, {
      action: 'return',
      comment: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ code: 'VALIDATION_FAILED', path: 'comment' });
    const timeline = await call('talent', 'GET', `/applications/${id}/timeline`);
    expect(timeline.json().map((e: { action: string }) => e.action)).toEqual([
      'created',
      'materialAdded',
      'submitted',
    ]);
  });

  it('answers bad input with a stable code, a Chinese message and the field', async () => {
    const r = await call('talent', 'POST', '/applications', { programmeId: 'no-such-programme' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'UNKNOWN_PROGRAMME', path: 'programmeId' });
    const calc = await call('talent', 'POST', '/applications', {
      programmeId: 'employee-education-deduction',
    });
    expect(calc.json().error).toMatchObject({ code: 'PROGRAMME_NOT_APPLICABLE' });
    const bad = await call('talent', 'POST', '/applications/preview', {
      programmeId: 'talent-housing-grant',
      declared: { talent: { category: 'Z' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows the public notices without login', async () => {
    const r = await server.inject({ method: 'GET', url: `/api/v1/public-notices?division=${VILLAGE}` });
    expect(r.statusCode).toBe(200);
    expect(Array.isArray(r.json())).toBe(true);
    const bad = await server.inject({ method: 'GET', url: '/api/v1/public-notices?division=12' });
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', path: 'division' });
  });

  it('documents every noun of the issue in the OpenAPI document', async () => {
    const doc = (await server.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    const paths = Object.keys(doc.paths).join('\n');
    for (const noun of [
      'unemployment-registrations',
      'difficulty-identifications',
      'applications',
      'funds',
      'payment-batches',
    ])
      expect(paths).toContain(`/${noun}`);
  });
});
