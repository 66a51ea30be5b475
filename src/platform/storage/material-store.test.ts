import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MaterialStore, materialStoreFor } from './index.js';

const fixture = (name: string) =>
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name));
const MB = 1024 * 1024;
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

let dir: string;
let store: MaterialStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-materials-'));
  store = new MaterialStore(dir);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('MaterialStore', () => {
  it.each([
    ['sample.pdf', 'application/pdf'],
    ['sample.jpg', 'image/jpeg'],
    ['sample.png', 'image/png'],
  ])('stores %s as %s under its SHA-256, and reads it back', async (name, mime) => {
    const data = fixture(name);
    const stored = await store.put(data, { maxBytes: 10 * MB });
    expect(stored).toEqual({ sha256: sha(data), size: data.length, mime, key: sha(data) });
    const file = path.join(dir, stored.key.slice(0, 2), stored.key.slice(2, 4), stored.key);
    expect(fs.readFileSync(file).equals(data)).toBe(true);
    expect(await store.exists(stored.key)).toBe(true);
    expect((await store.open(stored.key)).equals(data)).toBe(true);
    const chunks: Buffer[] = [];
    for await (const c of await store.openStream(stored.key)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    expect(fs.readdirSync(path.join(dir, '.tmp'))).toEqual([]);
  });

  it('judges the type by content: a renamed program or text file is refused, whatever its name', async () => {
    for (const name of ['program-renamed.pdf', 'notes-renamed.png']) {
      await expect(store.put(fixture(name), { maxBytes: 10 * MB })).rejects.toMatchObject({
        code: 'MATERIAL_TYPE_NOT_ALLOWED',
        path: 'file',
        messageZh: expect.stringMatching(/PDF、JPEG、PNG/),
      });
    }
    // An empty file, and a PDF whose first bytes were cut off, are not materials either.
    await expect(store.put(Buffer.alloc(0), { maxBytes: MB })).rejects.toMatchObject({
      code: 'MATERIAL_TYPE_NOT_ALLOWED',
    });
    await expect(store.put(fixture('sample.pdf').subarray(1), { maxBytes: MB })).rejects.toMatchObject({
      code: 'MATERIAL_TYPE_NOT_ALLOWED',
    });
    // Nothing refused is left behind.
    expect(fs.readdirSync(dir).filter((d) => d !== '.tmp')).toEqual([]);
    expect(fs.readdirSync(path.join(dir, '.tmp'))).toEqual([]);
  });

  it('refuses a material over the size limit, from a buffer or a stream, without keeping any of it', async () => {
    const pdf = fixture('sample.pdf');
    const big = Buffer.concat([pdf, Buffer.alloc(2000, 0x20)]);
    await expect(store.put(big, { maxBytes: 1000 })).rejects.toMatchObject({
      code: 'MATERIAL_TOO_LARGE',
      path: 'file',
    });
    // A stream in small pieces: stopped as soon as it passes the limit.
    let pulled = 0;
    const pieces = Readable.from(
      (function* () {
        for (let i = 0; i < big.length; i += 100) {
          pulled += 100;
          yield big.subarray(i, i + 100);
        }
      })(),
    );
    await expect(store.put(pieces, { maxBytes: 1000 })).rejects.toMatchObject({ code: 'MATERIAL_TOO_LARGE' });
    expect(pulled).toBeLessThan(big.length);
    expect(fs.readdirSync(dir).filter((d) => d !== '.tmp')).toEqual([]);
    expect(fs.readdirSync(path.join(dir, '.tmp'))).toEqual([]);
    // Exactly at the limit is allowed.
    await expect(store.put(pdf, { maxBytes: pdf.length })).resolves.toMatchObject({ size: pdf.length });
  });

  it('stores a stream, and the same content twice in one place', async () => {
    const png = fixture('sample.png');
    const a = await store.put(Readable.from([png.subarray(0, 10), png.subarray(10)]), { maxBytes: MB });
    const b = await store.put(png, { maxBytes: MB });
    expect(a).toEqual(b);
    expect(fs.readdirSync(path.join(dir, a.key.slice(0, 2), a.key.slice(2, 4)))).toEqual([a.key]);
  });

  it('detects a damaged file on reading', async () => {
    const jpg = fixture('sample.jpg');
    const { key } = await store.put(jpg, { maxBytes: MB });
    const file = store.pathOf(key);
    const damaged = Buffer.from(jpg);
    damaged[damaged.length - 10] = damaged[damaged.length - 10]! ^ 0xff;
    fs.writeFileSync(file, damaged);
    await expect(store.open(key)).rejects.toMatchObject({ code: 'MATERIAL_CHECKSUM_MISMATCH' });
    const stream = await store.openStream(key);
    await expect(
      (async () => {
        for await (const _ of stream) void _;
      })(),
    ).rejects.toMatchObject({ code: 'MATERIAL_CHECKSUM_MISMATCH' });
  });

  it('answers not found for unknown or malformed keys, never a path outside the store', async () => {
    await expect(store.open('0'.repeat(64))).rejects.toMatchObject({ code: 'MATERIAL_NOT_FOUND' });
    await expect(store.open('../../etc/passwd')).rejects.toMatchObject({ code: 'MATERIAL_NOT_FOUND' });
    expect(await store.exists('../x')).toBe(false);
  });

  it('never shows a partial file under its final name; leftovers of a crash are swept', async () => {
    // A crash between writing and renaming leaves only a temporary file.
    fs.mkdirSync(path.join(dir, '.tmp'), { recursive: true });
    const leftover = path.join(dir, '.tmp', 'crashed');
    fs.writeFileSync(leftover, fixture('sample.pdf').subarray(0, 100));
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(leftover, old, old);
    fs.writeFileSync(path.join(dir, '.tmp', 'in-flight'), 'x');
    expect(await store.exists(sha(fixture('sample.pdf')))).toBe(false);
    expect(await store.removeStaleTemp()).toBe(1);
    expect(fs.readdirSync(path.join(dir, '.tmp'))).toEqual(['in-flight']);
  });
});

describe('materialStoreFor', () => {
  it('is under the data folder by default, with a 10 MB limit; both can be set', () => {
    const d = materialStoreFor({ dataDir: '/srv/jiuye' }, {});
    expect(d.dir).toBe('/srv/jiuye/materials');
    expect(d.maxBytes).toBe(10 * MB);
    const s = materialStoreFor(
      { dataDir: '/srv/jiuye' },
      { JIUYE_MATERIALS_DIR: '/mnt/evidence', JIUYE_MATERIAL_MAX_MB: '2.5' },
    );
    expect(s.dir).toBe('/mnt/evidence');
    expect(s.maxBytes).toBe(2.5 * MB);
    expect(() => materialStoreFor({ dataDir: '/x' }, { JIUYE_MATERIAL_MAX_MB: 'lots' })).toThrow(
      /JIUYE_MATERIAL_MAX_MB/,
    );
  });
});
