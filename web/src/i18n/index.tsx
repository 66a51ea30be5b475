import zh from './zh-CN.json';
import en from './en.json';
import type { AreaKey } from './areas';

export type Lang = 'zh-CN' | 'en';
/** The public catalogue's keys, and those of the areas loaded with their own chunks (areas.ts). */
export type MessageKey = keyof typeof zh | AreaKey;

/** Both catalogues carry every key: a key missing from en.json fails the type check here. */
const catalogues: Record<Lang, Record<string, string>> = {
  'zh-CN': { ...zh },
  en: { ...(en satisfies Record<keyof typeof zh, string>) },
};

/**
 * An area's catalogue (self-service, back-office parts), registered when its chunk loads, so the public
 * pages never carry the back office's words. The English one must carry every key of the Chinese one.
 */
export function registerMessages<T extends Record<string, string>>(
  zhCN: T,
  english: Record<keyof T, string>,
): void {
  Object.assign(catalogues['zh-CN'], zhCN);
  Object.assign(catalogues.en, english);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const messages = catalogues[lang];
  const fallback = catalogues['zh-CN'];
  return (key, vars) => {
    const text = messages[key] ?? fallback[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
  };
}
