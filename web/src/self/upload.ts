import type { Material } from '../lib/applications';
import { uploadFile } from '../lib/files';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/** `POST /applications/:id/materials`: the file itself as the body (the server judges its type by content). */
export function uploadMaterial(applicationId: number, kind: string, file: File): Promise<Material> {
  return uploadFile<Material>(
    `/applications/${applicationId}/materials`,
    { kind, filename: file.name },
    file,
    UPLOAD_TYPES,
  );
}
