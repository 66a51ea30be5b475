import { ApiError } from './api';

function csrf(): string | undefined {
  const m = /(?:^|;\s*)jiuye_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

/** The API's error body as an ApiError (its code, Chinese message and the field at fault). */
async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; path?: string };
  } | null;
  const e = body?.error;
  return new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? '', e?.path);
}

/**
 * Send a file as the request body (`POST /api/v1<path>?<query>`), with the session's CSRF token; its
 * content type when it is one of `types`, else application/octet-stream (the server judges by content).
 */
export async function uploadFile<T>(
  path: string,
  query: Record<string, string>,
  file: File,
  types: readonly string[],
): Promise<T> {
  const token = csrf();
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}?${new URLSearchParams(query).toString()}`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': types.includes(file.type) ? file.type : 'application/octet-stream',
        ...(token ? { 'x-csrf-token': token } : {}),
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '');
  }
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as T;
}

/** The file name a download's Content-Disposition gives (the UTF-8 one first), else `fallback`. */
export function attachmentName(disposition: string, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (star) return decodeURIComponent(star);
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
}

/**
 * Download a file the API serves (`/api/v1…`) with the session's cookie: fetched, so a refusal shows
 * as the API's Chinese message instead of a page of JSON, then handed to the browser as a file.
 * Returns the file's name.
 */
export async function downloadFile(path: string): Promise<string> {
  // An API path (`/payment-batches/…`), or a link's full address (`/api/v1/…` or `http…`).
  const href = /^(\/api\/|https?:)/.test(path) ? path : `/api/v1${path}`;
  let res: Response;
  try {
    res = await fetch(href, { headers: { accept: '*/*' } });
  } catch {
    throw new ApiError(0, 'NETWORK', '');
  }
  if (!res.ok) throw await errorOf(res);
  const filename = attachmentName(
    res.headers.get('content-disposition') ?? '',
    new URL(href, 'http://x').pathname.split('/').pop()!,
  );
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return filename;
}
