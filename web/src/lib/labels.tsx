import { useCallback, useSyncExternalStore } from 'react';
import type { LabelCatalogue, LabelKind } from '../../../src/shared/labels/catalogue';
import { lookupLabel } from '../../../src/shared/labels/lookup';
import { api } from './api';
import { usePrefs } from './prefs';

export type { LabelKind } from '../../../src/shared/labels/catalogue';

/**
 * The one label catalogue (src/shared/labels), fetched once from `/api/v1/labels` and shared by every
 * page: `const label = useLabels(); label('fact', 'talent.arrivedOn')` → 来凌源工作日期 (English when
 * the page is in English). Until it has loaded, a code shows as the empty string, never raw.
 */
type Catalogue = Partial<LabelCatalogue>;

let catalogue: Catalogue | undefined;
let loading: Promise<void> | undefined;
const listeners = new Set<() => void>();

function load(): void {
  if (catalogue || loading) return;
  loading = api<LabelCatalogue>('/labels').then(
    (c) => {
      catalogue = c;
      for (const l of listeners) l();
    },
    () => {
      loading = undefined; // try again on the next page that asks
    },
  );
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  load();
  return () => listeners.delete(listener);
}

export type LabelFn = (kind: LabelKind, code: string | number | null | undefined) => string;

export function useLabels(): LabelFn {
  const { lang } = usePrefs();
  const current = useSyncExternalStore(subscribe, () => catalogue);
  lastLang = lang;
  return useCallback<LabelFn>(
    (kind, code) => {
      if (code === null || code === undefined || code === '') return '';
      if (!current) return '';
      return lookupLabel(current, kind, code, lang);
    },
    [current, lang],
  );
}

let lastLang: 'zh-CN' | 'en' = 'zh-CN';

/**
 * The same lookup outside a hook (plain helpers called while a page renders): it reads the catalogue
 * the page's `useLabels()` loaded, in the language it last rendered in.
 */
export function labelNow(kind: LabelKind, code: string | number | null | undefined): string {
  if (code === null || code === undefined || code === '' || !catalogue) return '';
  return lookupLabel(catalogue, kind, code, lastLang);
}

/**
 * A fact source's reference in words: the system's fixed references (`persons (from the ID number)`)
 * from the catalogue; department lists and officers' notes are already written for people.
 */
export function sourceRefText(label: LabelFn, ref: string | null | undefined): string {
  if (!ref) return '';
  const known = label('factSourceRef', ref);
  if (known && known !== ref) return known;
  // An identifier the catalogue lacks (`persons`, `household 12`) is not for people's eyes.
  return /^[a-z][\w.-]*( \d+)?$/.test(ref) ? '' : ref;
}

/** For tests and for a page that received the catalogue another way. */
export function setLabelCatalogue(c: Catalogue | undefined): void {
  catalogue = c;
  for (const l of listeners) l();
}
