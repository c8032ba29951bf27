import type { PresentedSlide } from '../../src-shared/presentation';
import type { FirstSlide } from '../../src-shared/protocol';

/**
 * Renders each keyed theme's first slide once, invisibly, as soon as its media are decoded
 * (FirstSlideWarmer). Decoding is not all a first press pays: one screen page measured 43–67 ms
 * of main-thread work for the first press of each theme against 15–20 ms for later ones (first
 * layout and paint of its text and picture: fonts, glyphs, the image at screen size). With a
 * dozen screens on a busy machine that made the first presses after a start the slowest, and
 * the controller's lead, which learns from them, long for several presses after (docs/sync.md).
 *
 * Each slide is rehearsed once per content: a new version of a theme is rehearsed again.
 */
export class SlideRehearsal {
  private slides = new Map<string, { slide: PresentedSlide; signature: string }>();
  private readonly done = new Map<string, string>();
  private running = false;
  private warmKeys: readonly string[] = [];

  constructor(
    /** Puts slides on the page, invisibly (an empty list takes them off). */
    private readonly show: (slides: PresentedSlide[], rehearsed: string[]) => void,
    /** Resolves after the page has painted the slides shown (a few animation frames). */
    private readonly painted: () => Promise<unknown>,
  ) {}

  /** The themes on keys now, with their first slides as this screen will load them. */
  want(firstSlides: readonly FirstSlide[], resolve: (slide: PresentedSlide) => PresentedSlide) {
    this.slides = new Map(
      firstSlides.flatMap((first) =>
        first.slide
          ? [
              [
                first.themeKey,
                { slide: resolve(first.slide), signature: JSON.stringify(first.slide) },
              ],
            ]
          : [],
      ),
    );
    for (const key of this.done.keys()) if (!this.slides.has(key)) this.done.delete(key);
    void this.run();
  }

  /** Themes whose first slide is decoded now: those not yet rehearsed are, next. */
  warm(keys: readonly string[]) {
    this.warmKeys = keys;
    void this.run();
  }

  /** Theme keys rehearsed with their current first slide, sorted. */
  get rehearsed(): string[] {
    return [...this.done]
      .filter(([key, signature]) => this.slides.get(key)?.signature === signature)
      .map(([key]) => key)
      .sort();
  }

  private async run() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const due = this.warmKeys.flatMap((key) => {
          const entry = this.slides.get(key);
          return entry && this.done.get(key) !== entry.signature ? [{ key, ...entry }] : [];
        });
        if (due.length === 0) break;
        this.show(
          due.map((d) => d.slide),
          this.rehearsed,
        );
        await this.painted();
        for (const { key, signature } of due) this.done.set(key, signature);
        this.show([], this.rehearsed);
      }
    } finally {
      this.running = false;
    }
  }
}
