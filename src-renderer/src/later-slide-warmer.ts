import { positionAt } from '../../src-shared/timeline';
import type { WarmLoad } from './first-slide-warmer';

/** How long before the next slide is due its theme's later slides start warming. */
export const LATER_WARM_AHEAD_MS = 3000;
/** The least time after a flip before warming starts, so it never shares the flip's frames. */
export const LATER_WARM_MIN_DELAY_MS = 250;

/**
 * How long after now to start warming a theme's later slides: `aheadMs` before the next slide
 * is due on the shared timeline, and never within `minMs` of the flip. Warming right after
 * every flip decoded a theme's video and pictures on every screen at the moment an operator
 * browsing themes pressed the next key: in bench:switch (a press every 1.5 s) the first press
 * of each theme made the next three or four presses 80-120 ms slower to get ready
 * (docs/sync.md). Started shortly before it is needed, warming is spent only on a theme that
 * stays on screen, and lands between flips.
 */
export function laterWarmDelayMs(
  elapsedMs: number,
  durationsMs: readonly number[],
  aheadMs = LATER_WARM_AHEAD_MS,
  minMs = LATER_WARM_MIN_DELAY_MS,
): number {
  if (durationsMs.length < 2) return minMs;
  return Math.max(minMs, positionAt(elapsedMs, durationsMs).remainingMs - aheadMs);
}

interface Warm {
  /** What keeps the file decoded (an image element), or null for a video (cache only). */
  keep: unknown;
}

/**
 * Warms the media of a theme's later slides after each flip, one file at a time, remembering
 * what it has warmed: a hall that goes back and forth between a few themes decodes each file
 * once, not at every press. Measured on one screen page (docs/sync.md): warming every later
 * slide again after each flip was about a third of the page's CPU per press, work that lands
 * next to the flips of any other screens the machine runs.
 *
 * The memory it holds is bounded: the `capacity` most recently used files stay warm, older ones
 * are let go (and warmed again if a later theme needs them).
 */
export class LaterSlideWarmer {
  private readonly warm = new Map<string, Warm>();
  private queue: { url: string; kind: 'image' | 'video' }[] = [];
  private running = false;

  constructor(
    private readonly load: WarmLoad,
    private readonly capacity = 64,
  ) {}

  /**
   * Warms `media` (a theme's later slides, in slide order) from now on, in place of what an
   * earlier flip asked for: only the theme on screen needs its next slides.
   */
  warmAll(media: readonly { url: string; kind: 'image' | 'video' }[]): void {
    for (const { url } of media) this.touch(url);
    this.queue = media.filter(({ url }) => !this.warm.has(url));
    void this.run();
  }

  /** Whether `url` is warm now. */
  has(url: string): boolean {
    return this.warm.has(url);
  }

  /** Urls warm now, least recently used first. */
  get warmUrls(): string[] {
    return [...this.warm.keys()];
  }

  /** Marks `url` as just used, so it is the last to be let go. */
  private touch(url: string) {
    const entry = this.warm.get(url);
    if (!entry) return;
    this.warm.delete(url);
    this.warm.set(url, entry);
  }

  private async run() {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        if (this.warm.has(next.url)) continue;
        const loaded = await this.load(next);
        // A failure is not remembered: the next flip of this theme tries again.
        if (!loaded) continue;
        this.warm.set(next.url, { keep: next.kind === 'image' ? loaded.keep : null });
        while (this.warm.size > this.capacity) {
          const oldest = this.warm.keys().next().value;
          if (oldest === undefined) break;
          this.warm.delete(oldest);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
