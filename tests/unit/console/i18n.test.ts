import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../src-controller/console/src/i18n-catalogue';
import { i18nFor, translate } from '../../../src-controller/console/src/i18n';

const CJK = /[\u3400-\u9fff]/;

describe('console catalogue', () => {
  it('has a non-empty English and Chinese text for every entry', () => {
    for (const [key, entry] of Object.entries(catalogue)) {
      for (const text of [entry.en, entry.zh]) {
        expect(typeof text === 'string' || typeof text === 'function', key).toBe(true);
        expect(typeof text, `${key}: both languages have the same shape`).toBe(typeof entry.en);
      }
    }
  });

  it('fills parameters in both languages', () => {
    expect(translate('en', 'keys.armedAll', 3)).toBe('● armed on all 3 screens');
    expect(translate('zh-CN', 'keys.armedAll', 3)).toBe('● 全部 3 块屏幕已就绪');
    expect(translate('zh-CN', 'app.keyError', '2', 'x')).toBe('按键 2：x');
  });

  it('really translates: most Chinese entries contain Chinese characters', () => {
    const keys = Object.keys(catalogue) as (keyof typeof catalogue)[];
    const untranslated = keys.filter((key) => {
      const zh = catalogue[key].zh as unknown;
      const sample =
        typeof zh === 'function'
          ? String((zh as (...a: unknown[]) => unknown)(1, 2, 3))
          : String(zh);
      return !CJK.test(sample);
    });
    // A few entries are symbols or proper names only; everything else must read as Chinese.
    expect(untranslated.length, untranslated.join(', ')).toBeLessThanOrEqual(keys.length / 20);
  });

  it('formats dates in the chosen locale', () => {
    const ms = Date.UTC(2026, 10, 24, 15, 4, 5);
    expect(i18nFor('zh-CN').dateTime(ms)).toMatch(/2026年11月2[45]日/);
    expect(i18nFor('en').dateTime(ms)).toMatch(/Nov 2[45], 2026/);
  });
});
