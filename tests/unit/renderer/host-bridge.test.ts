import { describe, expect, it } from 'vitest';
import type { Presentation } from '../../../src-shared/presentation';
import {
  resolvePresentation,
  resolveUrl,
  type HostApi,
} from '../../../src-renderer/src/host-bridge';

const sha = 'a'.repeat(64);
const host: HostApi = {
  platform: 'electron',
  version: '1',
  prefetch: () => Promise.resolve({ held: [], failed: [] }),
  heartbeat: () => Promise.resolve(),
  setCredentials: () => Promise.resolve(),
};

describe('resolveUrl', () => {
  it('loads pack files from the controller in a browser', () => {
    expect(resolveUrl(`/files/${sha}`, 'http://10.0.0.5:7400', null)).toBe(
      `http://10.0.0.5:7400/files/${sha}`,
    );
  });

  it("loads pack files from the app's verified disk cache in the screen app", () => {
    expect(resolveUrl(`/files/${sha}`, 'http://10.0.0.5:7400', host)).toBe(`hallcue-file://${sha}`);
  });

  it('loads html pages from the controller even in the app (they need their folder)', () => {
    expect(resolveUrl('/packs/3/tok/page/index.html', 'http://c:7400', host)).toBe(
      'http://c:7400/packs/3/tok/page/index.html',
    );
  });

  it('leaves anything that is not a controller path alone', () => {
    expect(resolveUrl('/files/not-a-hash', 'http://c', host)).toBe('http://c/files/not-a-hash');
    expect(resolveUrl('data:image/png;base64,AA', 'http://c', host)).toBe(
      'data:image/png;base64,AA',
    );
  });
});

describe('resolvePresentation', () => {
  it('resolves every media URL of every slide type', () => {
    const presentation: Presentation = {
      themeKey: '1',
      packId: 'p',
      packVersion: '1.0.0',
      title: { zh: '题', en: 'T' },
      slides: [
        { type: 'image', url: `/files/${sha}`, fit: 'cover', durationMs: 1, transition: 'cut' },
        {
          type: 'video',
          url: `/files/${sha}`,
          posterUrl: `/files/${sha}`,
          durationMs: 1,
          transition: 'cut',
        },
        {
          type: 'text',
          title: { zh: '题', en: 'T' },
          backgroundUrl: `/files/${sha}`,
          durationMs: 1,
          transition: 'cut',
        },
        { type: 'html', url: '/packs/1/t/a.html', durationMs: 1, transition: 'cut' },
      ],
    };
    const resolved = resolvePresentation(presentation, 'http://c', host);
    expect(JSON.stringify(resolved)).not.toContain('"/files/');
    expect(resolved.slides[3]).toMatchObject({ url: 'http://c/packs/1/t/a.html' });
    expect(resolved.slides[1]).toMatchObject({ posterUrl: `hallcue-file://${sha}` });
  });
});
