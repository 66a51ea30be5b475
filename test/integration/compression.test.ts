import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCompression } from '../../src/app/compression.js';
import { registerWebApp } from '../../src/app/web.js';
import { createTestApp, testServer, type TestApp } from '../support/test-app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('responses are compressed (br, gzip) where it helps', () => {
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

  it('sends a big API JSON response as br or gzip, as the client accepts, and it decodes to the same JSON', async () => {
    const url = '/api/v1/public/programmes?date=2019-06-15';
    const plain = await server.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await server.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gz = await server.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());
  });

  it('leaves a small body as it is', async () => {
    const r = await server.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.json()).toEqual({ status: 'ok' });
  });
});

describe('the web app: pre-compressed assets sent as they are, compressed files never again', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-compress-'));
  const js = `export const text = ${JSON.stringify('凌源市就业政策 '.repeat(400))};\n`;
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(4000, 7)]);
  const xlsx = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(4000, 1)]);
  let web: FastifyInstance;
  beforeAll(async () => {
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(
      path.join(dist, 'index.html'),
      `<!doctype html><title>凌源</title>${'<p>就业</p>'.repeat(300)}`,
    );
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), js);
    // A marked pre-compressed copy: proves the file on disk is sent, not the original compressed again.
    fs.writeFileSync(path.join(dist, 'assets', 'app.js.br'), zlib.brotliCompressSync(`${js}//br`));
    fs.writeFileSync(path.join(dist, 'assets', 'app.js.gz'), zlib.gzipSync(`${js}//gz`));
    fs.writeFileSync(path.join(dist, 'assets', 'logo.png'), png);
    web = Fastify();
    await registerCompression(web);
    expect(await registerWebApp(web, dist)).toBe(true);
    web.get('/export.xlsx', async (_req, reply) => reply.type(XLSX).send(xlsx));
  });
  afterAll(async () => {
    await web.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });
  const get = (url: string, enc: string) =>
    web.inject({ method: 'GET', url, headers: { 'accept-encoding': enc, accept: '*/*' } });

  it('sends the build’s .br and .gz of an asset by Accept-Encoding', async () => {
    const br = await get('/assets/app.js', 'gzip, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(`${js}//br`);
    const gz = await get('/assets/app.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(`${js}//gz`);
  });

  it('compresses the page itself on the fly', async () => {
    const r = await get('/policies', 'br');
    expect(r.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(r.rawPayload).toString()).toContain('<title>凌源</title>');
  });

  it('does not compress images or .xlsx again', async () => {
    for (const [url, body] of [
      ['/assets/logo.png', png],
      ['/export.xlsx', xlsx],
    ] as const) {
      const r = await get(url, 'br, gzip');
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(Buffer.compare(r.rawPayload, body)).toBe(0);
    }
  });
});
