import type { FirstSlide, SlideMedia } from '../../src-shared/protocol';
import { decodeImage, preloadVideo } from './preload-media';

/** Loads one file of a slide; resolves with what keeps it decoded, or null if it failed. */
export type WarmLoad = (media: {
  url: string;
  kind: SlideMedia['kind'];
}) => Promise<{ keep: unknown } | null>;

interface Entry {
  signature: string;
  state: 'warming' | 'warm' | 'failed';
  /** Held so the page keeps the decoded pixels: dropping the entry lets them go. */
  kept: unknown[];
}

const signatureOf = (slide: FirstSlide) =>
  slide.media.map((m) => `${m.kind}:${m.sha256}`).join(',');

/**
 * Keeps the first slide of every theme on a key decoded before any press. Without it, a screen's
 * first press of each theme after the page loads waits on a cold decode; the controller's lead
 * must cover the slowest screen, so one cold screen slows the next several presses for all.
 *
 * A theme is warmed once the screen holds every file of its first slide (verified, so decoding
 * never fetches from the controller at a bad moment), one file at a time so it never crowds the
 * page. Only first slides of the listed themes are kept, and a new list lets go of the rest.
 */
export class FirstSlideWarmer {
  private wanted: FirstSlide[] = [];
  private held: ReadonlySet<string> = new Set();
  private readonly entries = new Map<string, Entry>();
  private running = false;
  private reported = '';

  constructor(
    /** Where the page loads a file, by its sha256 (the URL a presentation resolves to). */
    private readonly urlOf: (sha256: string) => string,
    private readonly load: WarmLoad,
    /** Called with the warm theme keys, sorted, whenever they change. */
    private readonly onWarm: (themeKeys: string[]) => void,
  ) {}

  /** Replaces the themes to keep warm; a theme gone from the list, or changed, is let go. */
  want(slides: readonly FirstSlide[]): void {
    const byKey = new Map<string, FirstSlide>();
    for (const slide of slides) if (!byKey.has(slide.themeKey)) byKey.set(slide.themeKey, slide);
    this.wanted = [...byKey.values()];
    for (const [key, entry] of this.entries) {
      const slide = byKey.get(key);
      if (!slide || signatureOf(slide) !== entry.signature || entry.state === 'failed') {
        this.entries.delete(key);
      }
    }
    this.report();
    void this.run();
  }

  /** The files this screen now holds verified; themes whose first slide is all held warm up. */
  holding(files: Iterable<string>): void {
    this.held = new Set(files);
    // New files may be what a failed theme lacked: try those again.
    for (const [key, entry] of this.entries) if (entry.state === 'failed') this.entries.delete(key);
    void this.run();
  }

  /** Theme keys whose first slide is decoded and held, sorted. */
  get warmKeys(): string[] {
    return [...this.entries]
      .filter(([, entry]) => entry.state === 'warm')
      .map(([key]) => key)
      .sort();
  }

  private report() {
    const keys = this.warmKeys;
    const text = keys.join(' ');
    if (text === this.reported) return;
    this.reported = text;
    this.onWarm(keys);
  }

  private async run() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const next = this.wanted.find(
          (slide) =>
            !this.entries.has(slide.themeKey) && slide.media.every((m) => this.held.has(m.sha256)),
        );
        if (!next) break;
        const entry: Entry = { signature: signatureOf(next), state: 'warming', kept: [] };
        this.entries.set(next.themeKey, entry);
        const loaded: ({ keep: unknown } | null)[] = [];
        for (const media of next.media) {
          loaded.push(await this.load({ url: this.urlOf(media.sha256), kind: media.kind }));
        }
        // A new list may have dropped or changed this theme while it loaded.
        if (this.entries.get(next.themeKey) !== entry) continue;
        if (loaded.every((l) => l !== null)) {
          entry.state = 'warm';
          entry.kept = loaded.map((l) => l?.keep);
        } else {
          entry.state = 'failed';
        }
        this.report();
      }
    } finally {
      this.running = false;
    }
  }
}

const WARM_TIMEOUT_MS = 8000;

/**
 * Warms one file in this page: an image is decoded and its element kept (so it stays decoded);
 * a video is loaded to its first frame and then let go, since hardware decoders are few and a
 * video slide needs its own element anyway: this warms the media pipeline and the file's cache.
 */
export const warmInPage: WarmLoad = ({ url, kind }) => {
  const load =
    kind === 'image'
      ? decodeImage(url).then((image) => (image ? { keep: image } : null))
      : preloadVideo(url).then((ok) => (ok ? { keep: null } : null));
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), WARM_TIMEOUT_MS));
  return Promise.race([load, timeout]);
};
