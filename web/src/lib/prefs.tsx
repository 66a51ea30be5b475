import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { translator, type Lang, type Translate } from '../i18n';

const LANG_KEY = 'jiuye.lang';
const LARGE_KEY = 'jiuye.largeText';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

interface Prefs {
  lang: Lang;
  setLang: (lang: Lang) => void;
  largeText: boolean;
  setLargeText: (on: boolean) => void;
  t: Translate;
}

const PrefsContext = createContext<Prefs | null>(null);

/** Language and large-text mode (适老化), kept in localStorage so every page keeps them. */
export function PrefsProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (read(LANG_KEY) === 'en' ? 'en' : 'zh-CN'));
  const [largeText, setLargeState] = useState(() => read(LARGE_KEY) === '1');
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    write(LANG_KEY, l);
  }, []);
  const setLargeText = useCallback((on: boolean) => {
    setLargeState(on);
    write(LARGE_KEY, on ? '1' : '0');
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', largeText);
  }, [largeText]);
  const value = useMemo(
    () => ({ lang, setLang, largeText, setLargeText, t: translator(lang) }),
    [lang, setLang, largeText, setLargeText],
  );
  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): Prefs {
  const p = useContext(PrefsContext);
  if (!p) throw new Error('usePrefs outside PrefsProvider');
  return p;
}

export function useT(): Translate {
  return usePrefs().t;
}

/** The page title: "<page> · 凌源市公共就业服务". */
export function useTitle(title: string | undefined): void {
  const { t } = usePrefs();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.title')}` : `${t('app.title')} · Jiuye`;
  }, [title, t]);
}
