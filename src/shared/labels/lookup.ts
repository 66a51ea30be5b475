import type { Label, LabelKind } from './catalogue.js';

export type LabelLang = 'zh-CN' | 'en';

/** Nested person facts: `internship.intern.birthDate` is 见习人员 + 出生日期. */
const PERSON_PREFIXES = ['internship.intern', 'poorLabourers.person'];

function pick(label: Label, lang: LabelLang): string {
  return lang === 'en' ? label.en : label.zh;
}

/**
 * A code's words in a catalogue (the server's or the one the web fetched). A fact path with array
 * indices (`poorLabourers.0.person.birthDate`, `poorLabourers[0]…`) is read without them; a nested
 * person's fact is its prefix's words and the fact's. An unknown code comes back as given (the
 * catalogue test keeps that from happening for the codes the system writes).
 */
export function lookupLabel(
  catalogue: Partial<Record<LabelKind, Record<string, Label>>>,
  kind: LabelKind,
  code: string | number,
  lang: LabelLang = 'zh-CN',
): string {
  const table = catalogue[kind] ?? {};
  const key = String(code);
  const own = Object.hasOwn(table, key) ? table[key] : undefined;
  if (own) return pick(own, lang);
  if (kind !== 'fact') return key;
  const path = key.replace(/\[\d+\]/g, '').replace(/\.\d+(?=\.|$)/g, '');
  const exact = Object.hasOwn(table, path) ? table[path] : undefined;
  if (exact) return pick(exact, lang);
  for (const prefix of PERSON_PREFIXES) {
    if (!path.startsWith(`${prefix}.`)) continue;
    const rest = path.slice(prefix.length + 1);
    const head = table[prefix];
    const tail = Object.hasOwn(table, rest) ? table[rest] : undefined;
    if (head && tail) return lang === 'en' ? `${head.en}: ${tail.en}` : `${head.zh}${tail.zh}`;
  }
  return key;
}

/** Whether the catalogue has words for the code (composed fact paths count). */
export function hasLabel(
  catalogue: Partial<Record<LabelKind, Record<string, Label>>>,
  kind: LabelKind,
  code: string,
): boolean {
  return (
    lookupLabel(catalogue, kind, code, 'zh-CN') !== code || lookupLabel(catalogue, kind, code, 'en') !== code
  );
}
