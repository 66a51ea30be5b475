import { uploadFile } from '../../lib/files';
import type { ImportSummary, ListKind } from './types';

const TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

/** `POST /exchange/imports`: the file itself as the body; the list kind, as-of date and file name in the query. */
export function uploadList(list: ListKind, asOf: string, file: File): Promise<ImportSummary> {
  return uploadFile<ImportSummary>('/exchange/imports', { list, asOf, fileName: file.name }, file, TYPES);
}
