import { z } from 'zod';
import { LABELS, LABEL_KINDS, type Label, type LabelCatalogue, type LabelKind } from './catalogue.js';
import { lookupLabel, type LabelLang } from './lookup.js';

export { LABELS, LABEL_KINDS, type Label, type LabelCatalogue, type LabelKind } from './catalogue.js';
export { hasLabel, lookupLabel, type LabelLang } from './lookup.js';

/**
 * A code's words for people (default zh-CN): `labelOf('fact', 'talent.firstHomeInLingyuan')` →
 * 在凌源首次购房自住. Parameters and programmes are named by the pack: pass them in `extra`.
 */
export function labelOf(
  kind: LabelKind,
  code: string | number,
  lang: LabelLang = 'zh-CN',
  extra?: Partial<LabelCatalogue>,
): string {
  if (extra?.[kind] && Object.hasOwn(extra[kind], String(code))) return lookupLabel(extra, kind, code, lang);
  return lookupLabel(LABELS, kind, code, lang);
}

/** Several facts named in one line, as API messages name missing facts: 出生日期、最高学历. */
export function factList(paths: readonly string[], lang: LabelLang = 'zh-CN'): string {
  return paths.map((p) => labelOf('fact', p, lang)).join(lang === 'en' ? ', ' : '、');
}

export const LabelSchema = z.object({ zh: z.string(), en: z.string() });
export const LabelCatalogueSchema = z
  .object(
    Object.fromEntries(LABEL_KINDS.map((k) => [k, z.record(z.string(), LabelSchema)])) as Record<
      LabelKind,
      z.ZodRecord<z.ZodString, typeof LabelSchema>
    >,
  )
  .describe('标签目录 The words for every code: { kind: { code: { zh, en } } }');

/** The catalogue with the pack's parameter and programme names added. */
export function catalogueWith(
  parameters: ReadonlyArray<{ id: string; name: string; nameEn?: string | null | undefined }>,
  programmes: ReadonlyArray<{ id: string; name: string; nameEn?: string | null | undefined }>,
): LabelCatalogue {
  const named = (xs: typeof parameters): Record<string, Label> =>
    Object.fromEntries(xs.map((x) => [x.id, { zh: x.name, en: x.nameEn ?? x.name }]));
  return { ...LABELS, parameter: named(parameters), programme: named(programmes) };
}
