import { z } from 'zod';
import type { AnyDb } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import { can, type Actor } from '../../access/index.js';
import type { RulesEngine } from '../domain/engine.js';
import { parametersUsedBy, valuePeriods } from '../domain/parameter-usage.js';
import { valueOn } from '../domain/parameters.js';
import { packVersionRepository } from '../infra/pack-versions.repository.js';

const ReferenceViewSchema = z.object({
  document: z.string(),
  clause: z.string().nullable(),
  /** The clause's own words. */
  text: z.string().nullable(),
  assumed: z.boolean(),
  confirmBy: z.string().nullable(),
  note: z.string().nullable(),
});

export const PackOverviewSchema = z.object({
  date: z.string(),
  /** The version in force on the date (`lingyuan-2019@1.0.0`). */
  active: z.string(),
  /** The date from which it applies, when activated from the database (null: the committed pack). */
  activeFrom: z.string().nullable(),
  bundled: z.string(),
  name: z.string(),
  source: ReferenceViewSchema,
  versions: z.array(
    z.object({
      id: z.number(),
      version: z.string(),
      label: z.string(),
      checksum: z.string(),
      loadedAt: z.string(),
      loadedBy: z.string(),
      activeFrom: z.string().nullable(),
      activatedAt: z.string().nullable(),
      activatedBy: z.string().nullable(),
      inForce: z.boolean(),
    }),
  ),
  programmes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      nameEn: z.string(),
      audience: z.string(),
      kind: z.string(),
      fund: z.string().nullable(),
      legalBasis: ReferenceViewSchema,
      versions: z.array(
        z.object({ from: z.string(), to: z.string().nullable(), reference: ReferenceViewSchema }),
      ),
      parameters: z.array(z.string()),
    }),
  ),
  parameters: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      nameEn: z.string().nullable(),
      type: z.string(),
      unit: z.string().nullable(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      limitReference: ReferenceViewSchema.nullable(),
      toBeSet: z.boolean(),
      /** The value in force on the date (null before its first value). */
      current: z.unknown(),
      history: z.array(
        z.object({
          from: z.string(),
          to: z.string().nullable(),
          value: z.unknown(),
          reference: ReferenceViewSchema,
        }),
      ),
    }),
  ),
});
export type PackOverview = z.infer<typeof PackOverviewSchema>;

type Ref = {
  document: string;
  clause?: string | undefined;
  text?: string | undefined;
  assumed?: boolean | undefined;
  confirmBy?: string | undefined;
  note?: string | undefined;
};
const ref = (r: Ref) => ({
  document: r.document,
  clause: r.clause ?? null,
  text: r.text ?? null,
  assumed: r.assumed ?? false,
  confirmBy: r.confirmBy ?? null,
  note: r.note ?? null,
});

/**
 * The policy in force on a date as the policy pages show it: the versions loaded and activated, every
 * programme with the parameters it uses, and every parameter with its dated values and their sources.
 * For the policy administrator and the roles that run what-if simulations (read only).
 */
export async function packOverview(
  db: AnyDb,
  actor: Actor,
  engine: RulesEngine,
  bundled: string,
  date: string,
): Promise<PackOverview> {
  if (!can(actor, 'rules.manage') && !can(actor, 'rules.simulate')) throw new AppError('FORBIDDEN');
  const src = engine.sources;
  const rows = await packVersionRepository.list(db, src.meta.id);
  // The row in force: the latest activated on or before the date whose label is the engine's.
  const inForce = rows
    .filter((r) => r.active_from && r.active_from <= date && `${r.pack}@${r.version}` === engine.label)
    .sort((a, b) => (a.active_from! < b.active_from! ? -1 : 1))
    .at(-1);
  return {
    date,
    active: engine.label,
    activeFrom: inForce?.active_from ?? null,
    bundled,
    name: src.meta.name,
    source: ref(src.meta.source),
    versions: rows.map((r) => ({
      id: r.id,
      version: r.version,
      label: `${r.pack}@${r.version}`,
      checksum: r.checksum,
      loadedAt: r.loaded_at.toISOString(),
      loadedBy: r.loaded_by,
      activeFrom: r.active_from,
      activatedAt: r.activated_at?.toISOString() ?? null,
      activatedBy: r.activated_by,
      inForce: r.id === inForce?.id,
    })),
    programmes: src.programmes.map((p) => ({
      id: p.id,
      name: p.name,
      nameEn: p.nameEn,
      audience: p.audience,
      kind: p.kind,
      fund: p.fund,
      legalBasis: ref(p.legalBasis),
      versions: p.versions.map((v) => ({ from: v.from, to: v.to, reference: ref(v.reference) })),
      parameters: parametersUsedBy(p, src.parameters),
    })),
    parameters: src.parameters.map((p) => ({
      id: p.id,
      name: p.name,
      nameEn: p.nameEn ?? null,
      type: p.type,
      unit: p.unit ?? null,
      min: p.min ?? null,
      max: p.max ?? null,
      limitReference: p.limitReference ? ref(p.limitReference) : null,
      toBeSet: p.toBeSet,
      current: valueOn(p, date) ?? null,
      history: valuePeriods(p.values).map((v) => ({ ...v, reference: ref(v.reference) })),
    })),
  };
}
