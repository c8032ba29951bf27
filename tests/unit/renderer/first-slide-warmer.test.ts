import { describe, expect, it } from 'vitest';
import { prefetchSchema, type FirstSlide } from '../../../src-shared/protocol';
import { FirstSlideWarmer, type WarmLoad } from '../../../src-renderer/src/first-slide-warmer';

const sha = (c: string) => c.repeat(64);
const image = (c: string) => ({ sha256: sha(c), kind: 'image' as const });

/** A loader that records each URL and settles when the test says so. */
function controlledLoader() {
  const calls: { url: string; resolve: (ok: boolean) => void }[] = [];
  const load: WarmLoad = ({ url }) =>
    new Promise((resolve) =>
      calls.push({ url, resolve: (ok) => resolve(ok ? { keep: { url } } : null) }),
    );
  return { calls, load };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const loader = controlledLoader();
  const reports: string[][] = [];
  const warmer = new FirstSlideWarmer(
    (s) => `/files/${s}`,
    loader.load,
    (k) => reports.push(k),
  );
  return { warmer, reports, calls: loader.calls };
}

/** Resolves every pending load as `ok`, repeatedly, until the warmer asks for no more. */
async function finishLoads(calls: { resolve: (ok: boolean) => void }[], ok = true) {
  for (let done = 0; ;) {
    await settle();
    if (done === calls.length) return;
    for (; done < calls.length; done++) calls[done]!.resolve(ok);
  }
}

const slides: FirstSlide[] = [
  { themeKey: '1', media: [image('a')] },
  { themeKey: '2', media: [image('b'), { sha256: sha('c'), kind: 'video' }] },
  { themeKey: '3', media: [] },
];

describe('FirstSlideWarmer', () => {
  it('decodes a theme only once the screen holds every file of its first slide', async () => {
    const { warmer, reports, calls } = setup();
    warmer.want(slides);
    await finishLoads(calls);
    // Theme 3's first slide needs no file (a plain text slide): warm at once.
    expect(warmer.warmKeys).toEqual(['3']);
    warmer.holding([sha('a'), sha('b')]);
    await finishLoads(calls);
    expect(warmer.warmKeys).toEqual(['1', '3']);
    warmer.holding([sha('a'), sha('b'), sha('c')]);
    await finishLoads(calls);
    expect(warmer.warmKeys).toEqual(['1', '2', '3']);
    expect(calls.map((c) => c.url)).toEqual(
      [sha('a'), sha('b'), sha('c')].map((s) => `/files/${s}`),
    );
    expect(reports.at(-1)).toEqual(['1', '2', '3']);
  });

  it('loads one file at a time', async () => {
    const { warmer, calls } = setup();
    warmer.want(slides);
    warmer.holding([sha('a'), sha('b'), sha('c')]);
    await settle();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(true);
    await settle();
    expect(calls).toHaveLength(2);
  });

  it('does not decode again for the same list, and lets go of themes no longer listed', async () => {
    const { warmer, calls } = setup();
    warmer.want(slides);
    warmer.holding([sha('a'), sha('b'), sha('c')]);
    await finishLoads(calls);
    const loads = calls.length;
    warmer.want(slides);
    warmer.holding([sha('a'), sha('b'), sha('c')]);
    await finishLoads(calls);
    expect(calls).toHaveLength(loads);
    warmer.want(slides.slice(0, 1));
    expect(warmer.warmKeys).toEqual(['1']);
  });

  it('warms a theme again when its first slide changes (a new pack version)', async () => {
    const { warmer, calls } = setup();
    warmer.want(slides.slice(0, 1));
    warmer.holding([sha('a'), sha('d')]);
    await finishLoads(calls);
    warmer.want([{ themeKey: '1', media: [image('d')] }]);
    // Not warm until the new picture is decoded.
    expect(warmer.warmKeys).toEqual([]);
    await finishLoads(calls);
    expect(warmer.warmKeys).toEqual(['1']);
    expect(calls.at(-1)?.url).toBe(`/files/${sha('d')}`);
  });

  it('forgets a theme dropped while it was loading', async () => {
    const { warmer, calls } = setup();
    warmer.want(slides.slice(0, 1));
    warmer.holding([sha('a')]);
    await settle();
    warmer.want([]);
    calls[0]!.resolve(true);
    await settle();
    expect(warmer.warmKeys).toEqual([]);
  });

  it('tries a failed theme again when the held files change, not in a loop', async () => {
    const { warmer, calls } = setup();
    warmer.want(slides.slice(0, 1));
    warmer.holding([sha('a')]);
    await finishLoads(calls, false);
    expect(warmer.warmKeys).toEqual([]);
    expect(calls).toHaveLength(1);
    warmer.holding([sha('a')]);
    await finishLoads(calls);
    expect(calls).toHaveLength(2);
    expect(warmer.warmKeys).toEqual(['1']);
  });
});

describe('prefetch message', () => {
  it('accepts first slides per theme and refuses a bad one', () => {
    const ok = prefetchSchema.safeParse({ files: [], firstSlides: slides });
    expect(ok.success).toBe(true);
    // Controllers from before first slides send files only.
    expect(prefetchSchema.safeParse({ files: [] }).success).toBe(true);
    const bad = prefetchSchema.safeParse({
      files: [],
      firstSlides: [{ themeKey: '1', media: [{ sha256: 'nope', kind: 'image' }] }],
    });
    expect(bad.success).toBe(false);
    const kind = prefetchSchema.safeParse({
      files: [],
      firstSlides: [{ themeKey: '1', media: [{ sha256: sha('a'), kind: 'html' }] }],
    });
    expect(kind.success).toBe(false);
  });
});
