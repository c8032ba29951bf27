import type { IncomingMessage } from 'node:http';
import { parse as parseCookies } from 'cookie';

export type Language = 'zh' | 'en';

/** Remembers a visitor's choice from the language link, for every visitor page. */
export const LANGUAGE_COOKIE = 'hallcue_lang';

const asLanguage = (tag: string): Language | null => {
  const primary = tag.trim().toLowerCase().split('-')[0];
  return primary === 'zh' ? 'zh' : primary === 'en' ? 'en' : null;
};

/**
 * The language of a visitor page: the visitor's own choice (cookie) first, then the phone's
 * languages (Accept-Language, by weight), then Chinese, the hall's first language.
 */
export function pickLanguage(req: IncomingMessage): Language {
  const chosen = parseCookies(req.headers.cookie ?? '')[LANGUAGE_COOKIE];
  if (chosen === 'zh' || chosen === 'en') return chosen;
  const ranges = (req.headers['accept-language'] ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { language: asLanguage(tag), weight: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.language !== null && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  return ranges[0]?.language ?? 'zh';
}
