/**
 * How far ahead of a press to schedule the flip. Screens report when each press was decoded and
 * ready; the lead covers the 95th percentile of press-to-ready over recent presses, plus a
 * margin, so nearly every screen is waiting when the moment comes. Too short and slow screens
 * flip late (spread); too long and the hall feels sluggish.
 */
export class LeadEstimator {
  private readonly samples: number[] = [];

  constructor(
    private readonly initialMs = 250,
    private readonly minMs = 120,
    private readonly maxMs = 1500,
    private readonly window = 200,
  ) {}

  /** One screen's press-to-ready time for one press, in ms. */
  observe(readyAfterMs: number): void {
    if (!Number.isFinite(readyAfterMs) || readyAfterMs < 0 || readyAfterMs > 60_000) return;
    this.samples.push(readyAfterMs);
    if (this.samples.length > this.window) this.samples.shift();
  }

  get leadMs(): number {
    if (this.samples.length < 5) return this.initialMs;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
    return Math.round(Math.min(this.maxMs, Math.max(this.minMs, p95 * 1.2 + 30)));
  }
}
