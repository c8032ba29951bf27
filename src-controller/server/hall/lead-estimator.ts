/**
 * How far ahead of a press to schedule the flip. Screens report when each press was decoded and
 * ready; the lead covers the 95th percentile of press-to-ready over the recent presses, plus a
 * margin, so nearly every screen is waiting when the moment comes. Too short and slow screens
 * flip late (spread); too long and the hall feels sluggish.
 *
 * The memory is counted in presses, not reports: a hall of 12 screens and one of 1,000 both
 * forget a slow start (cold caches right after screens load) after the same few presses.
 */
export class LeadEstimator {
  private samples: { press: number; ms: number }[] = [];
  private readonly presses: number[] = [];

  constructor(
    private readonly initialMs = 250,
    private readonly minMs = 120,
    private readonly maxMs = 1500,
    /** How many recent presses the estimate remembers. */
    private readonly window = 5,
    /** A bound on the reports kept, whatever the hall's size. */
    private readonly maxSamples = 10_000,
  ) {}

  /** One screen's press-to-ready time for press `press` (its revision), in ms. */
  observe(readyAfterMs: number, press = 0): void {
    if (!Number.isFinite(readyAfterMs) || readyAfterMs < 0 || readyAfterMs > 60_000) return;
    if (!this.presses.includes(press)) {
      this.presses.push(press);
      if (this.presses.length > this.window) {
        const forgotten = this.presses.shift();
        this.samples = this.samples.filter((s) => s.press !== forgotten);
      }
    }
    this.samples.push({ press, ms: readyAfterMs });
    if (this.samples.length > this.maxSamples) this.samples.shift();
  }

  get leadMs(): number {
    if (this.samples.length < 5) return this.initialMs;
    const sorted = this.samples.map((s) => s.ms).sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
    return Math.round(Math.min(this.maxMs, Math.max(this.minMs, p95 * 1.2 + 30)));
  }
}
