import { describe, expect, it } from 'vitest';
import type { StoredFile } from '../../../src-controller/server/db/packs-table';
import { firstSlideMedia, rehearsalSlide } from '../../../src-controller/server/hall/first-slides';
import { manifestSchema } from '../../../src-shared/manifest';

const sha = (c: string) => c.repeat(64);
const files = new Map<string, StoredFile>(
  [
    ['media/a.png', 'a'],
    ['media/poster.png', 'b'],
    ['media/clip.webm', 'c'],
    ['media/bg.svg', 'd'],
    ['media/cone.glb', 'e'],
    ['pages/index.html', 'f'],
    ['media/left.png', '1'],
  ].map(([path, c]) => [path!, { sha256: sha(c!), size: 10, mime: 'x' }]),
);

const fileAt = (path: string) => files.get(path);

const manifestWith = (roles: Record<string, unknown[]>) =>
  manifestSchema.parse({
    format: 'hallcue-pack/1',
    id: 'first',
    version: '1.0.0',
    title: { zh: '首页', en: 'First' },
    roles: Object.fromEntries(
      Object.entries(roles).map(([role, slides]) => [
        role,
        { slides: slides.map((s) => ({ duration: 5, ...(s as object) })) },
      ]),
    ),
  });

const firstOf = (slide: Record<string, unknown>, role = 'main') =>
  firstSlideMedia(
    manifestWith({ main: [slide, { type: 'image', src: 'media/left.png' }] }),
    fileAt,
    role,
  );

describe('firstSlideMedia', () => {
  it('lists only the first slide, with how each file is decoded', () => {
    expect(firstOf({ type: 'image', src: 'media/a.png' })).toEqual([
      { sha256: sha('a'), kind: 'image' },
    ]);
    // The poster first, as the screen preloads it: it is what shows until the video plays.
    expect(firstOf({ type: 'video', src: 'media/clip.webm', poster: 'media/poster.png' })).toEqual([
      { sha256: sha('b'), kind: 'image' },
      { sha256: sha('c'), kind: 'video' },
    ]);
    expect(firstOf({ type: 'video', src: 'media/clip.webm' })).toEqual([
      { sha256: sha('c'), kind: 'video' },
    ]);
  });

  it('warms a text slide by its background and a model by its poster only', () => {
    const title = { zh: '标题', en: 'Title' };
    expect(firstOf({ type: 'text', title, background: 'media/bg.svg' })).toEqual([
      { sha256: sha('d'), kind: 'image' },
    ]);
    expect(firstOf({ type: 'text', title })).toEqual([]);
    expect(firstOf({ type: 'model', src: 'media/cone.glb', poster: 'media/poster.png' })).toEqual([
      { sha256: sha('b'), kind: 'image' },
    ]);
    expect(firstOf({ type: 'html', src: 'pages/index.html' })).toEqual([]);
  });

  it("uses the screen's role, and main for a role the pack lacks", () => {
    const manifest = manifestWith({
      main: [{ type: 'image', src: 'media/a.png' }],
      left: [{ type: 'image', src: 'media/left.png' }],
    });
    expect(firstSlideMedia(manifest, fileAt, 'left')).toEqual([
      { sha256: sha('1'), kind: 'image' },
    ]);
    expect(firstSlideMedia(manifest, fileAt, 'right')).toEqual([
      { sha256: sha('a'), kind: 'image' },
    ]);
  });

  it('leaves out a file the store does not have rather than fail', () => {
    expect(
      firstSlideMedia(
        manifestWith({ main: [{ type: 'image', src: 'media/a.png' }] }),
        () => undefined,
        'main',
      ),
    ).toEqual([]);
  });
});

describe('rehearsalSlide', () => {
  const rehearsalOf = (slide: Record<string, unknown>) =>
    rehearsalSlide(
      manifestWith({ main: [slide, { type: 'image', src: 'media/left.png' }] }),
      fileAt,
      'main',
    );

  it('gives a text or image first slide as the screen will show it, without its QR code', () => {
    const title = { zh: '标题', en: 'Title' };
    expect(rehearsalOf({ type: 'text', title, background: 'media/bg.svg', qr: true })).toEqual({
      type: 'text',
      title,
      backgroundUrl: `/files/${sha('d')}`,
      durationMs: 5000,
      transition: 'fade',
    });
    expect(rehearsalOf({ type: 'image', src: 'media/a.png' })).toMatchObject({
      type: 'image',
      url: `/files/${sha('a')}`,
    });
  });

  it('rehearses no video, page or 3D slide, and no slide whose file is missing', () => {
    expect(rehearsalOf({ type: 'video', src: 'media/clip.webm' })).toBeUndefined();
    expect(rehearsalOf({ type: 'html', src: 'pages/index.html' })).toBeUndefined();
    expect(rehearsalOf({ type: 'model', src: 'media/cone.glb' })).toBeUndefined();
    expect(
      rehearsalSlide(
        manifestWith({ main: [{ type: 'image', src: 'media/a.png' }] }),
        () => undefined,
        'main',
      ),
    ).toBeUndefined();
  });
});
