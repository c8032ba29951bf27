import { describe, expect, it } from 'vitest';
import type { ScreenState } from '../../../src-shared/hall-state';
import { followController } from '../../../src-renderer/src/follow-controller';
import { readScreenParams } from '../../../src-renderer/src/screen-params';

const A = 'http://10.0.0.1:7400';
const B = 'http://10.0.0.2:7400';
const sha = 'b'.repeat(64);

const state = (base: string): ScreenState => ({
  revision: 7,
  startAt: 1000,
  presentation: {
    themeKey: '2',
    packId: 'p',
    packVersion: '1.0.0',
    title: { zh: '题', en: 'T' },
    slides: [
      {
        type: 'image',
        url: `${base}/files/${sha}`,
        fit: 'cover',
        durationMs: 1,
        transition: 'cut',
      },
      {
        type: 'video',
        url: `${base}/files/${sha}`,
        posterUrl: `${base}/files/${sha}`,
        durationMs: 1,
        transition: 'cut',
      },
      { type: 'html', url: `${base}/packs/1/t/a.html`, durationMs: 1, transition: 'cut' },
      {
        type: 'image',
        url: `hallcue-file://${sha}`,
        fit: 'cover',
        durationMs: 1,
        transition: 'cut',
      },
    ],
  },
  override: {
    kind: 'emergency',
    message: { zh: '疏散', en: 'Evacuate' },
    media: { type: 'image', url: `${base}/files/${sha}` },
  },
});

describe('followController', () => {
  it('moves every URL on another configured node to the current one, nothing else', () => {
    const moved = followController(state(A), [A, B], B);
    expect(moved).toEqual(state(B));
    // The app's own cache URLs belong to no node and stay.
    expect(moved.presentation?.slides[3]).toMatchObject({ url: `hallcue-file://${sha}` });
    expect(moved.revision).toBe(7);
    expect(moved.startAt).toBe(1000);
  });

  it('returns the very same state when nothing points elsewhere, so nothing re-renders', () => {
    const onB = state(B);
    expect(followController(onB, [A, B], B)).toBe(onB);
  });

  it('leaves URLs of hosts that are not configured controllers alone', () => {
    const elsewhere = state('http://cdn.example');
    expect(followController(elsewhere, [A, B], B)).toBe(elsewhere);
  });

  it('can leave the media of an override on screen where it loaded from', () => {
    const moved = followController(state(A), [A, B], B, { override: false });
    expect(moved.override).toEqual(state(A).override);
    expect(moved.presentation).toEqual(state(B).presentation);
  });

  it('does not mistake a node whose port starts with another node port for it', () => {
    const C = 'http://10.0.0.1:74000';
    const onC = state(C);
    expect(followController(onC, [A, C], C)).toBe(onC);
  });
});

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('readScreenParams', () => {
  const read = (search: string) => {
    const warnings: string[] = [];
    const params = readScreenParams(
      { search, origin: 'http://page:7400' },
      new MemoryStorage() as unknown as Storage,
      (message) => warnings.push(message),
    );
    return { params, warnings };
  };

  it('takes every controller parameter, in order, once each', () => {
    const query = new URLSearchParams([
      ['screen', 'lobby'],
      ['controller', A],
      ['controller', `${B}/`],
      ['controller', A],
    ]);
    const { params, warnings } = read(`?${query.toString()}`);
    expect(params.name).toBe('lobby');
    expect(params.controllerUrls).toEqual([A, B]);
    expect(warnings).toEqual([]);
  });

  it("follows the page's own controller without any", () => {
    expect(read('?screen=lobby').params.controllerUrls).toEqual(['http://page:7400']);
  });

  it('leaves out a bad controller parameter with a warning naming it', () => {
    const query = new URLSearchParams([
      ['controller', 'ftp://x'],
      ['controller', B],
    ]);
    const { params, warnings } = read(`?screen=s&${query.toString()}`);
    expect(params.controllerUrls).toEqual([B]);
    expect(warnings).toEqual([
      '[hallcue] controller parameter ignored: "ftp://x" must start with http:// or https://',
    ]);
  });

  it("falls back to the page's origin, saying so, when no parameter is usable", () => {
    const { params, warnings } = read('?screen=s&controller=nonsense');
    expect(params.controllerUrls).toEqual(['http://page:7400']);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toContain('following http://page:7400');
  });
});
