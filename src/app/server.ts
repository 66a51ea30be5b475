import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { accessRoutes } from '../modules/access/http/access.routes.js';
import { accessAdminRoutes } from '../modules/access/http/admin.routes.js';
import { applicationsRoutes } from '../modules/applications/http/applications.routes.js';
import { complaintsRoutes } from '../modules/complaints/http/complaints.routes.js';
import { divisionRoutes } from '../modules/divisions/http/divisions.routes.js';
import { fundsRoutes } from '../modules/funds/http/funds.routes.js';
import { monitoringRoutes } from '../modules/monitoring/http/monitoring.routes.js';
import { notificationsRoutes } from '../modules/notifications/http/notifications.routes.js';
import { registryRoutes } from '../modules/registry/http/registry.routes.js';
import { myProfileRoutes } from '../modules/registry/http/my-profile.routes.js';
import { rulesRoutes } from '../modules/rules/http/rules.routes.js';
import { packOverviewRoutes } from '../modules/rules/http/pack-overview.routes.js';
import { programmeFactsRoutes } from '../modules/rules/http/programme-facts.routes.js';
import { servicesRoutes } from '../modules/services/http/services.routes.js';
import { outreachRoutes } from '../modules/rules/http/outreach.routes.js';
import { personApplicationsRoutes } from '../modules/applications/http/person-applications.routes.js';
import { personRegistrationsRoutes } from '../modules/services/http/person-registrations.routes.js';
import { exchangeRoutes } from '../modules/exchange/http/exchange.routes.js';
import { exchangeFlagRoutes } from '../modules/exchange/http/flags.routes.js';
import { exchangeExportRoutes } from '../modules/exchange/http/exports.routes.js';
import { exchangeBrowseRoutes } from '../modules/exchange/http/browse.routes.js';
import { migrationStatus } from '../platform/db/migrate.js';
import { installErrorHandler } from '../platform/http/error-handler.js';
import { installSessions } from '../platform/http/session.js';
import type { AppContext } from './app-context.js';
import { registerCompression } from './compression.js';
import { favicon, homePage } from './home-page.js';
import { registerWebApp } from './web.js';
import { labelsRoutes } from './labels.routes.js';

export interface ServerOptions {
  logger?: boolean;
}

/** The HTTP server: the API under /api/v1, its OpenAPI document and docs, health checks, the home page. */
export async function buildServer(ctx: AppContext, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: ctx.config.logLevel } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await registerCompression(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Jiuye 就业 API',
        description:
          '凌源市公共就业服务信息系统接口。Errors are `{ "error": { "code", "message", "path" } }` with a stable code and a Chinese message. Writes need the session cookie and the `x-csrf-token` header.',
        version: '1',
      },
      tags: [
        { name: 'access', description: '账号与会话 Accounts and sessions' },
        { name: 'divisions', description: '行政区划 Division tree' },
        { name: 'registry', description: '实名登记 Real-name registry' },
        { name: 'audit', description: '审计 Audit trail' },
        { name: 'rules', description: '政策规则 Rules engine' },
        { name: 'services', description: '经办服务 Services: unemployment registration' },
        { name: 'system', description: '运行状态 Health' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installSessions(app, ctx.db);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // The web application when built (web/dist); the plain page at `/` otherwise.
  if (!(await registerWebApp(app))) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(homePage),
    );
  }
  app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(favicon),
  );
  app.get('/healthz', { schema: { tags: ['system'], summary: '存活 Liveness' } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/readyz',
    { schema: { tags: ['system'], summary: '就绪 Readiness: database reachable, migrations applied' } },
    async (_req, reply) => {
      try {
        await sql`SELECT 1`.execute(ctx.db);
        const { applied, pending } = await migrationStatus(ctx.db);
        if (pending.length)
          return reply.status(503).send({ status: 'migrating', database: ctx.database.kind, pending });
        return { status: 'ready', database: ctx.database.kind, migrations: applied.length };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: ctx.database.kind });
      }
    },
  );

  await app.register(
    async (api) => {
      await api.register(accessRoutes(ctx));
      await api.register(accessAdminRoutes(ctx));
      await api.register(packOverviewRoutes(ctx));
      await api.register(divisionRoutes());
      await api.register(labelsRoutes(ctx));
      await api.register(registryRoutes(ctx));
      await api.register(myProfileRoutes(ctx));
      await api.register(rulesRoutes(ctx));
      await api.register(programmeFactsRoutes(ctx));
      await api.register(servicesRoutes(ctx));
      await api.register(applicationsRoutes(ctx));
      await api.register(fundsRoutes(ctx));
      await api.register(notificationsRoutes(ctx));
      await api.register(complaintsRoutes(ctx));
      await api.register(outreachRoutes(ctx));
      await api.register(personApplicationsRoutes(ctx));
      await api.register(personRegistrationsRoutes(ctx));
      await api.register(monitoringRoutes(ctx));
      await api.register(exchangeRoutes(ctx));
      await api.register(exchangeFlagRoutes(ctx));
      await api.register(exchangeBrowseRoutes(ctx));
      await api.register(exchangeExportRoutes(ctx));
    },
    { prefix: '/api/v1' },
  );
  return app;
}
