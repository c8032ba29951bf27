import { useMemo } from 'react';
import { hallCatalogue, type HallCatalogue } from './hall-catalogue';

type Key = keyof HallCatalogue;
type Args<K extends Key> = HallCatalogue[K]['en'] extends (...args: infer A) => string ? A : [];

/** Until the console's language switch lands, the hall controls speak the browser's language. */
function language(): 'en' | 'zh-CN' {
  const saved = globalThis.localStorage?.getItem('hallcue.language');
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return (globalThis.navigator?.language ?? 'en').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function useHallI18n() {
  const lang = language();
  return useMemo(() => {
    const column = lang === 'zh-CN' ? 'zh' : 'en';
    const time = new Intl.DateTimeFormat(lang, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      language: lang,
      t<K extends Key>(key: K, ...args: Args<K>): string {
        const text: unknown = hallCatalogue[key][column];
        return typeof text === 'function'
          ? (text as (...a: Args<K>) => string)(...args)
          : String(text);
      },
      time: (ms: number) => time.format(ms),
      dateTime: (ms: number) => dateTime.format(ms),
    };
  }, [lang]);
}
