/**
 * How far ahead of a press to schedule the flip. Screens report when each press was decoded and
 * ready; the lead covers the 95th percentile of press-to-ready times, plus a margin, so nearly
 * every screen is waiting when the moment comes. Too short and slow screens flip late (spread);
 * too long and the hall feels sluggish.
 *
 * The 95th percentile is taken per press, and the lead covers the second slowest of those over
 * the recent presses. One slow press (the first after screens load, a moment when a machine was
 * busy) then does not lengthen the next several, while a hall that really got slower is
 * followed from its second slow press. The memory is counted in presses, not reports: a hall of 12
 * screens and one of 1,000 both forget a slow start after the same few presses.
 *
 * On top of that time comes a fixed margin for the screens' frame pipeline (`paintMarginMs`).
 */
/** See LeadEstimator's `paintMarginMs`. */
export const PAINT_MARGIN_MS = 80;

export class LeadEstimator {
  /** Reports per press, oldest press first. */
  private readonly byPress = new Map<number, number[]>();
  private reports = 0;

  constructor(
    private readonly initialMs = 250,
    private readonly minMs = 120,
    private readonly maxMs = 1500,
    /** How many recent presses the estimate remembers. */
    private readonly window = 5,
    /** A bound on the reports kept, whatever the hall's size. */
    private readonly maxSamples = 10_000,
    /**
     * Time after "ready" that a screen still needs before the flip's frame. Ready means the
     * first slide is decoded and the staged theme rendered; its layer must then still go through
     * the page's frame pipeline (commit, raster, activation) before the frame that flips it,
     * or that frame comes late. With 30 ms (two frames) a third of the presses had a page one to
     * eight frames late in bench:switch; with 80 ms (five frames) none did (docs/sync.md).
     */
    private readonly paintMarginMs = PAINT_MARGIN_MS,
  ) {}

  /** One screen's press-to-ready time for press `press` (its revision), in ms. */
  observe(readyAfterMs: number, press = 0): void {
    if (!Number.isFinite(readyAfterMs) || readyAfterMs < 0 || readyAfterMs > 60_000) return;
    let samples = this.byPress.get(press);
    if (!samples) {
      samples = [];
      this.byPress.set(press, samples);
      if (this.byPress.size > this.window) this.forget(this.byPress.keys().next().value!);
    }
    samples.push(readyAfterMs);
    this.reports += 1;
    // Beyond the bound, the oldest press's reports go first, then the oldest reports.
    while (this.reports > this.maxSamples) {
      const [oldest, kept] = this.byPress.entries().next().value!;
      if (kept.length <= this.reports - this.maxSamples) this.forget(oldest);
      else {
        kept.splice(0, this.reports - this.maxSamples);
        this.reports = this.maxSamples;
      }
    }
  }

  get leadMs(): number {
    if (this.reports < 5) return this.initialMs;
    const perPress = [...this.byPress.values()]
      .filter((samples) => samples.length > 0)
      .map((samples) => quantile(samples, 0.95))
      .sort((a, b) => a - b);
    // The slowest press is set aside (of two, the quicker one counts), so one slow press, such
    // as the first after the screens load, lengthens only the press right after it; the next
    // slowest is covered, so a hall whose screens are sometimes slow keeps a lead that fits them.
    const covered = perPress.length >= 2 ? perPress[perPress.length - 2]! : perPress[0]!;
    return Math.round(
      Math.min(this.maxMs, Math.max(this.minMs, covered * 1.2 + this.paintMarginMs)),
    );
  }

  private forget(press: number) {
    this.reports -= this.byPress.get(press)?.length ?? 0;
    this.byPress.delete(press);
  }
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
}
