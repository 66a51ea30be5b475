import type { z } from 'zod';
import { AppError } from './app-error.js';

/**
 * Check a use case's input against its schema when it is called without the HTTP layer (CLI, another
 * module, a test): a bad input is a VALIDATION_FAILED error naming the field at fault, not a ZodError.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.join('.');
  throw new AppError('VALIDATION_FAILED', {
    ...(path ? { path } : {}),
    zh: `输入不正确${path ? `（${path}）` : ''}：${issue.message}`,
    en: `Invalid input${path ? ` (${path})` : ''}: ${issue.message}`,
  });
}
