import zh from './zh-CN.json';
import en from './en.json';

export type Lang = 'zh-CN' | 'en';
export type MessageKey = keyof typeof zh;

/** Both catalogues carry every key: a key missing from en.json fails the type check here. */
const catalogues: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zh, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const messages = catalogues[lang];
  return (key, vars) => {
    const text = messages[key] ?? zh[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
  };
}
