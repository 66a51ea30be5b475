import { ApiError } from '../../lib/api';
import type { ImportSummary, ListKind } from './types';

const TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

function csrf(): string | undefined {
  const m = /(?:^|;\s*)jiuye_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

/** `POST /exchange/imports`: the file itself as the body; the list kind, as-of date and file name in the query. */
export async function uploadList(list: ListKind, asOf: string, file: File): Promise<ImportSummary> {
  const query = new URLSearchParams({ list, asOf, fileName: file.name });
  const token = csrf();
  let res: Response;
  try {
    res = await fetch(`/api/v1/exchange/imports?${query.toString()}`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': TYPES.includes(file.type) ? file.type : 'application/octet-stream',
        ...(token ? { 'x-csrf-token': token } : {}),
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; path?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? '', err?.path);
  }
  return body as ImportSummary;
}
