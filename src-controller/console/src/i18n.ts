import { useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { catalogue, type Catalogue } from './i18n-catalogue';

/** The console's languages, as BCP 47 tags (also the values stored with each account). */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export type MessageKey = keyof Catalogue;
type Args<K extends MessageKey> = Catalogue[K]['en'] extends (...args: infer A) => string ? A : [];

const column = (language: Language) => (language === 'zh-CN' ? 'zh' : 'en');

/** One string of the catalogue in one language; parameterised entries take their arguments. */
export function translate<K extends MessageKey>(
  language: Language,
  key: K,
  ...args: Args<K>
): string {
  const text: unknown = catalogue[key][column(language)];
  return typeof text === 'function' ? (text as (...a: Args<K>) => string)(...args) : String(text);
}

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

const STORAGE_KEY = 'hallcue.language';

/**
 * Before anyone logs in, the console speaks the language this browser last used, else the
 * browser's own; after login the account's stored choice wins.
 */
function initialLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // storage can be disabled; the browser language is a fine fallback
  }
  const browser = globalThis.navigator?.language ?? 'en';
  return browser.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const languageStore = createStore<{ language: Language }>(() => ({
  language: initialLanguage(),
}));

export function setLanguage(language: Language) {
  languageStore.setState({ language });
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered in this browser; the account still remembers it
  }
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export interface I18n {
  language: Language;
  t: <K extends MessageKey>(key: K, ...args: Args<K>) => string;
  /** Date and time in the chosen language's conventions. */
  dateTime: (ms: number) => string;
  time: (ms: number) => string;
  number: (n: number) => string;
}

export function i18nFor(language: Language): I18n {
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
  const time = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const number = new Intl.NumberFormat(language);
  return {
    language,
    t: (key, ...args) => translate(language, key, ...args),
    dateTime: (ms) => dateTime.format(ms),
    time: (ms) => time.format(ms),
    number: (n) => number.format(n),
  };
}

/** The translator for code outside React (socket and upload callbacks). */
export const currentI18n = (): I18n => i18nFor(languageStore.getState().language);

/** The current language's translator and formatters; re-renders when the language changes. */
export function useI18n(): I18n {
  const language = useStore(languageStore, (s) => s.language);
  return useMemo(() => i18nFor(language), [language]);
}
