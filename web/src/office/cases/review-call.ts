import { ApiError } from '../../lib/api';
import { loginPath } from '../../lib/auth';
import type { Difference } from '../../lib/applications';

/** An API failure with the `details` the API sent (a final approval's differences to acknowledge). */
export class DetailedApiError extends ApiError {
  constructor(
    base: ApiError,
    readonly details: Record<string, unknown> | undefined,
  ) {
    super(base.status, base.code, base.message, base.path);
  }

  /** The differences a DECISION_CHANGED answer lists. */
  get differences(): Difference[] {
    const d = this.details?.differences;
    return Array.isArray(d) ? (d as Difference[]) : [];
  }
}

function csrf(): string | undefined {
  const m = /(?:^|;\s*)jiuye_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

/**
 * A POST like `api()`, keeping the error's `details` (which `api()` leaves out): the review needs the
 * differences the final re-judge found, to have them acknowledged.
 */
export async function postKeepingDetails<T>(path: string, body: unknown): Promise<T> {
  let res: Response;
  const token = csrf();
  try {
    res = await fetch(`/api/v1${path}`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        ...(token ? { 'x-csrf-token': token } : {}),
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new DetailedApiError(new ApiError(0, 'NETWORK', ''), undefined);
  }
  const answer: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401)
      window.location.assign(loginPath(window.location.pathname + window.location.search));
    const err = (
      answer as {
        error?: { code?: string; message?: string; path?: string; details?: Record<string, unknown> };
      } | null
    )?.error;
    throw new DetailedApiError(
      new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? '', err?.path),
      err?.details,
    );
  }
  return answer as T;
}
