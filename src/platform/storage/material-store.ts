import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors/index.js';

/** The types an uploaded material may have, judged from its content. */
export const MATERIAL_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type MaterialMime = (typeof MATERIAL_MIME_TYPES)[number];

export interface StoredMaterial {
  /** SHA-256 of the content, 64 lowercase hex digits. */
  sha256: string;
  size: number;
  mime: MaterialMime;
  /** What to keep to find it again (the content address). */
  key: string;
}

/** Enough of the head of a file for every type we accept (file-type reads at most this much for them). */
const SNIFF_BYTES = 4100;
const KEY = /^[0-9a-f]{64}$/;

const tooLarge = (maxBytes: number) =>
  new AppError('MATERIAL_TOO_LARGE', {
    path: 'file',
    zh: `材料文件超过大小限制（最大 ${formatSize(maxBytes)}）`,
    en: `Material file is larger than ${maxBytes} bytes`,
  });

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} 字节`;
}

/** The type of a material from its first bytes; undefined unless PDF, JPEG or PNG. */
export async function sniffMaterialType(head: Uint8Array): Promise<MaterialMime | undefined> {
  const t = await fileTypeFromBuffer(head);
  return t && (MATERIAL_MIME_TYPES as readonly string[]).includes(t.mime)
    ? (t.mime as MaterialMime)
    : undefined;
}

/**
 * Uploaded evidence, stored outside the database in a folder, addressed by the SHA-256 of the content:
 * `<dir>/ab/cd/abcd…` (the same file uploaded twice is stored once). A file is written to `<dir>/.tmp`,
 * flushed to disk and renamed into place, so a crash never leaves a partial file under its final name;
 * what was in `.tmp` at a crash is removed by `removeStaleTemp`. Reads verify the checksum.
 */
export class MaterialStore {
  readonly dir: string;
  private readonly tmpDir: string;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
    this.tmpDir = path.join(this.dir, '.tmp');
  }

  /** Where the material with this key lives (no check that it exists). */
  pathOf(key: string): string {
    if (!KEY.test(key)) throw new AppError('MATERIAL_NOT_FOUND');
    return path.join(this.dir, key.slice(0, 2), key.slice(2, 4), key);
  }

  /**
   * Store a material: refuse it unless its content is a PDF, JPEG or PNG no larger than `maxBytes`
   * (the name it was uploaded under plays no part). A stream is read once, hashed and written as it
   * comes, and stops as soon as it is too large.
   */
  async put(data: Buffer | Readable, opts: { maxBytes: number }): Promise<StoredMaterial> {
    if (Buffer.isBuffer(data) && data.length > opts.maxBytes) throw tooLarge(opts.maxBytes);
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${process.pid}-${crypto.randomBytes(12).toString('hex')}`);
    const hash = crypto.createHash('sha256');
    const heads: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    const file = await fsp.open(tmp, 'wx', 0o600);
    let renamed = false;
    try {
      for await (const piece of Buffer.isBuffer(data) ? [data] : data) {
        const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as Uint8Array);
        size += chunk.length;
        if (size > opts.maxBytes) {
          if (!Buffer.isBuffer(data)) data.destroy();
          throw tooLarge(opts.maxBytes);
        }
        hash.update(chunk);
        if (headLength < SNIFF_BYTES) {
          const part = chunk.subarray(0, SNIFF_BYTES - headLength);
          heads.push(part);
          headLength += part.length;
        }
        for (let at = 0; at < chunk.length;) at += (await file.write(chunk, at)).bytesWritten;
      }
      const mime = await sniffMaterialType(Buffer.concat(heads));
      if (!mime) throw new AppError('MATERIAL_TYPE_NOT_ALLOWED', { path: 'file' });
      await file.sync();
      await file.close();
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      await fsp.mkdir(path.dirname(final), { recursive: true });
      // rename replaces atomically: an existing copy has the same content (same address).
      await fsp.rename(tmp, final);
      renamed = true;
      await syncDir(path.dirname(final));
      return { sha256, size, mime, key: sha256 };
    } finally {
      if (!renamed) {
        await file.close().catch(() => undefined);
        await fsp.rm(tmp, { force: true });
      }
    }
  }

  async exists(key: string): Promise<boolean> {
    if (!KEY.test(key)) return false;
    try {
      return (await fsp.stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  /** The whole content, checked against its checksum. */
  async open(key: string): Promise<Buffer> {
    let data: Buffer;
    try {
      data = await fsp.readFile(this.pathOf(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('MATERIAL_NOT_FOUND');
      throw e;
    }
    if (crypto.createHash('sha256').update(data).digest('hex') !== key) {
      throw new AppError('MATERIAL_CHECKSUM_MISMATCH');
    }
    return data;
  }

  /**
   * The content as a stream; the checksum is checked as it flows and a mismatch fails the stream at its
   * end (so a consumer that sends it on must treat an error as "discard what was sent").
   */
  async openStream(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    if (!(await this.exists(key))) throw new AppError('MATERIAL_NOT_FOUND');
    const hash = crypto.createHash('sha256');
    const check = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
      flush(done) {
        done(hash.digest('hex') === key ? null : new AppError('MATERIAL_CHECKSUM_MISMATCH'));
      },
    });
    return fs.createReadStream(file).pipe(check);
  }

  /** Remove temporary files left by a crash (older than `olderThanMs`); returns how many. */
  async removeStaleTemp(olderThanMs = 60 * 60 * 1000): Promise<number> {
    let names: string[];
    try {
      names = await fsp.readdir(this.tmpDir);
    } catch {
      return 0;
    }
    let removed = 0;
    const cutoff = Date.now() - olderThanMs;
    for (const name of names) {
      const p = path.join(this.tmpDir, name);
      const st = await fsp.stat(p).catch(() => undefined);
      if (st && st.mtimeMs < cutoff) {
        await fsp.rm(p, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/** fsync a directory so that a rename into it survives a power cut (a no-op where not supported). */
async function syncDir(dir: string): Promise<void> {
  let h: fsp.FileHandle | undefined;
  try {
    h = await fsp.open(dir, 'r');
    await h.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    await h?.close();
  }
}
