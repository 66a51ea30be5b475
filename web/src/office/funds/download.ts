import { ApiError } from '../../lib/api';

/**
 * Download a file the API serves (`/api/v1…`) with the session's cookie: fetched, so a refusal shows
 * as the API's Chinese message instead of a page of JSON, then handed to the browser as a file.
 */
export async function downloadFile(path: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { headers: { accept: '*/*' } });
  } catch {
    throw new ApiError(0, 'NETWORK', '');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string; path?: string };
    } | null;
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? '', e?.path);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? path.split('/').pop()!.split('?')[0]!;
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
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
