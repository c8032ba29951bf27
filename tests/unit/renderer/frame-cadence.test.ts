import { describe, expect, it } from 'vitest';
import { FrameCadence } from '../../../src-renderer/src/frame-cadence';

const GRID = 1000000 / 60000; // 16.666… ms, a 60 Hz display

/** Frame times on the grid from frame `from`, leaving out the frames in `skip`. */
const run = (from: number, count: number, skip: number[] = [], phase = 3.21) =>
  Array.from({ length: count }, (_, i) => from + i)
    .filter((n) => !skip.includes(n))
    .map((n) => phase + n * GRID);

describe('FrameCadence', () => {
  it('finds the interval of a run of frames, even with skipped frames', () => {
    const cadence = new FrameCadence();
    const report = cadence.observe(run(100, 24, [103, 104, 110, 111, 112]));
    expect(report?.intervalMs).toBeCloseTo(GRID, 6);
    expect(report?.frameAt).toBeCloseTo(3.21 + 123 * GRID, 6);
  });

  it('refines the interval over minutes so the grid can be extrapolated', () => {
    const cadence = new FrameCadence();
    // Timestamps rounded to 0.1 ms, as a browser without cross-origin isolation gives them.
    const coarse = (frames: number[]) => frames.map((t) => Math.round(t * 10) / 10);
    cadence.observe(coarse(run(0, 20)));
    let report = null;
    // One run every ten seconds (600 frames), as the screen does after each clock refresh.
    for (let n = 1; n <= 18; n++) report = cadence.observe(coarse(run(n * 600, 20)));
    const interval = report?.intervalMs ?? 0;
    expect(Math.abs(interval - GRID)).toBeLessThan(0.00002);
    // Ten seconds on, the extrapolated grid is still within a fraction of a millisecond.
    const predicted = (report?.frameAt ?? 0) + 600 * interval;
    expect(Math.abs(predicted - (3.21 + (18 * 600 + 19 + 600) * GRID))).toBeLessThan(0.2);
  });

  it('starts again when the display changes its refresh rate', () => {
    const cadence = new FrameCadence();
    cadence.observe(run(0, 20));
    const fifty = Array.from({ length: 20 }, (_, i) => 90_000 + i * 20);
    expect(cadence.observe(fifty)?.intervalMs).toBeCloseTo(20, 6);
  });

  it('needs a few frames', () => {
    expect(new FrameCadence().observe([1, 17])).toBeNull();
  });
});
