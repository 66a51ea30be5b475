import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, isAppError } from '../errors/index.js';

/** Zod's issue code and path → our code, message and field path. */
function fromValidation(
  v: {
    instancePath: string;
    keyword: string;
    message?: string | undefined;
    params?: Record<string, unknown>;
  },
  context: string | undefined,
): AppError {
  const rel = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const path = rel || context || '';
  const origin = (v.params as { origin?: string } | undefined)?.origin;
  if (v.keyword === 'too_big' && origin === 'string') {
    return new AppError('TEXT_TOO_LONG', { path, zh: `${path || '文字'} 超过允许的长度` });
  }
  if (v.keyword === 'unrecognized_keys') {
    const keys = (v.params as { keys?: string[] } | undefined)?.keys ?? [];
    const at = [rel, keys[0]].filter(Boolean).join('.');
    return new AppError('VALIDATION_FAILED', {
      path: at,
      zh: `不认识的字段：${at}`,
      en: `Unknown field: ${at}`,
    });
  }
  const detail = v.message && /[\u4e00-\u9fff]/.test(v.message) ? v.message : undefined;
  return new AppError('VALIDATION_FAILED', {
    path,
    zh: detail ?? `字段 ${path || '(请求)'} 的值不符合要求`,
    en: `${path || 'request'}: ${v.message ?? 'invalid'}`,
  });
}

/** One place maps every error to `{ error: { code, message, path } }` and its HTTP status. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let e: AppError;
    if (isAppError(err)) {
      e = err;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      e = fromValidation(err.validation[0]!, err.validationContext);
    } else if (
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (err.statusCode === 400 && err instanceof SyntaxError)
    ) {
      e = new AppError('MALFORMED_JSON', { path: 'body' });
    } else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      e = new AppError('MALFORMED_JSON', { path: 'body', zh: '请求内容为空' });
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      e = new AppError('PAYLOAD_TOO_LARGE');
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      e = new AppError('VALIDATION_FAILED', {
        path: 'content-type',
        zh: '请求内容类型应为 application/json',
      });
    } else if (err.statusCode === 429) {
      e = new AppError('TOO_MANY_REQUESTS');
    } else {
      // Never log request bodies or database detail lines (they may carry personal data): code and message only.
      req.log.error({ code: err.code, name: err.name }, err.message.split('\n')[0]);
      e = new AppError('INTERNAL');
    }
    if (e.status >= 500 && isAppError(err)) req.log.warn({ code: e.code }, e.messageEn);
    void reply.status(e.status).send(e.toBody());
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send(new AppError('NOT_FOUND', { path: req.url.split('?')[0] }).toBody());
  });
}
