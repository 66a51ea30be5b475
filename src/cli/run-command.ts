import { InvalidArgumentError } from 'commander';
import { openAppContext, type AppContext } from '../app/app-context.js';
import { loadConfig } from '../platform/config/config.js';
import { isAppError } from '../platform/errors/index.js';

/** Exit statuses: 0 done, 1 a check found problems, 2 bad input or refused. */
export const EXIT_PROBLEMS = 1;
export const EXIT_BAD_INPUT = 2;

/** Print an error the way people read it (Chinese first), and set the exit status. */
export function reportError(e: unknown): void {
  if (isAppError(e)) {
    process.stderr.write(`错误 ${e.code}${e.path ? ` (${e.path})` : ''}：${e.messageZh}\n  ${e.messageEn}\n`);
    process.exitCode = e.status >= 500 && e.code !== 'DATA_DIR_LOCKED' ? 1 : EXIT_BAD_INPUT;
  } else {
    process.stderr.write(`错误：${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

/** Open the database (creating and migrating a new data folder as needed), run, close. */
export async function withContext(command: string, fn: (ctx: AppContext) => Promise<void>): Promise<void> {
  let ctx: AppContext | undefined;
  try {
    ctx = await openAppContext(loadConfig(), command);
    await fn(ctx);
  } catch (e) {
    reportError(e);
  } finally {
    await ctx?.close();
  }
}

/** Commander argument parser for counts. */
export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new InvalidArgumentError('应为非负整数 (a non-negative integer)');
  return n;
}
