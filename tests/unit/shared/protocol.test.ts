import { describe, expect, it } from 'vitest';
import { isNewerState, screenStateSchema } from '../../../src-shared/hall-state';
import { manifestSchema, referencedFiles } from '../../../src-shared/manifest';
import {
  activateRequestSchema,
  describeIssues,
  presentedReportSchema,
  screenAuthSchema,
} from '../../../src-shared/protocol';

const errorOf = (result: { success: boolean; error?: unknown }) =>
  result.success ? '' : describeIssues(result.error as never);

describe('protocol validators', () => {
  it('accepts theme keys 1-9 only', () => {
    expect(activateRequestSchema.safeParse({ key: '5' }).success).toBe(true);
    for (const key of ['0', '10', 'a', '', 5, null]) {
      expect(activateRequestSchema.safeParse({ key }).success).toBe(false);
    }
    expect(errorOf(activateRequestSchema.safeParse({ key: 'x' }))).toBe(
      'key: theme key must be one of the digits 1 to 9',
    );
  });

  it('validates screen handshakes and names the field', () => {
    expect(screenAuthSchema.safeParse({ name: '大厅-左屏 1' }).success).toBe(true);
    expect(errorOf(screenAuthSchema.safeParse({ name: '' }))).toMatch(
      /^name: screen name is empty/,
    );
    expect(errorOf(screenAuthSchema.safeParse({ name: 'a/b' }))).toMatch(/^name: /);
    expect(errorOf(screenAuthSchema.safeParse({ name: 'ok', key: 'short' }))).toMatch(/^key: /);
    expect(errorOf(screenAuthSchema.safeParse(undefined))).toMatch(/^\(payload\): /);
  });

  it('refuses presented reports that are not finite numbers', () => {
    expect(presentedReportSchema.safeParse({ revision: 1, presentedAt: 12.5 }).success).toBe(true);
    expect(presentedReportSchema.safeParse({ revision: -1, presentedAt: 1 }).success).toBe(false);
    expect(presentedReportSchema.safeParse({ revision: 1, presentedAt: Infinity }).success).toBe(
      false,
    );
  });

  it('validates a screen state as it arrives', () => {
    const state = {
      revision: 3,
      startAt: 1000,
      presentation: {
        themeKey: '1',
        packId: 'p',
        packVersion: '1.0.0',
        title: { zh: '题', en: 'T' },
        slides: [
          { type: 'text', title: { zh: '题', en: 'T' }, durationMs: 1000, transition: 'cut' },
        ],
      },
    };
    expect(screenStateSchema.safeParse(state).success).toBe(true);
    expect(screenStateSchema.safeParse({ ...state, revision: '3' }).success).toBe(false);
    expect(
      screenStateSchema.safeParse({ ...state, presentation: { ...state.presentation, slides: [] } })
        .success,
    ).toBe(false);
  });
});

describe('revisions', () => {
  it('only strictly newer states replace what is shown', () => {
    expect(isNewerState({ revision: 4 }, { revision: 5 })).toBe(true);
    expect(isNewerState({ revision: 5 }, { revision: 5 })).toBe(false);
    expect(isNewerState({ revision: 5 }, { revision: 3 })).toBe(false);
  });
});

describe('pack manifest', () => {
  const manifest = {
    format: 'hallcue-pack/1',
    id: 'demo',
    version: '1.0.0',
    title: { zh: '演示', en: 'Demo' },
    roles: {
      main: {
        slides: [
          { type: 'image', src: 'media/a.png', duration: 5 },
          { type: 'video', src: 'media/v.webm', poster: 'media/a.png', duration: 6 },
          { type: 'text', title: { zh: '题', en: 'T' }, background: 'media/bg.svg', duration: 4 },
        ],
      },
    },
  };

  it('fills defaults and lists referenced files once each', () => {
    const parsed = manifestSchema.parse(manifest);
    expect(parsed.roles.main?.slides[0]).toMatchObject({ transition: 'fade', fit: 'cover' });
    expect(referencedFiles(parsed)).toEqual(['media/a.png', 'media/v.webm', 'media/bg.svg']);
  });

  it.each(['../secret.png', '/etc/passwd', 'media\\a.png', 'C:/x.png', 'media//a.png'])(
    'refuses the unsafe path %s',
    (src) => {
      const bad = structuredClone(manifest);
      bad.roles.main.slides[0] = { type: 'image', src, duration: 5 };
      const result = manifestSchema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(errorOf(result)).toMatch(/^roles\.main\.slides\.0\.src: must be a relative path/);
    },
  );

  it('requires a main role, a slug id and at least one language', () => {
    expect(errorOf(manifestSchema.safeParse({ ...manifest, roles: {} }))).toMatch(/main/);
    expect(errorOf(manifestSchema.safeParse({ ...manifest, id: 'Bad Id' }))).toMatch(/^id: /);
    expect(manifestSchema.safeParse({ ...manifest, title: { zh: '演示' } }).success).toBe(true);
    expect(errorOf(manifestSchema.safeParse({ ...manifest, title: {} }))).toBe(
      'title: needs zh or en text (preferably both)',
    );
  });
});
