import { describe, expect, it } from 'vitest';
import type { WarmLoad } from '../../../src-renderer/src/first-slide-warmer';
import {
  LATER_WARM_AHEAD_MS,
  LATER_WARM_MIN_DELAY_MS,
  LaterSlideWarmer,
  laterWarmDelayMs,
} from '../../../src-renderer/src/later-slide-warmer';

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

describe('laterWarmDelayMs', () => {
  it('starts warming a few seconds before the second slide is due', () => {
    // Flipped on time: the second slide of an 8 s first slide is due in 8 s.
    expect(laterWarmDelayMs(0, [8000, 6000, 8000])).toBe(8000 - LATER_WARM_AHEAD_MS);
  });

  it('never starts within the flip, however short the slide', () => {
    expect(laterWarmDelayMs(0, [2000, 2000])).toBe(LATER_WARM_MIN_DELAY_MS);
    expect(laterWarmDelayMs(7900, [8000, 6000])).toBe(LATER_WARM_MIN_DELAY_MS);
  });

  it('follows the timeline for a screen that joins late', () => {
    // 10 s in: the second slide (6 s) ends at 14 s, so the next slide is due in 4 s.
    expect(laterWarmDelayMs(10_000, [8000, 6000, 8000])).toBe(4000 - LATER_WARM_AHEAD_MS);
    // Past a whole loop, the timeline wraps like the player's.
    expect(laterWarmDelayMs(22_000 + 1000, [8000, 6000, 8000], 3000)).toBe(4000);
  });

  it('warms a one-slide theme soon after the flip (it has no later slides to wait for)', () => {
    expect(laterWarmDelayMs(0, [30_000])).toBe(LATER_WARM_MIN_DELAY_MS);
  });
});
