import { z } from 'zod';
import type { FactRow } from '../infra/fact.repository.js';

export const FactSourceSchema = z.object({
  kind: z.string().describe('self | staff | department | system'),
  ref: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.number().nullable(),
});
export type FactSource = z.infer<typeof FactSourceSchema>;

export const FactViewSchema = z.object({
  id: z.number(),
  subjectType: z.string(),
  subjectId: z.number(),
  name: z.string(),
  value: z.unknown(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  source: FactSourceSchema,
  /** For a person's facts: set when the fact is the household's, inherited by its members. */
  via: z.object({ household: z.number() }).optional(),
});
export type FactView = z.infer<typeof FactViewSchema>;

export function mapFact(r: FactRow, via?: { household: number }): FactView {
  return {
    id: r.id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    name: r.name,
    value: r.value,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    source: {
      kind: r.source_kind,
      ref: r.source_ref,
      recordedAt: r.recorded_at.toISOString(),
      recordedBy: r.recorded_by,
    },
    ...(via ? { via } : {}),
  };
}
