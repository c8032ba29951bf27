import { describe, expect, it } from 'vitest';
import type { WarmLoad } from '../../../src-renderer/src/first-slide-warmer';
import { LaterSlideWarmer } from '../../../src-renderer/src/later-slide-warmer';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A loader that records each URL and succeeds unless the URL is in `failing`. */
function recordingLoader(failing: ReadonlySet<string> = new Set()) {
  const calls: string[] = [];
  let active = 0;
  let mostAtOnce = 0;
  const load: WarmLoad = async ({ url }) => {
    calls.push(url);
    active += 1;
    mostAtOnce = Math.max(mostAtOnce, active);
    await settle();
    active -= 1;
    return failing.has(url) ? null : { keep: { url } };
  };
  return { calls, load, mostAtOnce: () => mostAtOnce };
}

const image = (url: string) => ({ url, kind: 'image' as const });
const video = (url: string) => ({ url, kind: 'video' as const });

async function drain() {
  for (let i = 0; i < 20; i++) await settle();
}

describe('LaterSlideWarmer', () => {
  it('warms each file once, one at a time, however often its theme comes back', async () => {
    const loader = recordingLoader();
    const warmer = new LaterSlideWarmer(loader.load);
    const themeA = [image('a1'), video('a2')];
    const themeB = [image('b1')];
    warmer.warmAll(themeA);
    await drain();
    warmer.warmAll(themeB);
    await drain();
    warmer.warmAll(themeA);
    await drain();
    expect(loader.calls).toEqual(['a1', 'a2', 'b1']);
    expect(loader.mostAtOnce()).toBe(1);
    expect(warmer.has('a2')).toBe(true);
  });

  it('gives up the previous theme’s queue when another theme flips in', async () => {
    const loader = recordingLoader();
    const warmer = new LaterSlideWarmer(loader.load);
    warmer.warmAll([image('a1'), image('a2'), image('a3')]);
    warmer.warmAll([image('b1')]);
    await drain();
    // a1 was already loading; a2 and a3 are no longer wanted.
    expect(loader.calls).toEqual(['a1', 'b1']);
  });

  it('tries a failed file again at the next flip', async () => {
    const failing = new Set(['bad']);
    const loader = recordingLoader(failing);
    const warmer = new LaterSlideWarmer(loader.load);
    warmer.warmAll([image('bad')]);
    await drain();
    expect(warmer.has('bad')).toBe(false);
    failing.clear();
    warmer.warmAll([image('bad')]);
    await drain();
    expect(loader.calls).toEqual(['bad', 'bad']);
    expect(warmer.has('bad')).toBe(true);
  });

  it('holds at most its capacity, letting go of the least recently used first', async () => {
    const loader = recordingLoader();
    const warmer = new LaterSlideWarmer(loader.load, 2);
    warmer.warmAll([image('x'), image('y')]);
    await drain();
    // x is used again (its theme flipped back), so y is the older one when z arrives.
    warmer.warmAll([image('x'), image('z')]);
    await drain();
    expect(warmer.warmUrls).toEqual(['x', 'z']);
    warmer.warmAll([image('y')]);
    await drain();
    expect(loader.calls).toEqual(['x', 'y', 'z', 'y']);
  });
});
