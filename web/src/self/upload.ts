import { ApiError } from '../lib/api';
import type { Material } from '../lib/applications';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

function csrf(): string | undefined {
  const m = /(?:^|;\s*)jiuye_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

/** `POST /applications/:id/materials`: the file itself as the body (the server judges its type by content). */
export async function uploadMaterial(applicationId: number, kind: string, file: File): Promise<Material> {
  const query = new URLSearchParams({ kind, filename: file.name });
  const token = csrf();
  let res: Response;
  try {
    res = await fetch(`/api/v1/applications/${applicationId}/materials?${query.toString()}`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': UPLOAD_TYPES.includes(file.type) ? file.type : 'application/octet-stream',
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
  return body as Material;
}
