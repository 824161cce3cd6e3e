import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { Locale, LocalizedText, MessageKey } from './messages';
import { pick, translate } from './messages';

interface LocaleValue {
  readonly locale: Locale;
  setLocale(locale: Locale): void;
  /** A designer string. */
  t(key: MessageKey, values?: Readonly<Record<string, string | number>>): string;
  /** An engine or definition text. */
  text(value: LocalizedText | undefined): string;
}

const LocaleContext = createContext<LocaleValue | null>(null);
const STORAGE_KEY = 'sentinel.designer.locale';

/** Chinese unless this browser chose English before. */
export function LocaleProvider({ children }: { readonly children: ReactNode }) {
  const [locale, setState] = useState<Locale>(() =>
    localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh',
  );
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setState(next);
  }, []);
  const value = useMemo<LocaleValue>(
    () => ({
      locale,
      setLocale,
      t: (key, values) => translate(key, locale, values),
      text: (v) => (v === undefined ? '' : pick(v, locale)),
    }),
    [locale, setLocale],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleValue {
  const value = useContext(LocaleContext);
  if (value === null) throw new Error('useLocale outside LocaleProvider');
  return value;
}
