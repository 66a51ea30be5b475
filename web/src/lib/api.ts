import { useCallback, useEffect, useState } from 'react';

/** An API failure: the API's own `{ error: { code, message } }` (message in Chinese), or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The field at fault, as the API names it (`content`, `contact.phone`). */
    readonly path?: string,
  ) {
    super(message);
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | undefined;
let onUnauthorized: ((path: string) => void) | undefined;

/** The session's CSRF token, kept from the login answer (else read from the `jiuye_csrf` cookie). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}
function currentCsrf(): string | undefined {
  if (csrfToken) return csrfToken;
  const m = /(?:^|;\s*)jiuye_csrf=([^;]+)/.exec(typeof document === 'undefined' ? '' : document.cookie);
  return m ? decodeURIComponent(m[1]!) : undefined;
}
/** Called on a 401 from any call but the login itself (the back office sends the user to /login). */
export function setUnauthorizedHandler(handler: ((path: string) => void) | undefined): void {
  onUnauthorized = handler;
}

/** Same-origin call to `/api/v1…`; writes carry the CSRF token as `x-csrf-token`. */
export async function api<T>(path: string, init?: { method?: string; body?: unknown; signal?: AbortSignal }) {
  let res: Response;
  const method = init?.method ?? 'GET';
  const csrf = UNSAFE.has(method) ? currentCsrf() : undefined;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(init?.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init?.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401 && path !== '/auth/login') onUnauthorized?.(path);
    const err = (body as { error?: { code?: string; message?: string; path?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? '', err?.path);
  }
  return body as T;
}

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** GET a path when the component shows; `null` waits. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: !!path });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!path) return;
    const ctl = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    api<T>(path, { signal: ctl.signal }).then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => {
        if (ctl.signal.aborted) return;
        setState({
          loading: false,
          error: error instanceof ApiError ? error : new ApiError(0, 'UNKNOWN', ''),
        });
      },
    );
    return () => ctl.abort();
  }, [path, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
