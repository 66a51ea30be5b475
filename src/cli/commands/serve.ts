import { openAppContext } from '../../app/app-context.js';
import { ensureDemoData } from '../../app/demo.js';
import { buildServer } from '../../app/server.js';
import { loadConfig } from '../../platform/config/config.js';
import { reportError } from '../run-command.js';

export async function serve(): Promise<void> {
  const config = loadConfig();
  let ctx;
  try {
    ctx = await openAppContext(config, `serve (port ${config.port})`);
  } catch (e) {
    reportError(e);
    return;
  }
  if (config.demo && !config.databaseUrl) {
    const created = await ensureDemoData(ctx);
    if (created)
      process.stderr.write(
        `已生成演示数据 Demo data created: ${created.persons} persons, ${created.enterprises} enterprises, ${created.accounts} accounts\n`,
      );
  }
  const app = await buildServer(ctx, { logger: true });
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await ctx.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
  process.stderr.write(
    `就业系统已启动 Jiuye is running: http://localhost:${config.port}/ (${ctx.database.kind}${config.databaseUrl ? '' : `, ${config.dataDir}`})\n`,
  );
}
