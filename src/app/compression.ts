import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Responses compressed (br, then gzip) above 1 KB when their type is compressible (JSON, HTML, JS, CSS,
 * CSV — mime-db's list); .xlsx, PDF and images are compressed already and pass as they are. Register it
 * before the web app's static files, whose pre-compressed .br/.gz (web/precompress.ts) are sent as they
 * are. Request bodies are never decompressed (an upload is taken as sent).
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    globalDecompression: false,
  });
}
