import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createAccount, systemActor, type Role } from '../../src/modules/access/index.js';
import type { TestApp } from './test-app.js';

export const TEST_PASSWORD = 'correct-horse-42';

/** A logged-in user of the API in a test: its cookie and CSRF token sent with every call. */
export interface HttpClient {
  headers: { cookie: string; 'x-csrf-token': string };
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown, contentType?: string): Promise<LightMyRequestResponse>;
}

/** The error body of an answer: `{ code, message, path }`. */
export const errorOf = (r: LightMyRequestResponse) =>
  (r.json() as { error: { code: string; message: string; path?: string } }).error;

/**
 * Create an account (unless `existing`) and log it in through `POST /api/v1/auth/login`; `url`s given
 * to the client are under `/api/v1`.
 */
export async function signIn(
  app: TestApp,
  server: FastifyInstance,
  account: {
    username: string;
    role?: Role;
    division?: string;
    person?: { county: string; id: number };
    enterprise?: { county: string; id: number };
    password?: string;
    existing?: boolean;
  },
): Promise<HttpClient> {
  const password = account.password ?? TEST_PASSWORD;
  if (!account.existing)
    await createAccount(app.db, systemActor('cli'), {
      username: account.username,
      displayName: account.username,
      password,
      role: account.role!,
      division: account.division!,
      ...(account.person ? { person: account.person } : {}),
      ...(account.enterprise ? { enterprise: account.enterprise } : {}),
    });
  const r = await server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: account.username, password },
  });
  if (r.statusCode !== 200) throw new Error(`login of ${account.username}: ${r.statusCode} ${r.body}`);
  const c = (r.cookies as { name: string; value: string }[]).find((x) => x.name === 'jiuye_session')!;
  const headers = { cookie: `jiuye_session=${c.value}`, 'x-csrf-token': r.json().csrfToken as string };
  return {
    headers,
    get: (url) => server.inject({ method: 'GET', url: `/api/v1${url}`, headers }),
    post: (url, payload, contentType) =>
      server.inject({
        method: 'POST',
        url: `/api/v1${url}`,
        headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}) },
        ...(payload !== undefined ? { payload: payload as string } : {}),
      }),
  };
}
