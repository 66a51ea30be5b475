import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { auditedTransaction, type Actor } from '../../access/index.js';
import type { ApplicationsContext } from '../applications-context.js';
import { applicationRepository, type MaterialRow } from '../infra/application.repository.js';
import { loadAsApplicant, recordEvent } from './apply.js';
import { today } from './judge.js';
import { loadReadable } from './queries.js';

export const MaterialViewSchema = z.object({
  id: z.number(),
  kind: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type MaterialView = z.infer<typeof MaterialViewSchema>;

const view = (m: MaterialRow): MaterialView => ({
  id: m.id,
  kind: m.kind,
  filename: m.filename,
  mime: m.mime,
  size: m.size_bytes,
  sha256: m.sha256,
  uploadedAt: m.uploaded_at.toISOString(),
});

export const MaterialKindSchema = z.string().trim().min(1).max(100);

/**
 * Attach evidence to an application not yet decided: the type is judged from the content (PDF, JPEG,
 * PNG), the size limited, the file kept outside the database by its SHA-256, which the row records.
 */
export async function addMaterial(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
  input: { kind: string; filename: string; data: Buffer },
): Promise<MaterialView> {
  const kind = MaterialKindSchema.parse(input.kind);
  const filename = input.filename.replace(/[\\/\0]/g, '_').slice(0, 200) || 'file';
  // The file is stored first (content-addressed, atomic): a crash leaves at worst an unreferenced file.
  const current = await ctx.db.transaction().execute((trx) => loadAsApplicant(ctx, trx, actor, id));
  if (!['draft', 'returned', 'inReview'].includes(current.status))
    throw new AppError('APPLICATION_NOT_EDITABLE');
  const stored = await ctx.materials.put(input.data, { maxBytes: ctx.materials.maxBytes });
  return auditedTransaction(ctx.db, actor, async (trx, audit) => {
    const row = await loadAsApplicant(ctx, trx, actor, id);
    if (!['draft', 'returned', 'inReview'].includes(row.status))
      throw new AppError('APPLICATION_NOT_EDITABLE');
    const m = await applicationRepository.addMaterial(trx, {
      county: row.county,
      application_id: row.id,
      kind,
      filename,
      mime: stored.mime,
      size_bytes: stored.size,
      sha256: stored.sha256,
      storage_key: stored.key,
      uploaded_by: actor.accountId,
      removed_at: null,
    });
    await recordEvent(trx, audit, actor, row, today(ctx), {
      action: 'materialAdded',
      details: { material: m.id, kind, mime: m.mime, size: m.size_bytes, sha256: m.sha256 },
    });
    return view(m);
  });
}

export async function listMaterials(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
): Promise<MaterialView[]> {
  const row = await loadReadable(ctx, actor, id);
  return (await applicationRepository.materials(ctx.db, row.county, row.id)).map(view);
}

/** A material's content, its checksum verified on the way out. */
export async function readMaterial(
  ctx: ApplicationsContext,
  actor: Actor,
  id: number,
  materialId: number,
): Promise<{ material: MaterialView; data: Buffer }> {
  const row = await loadReadable(ctx, actor, id);
  const m = await applicationRepository.material(ctx.db, row.county, row.id, materialId);
  if (!m) throw new AppError('MATERIAL_NOT_FOUND');
  return { material: view(m), data: await ctx.materials.open(m.storage_key) };
}
