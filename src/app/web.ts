import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build:web` puts the web application. */
/** Where the built web app is: `JIUYE_WEB_DIST` or web/dist. */
export const WEB_DIST =
  process.env.JIUYE_WEB_DIST ?? fileURLToPath(new URL('../../web/dist', import.meta.url));

function wantsHtml(req: FastifyRequest): boolean {
  const accept = req.headers.accept;
  return !accept || accept.includes('text/html') || accept.includes('*/*');
}

/**
 * Serves the built web application (web/dist): hashed assets under /assets/ cached for a year, and
 * `index.html` for `/` and every other non-API page a browser asks for (the app routes on the client).
 * Answers false, registering nothing, when the app has not been built.
 */
export async function registerWebApp(app: FastifyInstance, dist = WEB_DIST): Promise<boolean> {
  if (!fs.existsSync(path.join(dist, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: path.join(dist, 'assets'),
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
    cacheControl: true,
    // The build writes each asset's .br and .gz beside it (web/vite.config.ts): sent as they are.
    preCompressed: true,
  });
  const page = (req: FastifyRequest, reply: FastifyReply) => {
    if (req.url.startsWith('/api/') || !wantsHtml(req)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html', dist, { cacheControl: false });
  };
  app.get('/', { schema: { hide: true } }, page);
  app.get('/*', { schema: { hide: true } }, page);
  return true;
}
