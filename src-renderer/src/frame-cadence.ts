/**
 * Learns this display's frame grid (interval and phase) from animation-frame timestamps, so the
 * controller can put flip times on it (src-controller/server/hall/frame-grid.ts).
 *
 * A single interval between two frames is too coarse to extrapolate over seconds, and a busy
 * page skips frames. So the interval comes from the span between the first and last frames of a
 * run divided by the whole number of frames between them, and each later run refines it over the
 * span since the very first frame seen, which grows to minutes: timestamps on a fixed grid then
 * pin the interval to a microsecond.
 */
export class FrameCadence {
  private anchor: number | null = null;
  private interval: number | null = null;

  /** The display's frame interval as last learned, or null before the first run. */
  get intervalMs(): number | null {
    return this.interval;
  }

  /** Frame timestamps (local ms, increasing) from one run of consecutive animation frames. */
  observe(frames: readonly number[]): { frameAt: number; intervalMs: number } | null {
    if (frames.length < 3) return null;
    const first = frames[0]!;
    const last = frames.at(-1)!;
    const steps = frames.slice(1).map((t, i) => t - frames[i]!);
    // The shorter steps are whole frames; longer ones are frames this page skipped.
    const sorted = steps.filter((d) => d >= 4).sort((a, b) => a - b);
    const base = sorted[Math.floor(sorted.length / 4)];
    if (base === undefined) return null;
    let interval = (last - first) / Math.max(1, Math.round((last - first) / base));

    if (this.anchor !== null && this.interval !== null) {
      const span = last - this.anchor;
      const count = Math.round(span / this.interval);
      const misfit = Math.abs(span - count * this.interval);
      // Still on the same grid (not a different display or refresh rate): refine over the span.
      if (count > 0 && misfit < this.interval / 4 && Math.abs(interval - this.interval) < 0.5) {
        interval = span / count;
      } else {
        this.anchor = first;
      }
    } else {
      this.anchor = first;
    }
    this.interval = interval;
    return { frameAt: last, intervalMs: interval };
  }
}

/** Timestamps of the next `count` animation frames (empty when the page is hidden). */
export function collectFrames(count: number): Promise<number[]> {
  return new Promise((resolve) => {
    if (document.hidden) {
      resolve([]);
      return;
    }
    const frames: number[] = [];
    const step = (timestamp: number) => {
      frames.push(timestamp);
      if (frames.length >= count) resolve(frames);
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}
