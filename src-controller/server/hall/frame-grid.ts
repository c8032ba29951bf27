import type { Clock } from './hall';

interface GridReport {
  frameAt: number;
  intervalMs: number;
  reportedAt: number;
}

/**
 * The display frame grid that the hall's screens share, if they share one.
 *
 * A screen flips on the frame nearest `startAt` by its own clock estimate, which errs by a few
 * milliseconds. If `startAt` falls near the midpoint between two frames, screens whose errors
 * differ in sign choose different frames. Screens driven by one display clock (windows on one
 * machine, genlocked video-wall controllers) paint on one grid; placing `startAt` on that grid
 * leaves every screen half a frame of margin. Screens on free-running displays report grids
 * with unrelated phases, and then there is nothing to align to: `align` leaves the time alone.
 */
export class FrameGrid {
  private readonly reports = new Map<string, GridReport>();

  constructor(
    private readonly clock: Clock,
    /** Reports older than this are ignored: frame intervals are not exact forever. */
    private readonly maxAgeMs = 30_000,
    /**
     * How closely the phases must agree (mean resultant length, 0..1) to align to them. Low on
     * purpose: clock errors of a few ms scatter the phases, and aligning to a grid that is not
     * really shared costs nothing (the time moves by under half a frame).
     */
    private readonly minAgreement = 0.25,
  ) {}

  report(screenId: string, frameAt: number, intervalMs: number): void {
    this.reports.set(screenId, { frameAt, intervalMs, reportedAt: this.clock() });
  }

  forget(screenId: string): void {
    this.reports.delete(screenId);
  }

  /** `target` moved by at most half a frame onto the shared grid, or unchanged without one. */
  align(target: number): number {
    const now = this.clock();
    let x = 0;
    let y = 0;
    const intervals: number[] = [];
    for (const [id, r] of this.reports) {
      if (now - r.reportedAt > this.maxAgeMs) {
        this.reports.delete(id);
        continue;
      }
      // This screen's frame nearest the target, as a phase angle around the target.
      const k = Math.round((target - r.frameAt) / r.intervalMs);
      const delta = r.frameAt + k * r.intervalMs - target;
      const angle = (2 * Math.PI * delta) / r.intervalMs;
      x += Math.cos(angle);
      y += Math.sin(angle);
      intervals.push(r.intervalMs);
    }
    const n = intervals.length;
    if (n === 0 || Math.hypot(x, y) / n < this.minAgreement) return target;
    intervals.sort((a, b) => a - b);
    const interval = intervals[Math.floor(n / 2)]!;
    return target + (Math.atan2(y, x) * interval) / (2 * Math.PI);
  }

  get size(): number {
    return this.reports.size;
  }
}
