import { describe, expect, it } from 'vitest';
import { FrameGrid } from '../../../src-controller/server/hall/frame-grid';

const GRID = 1000 / 60;

describe('FrameGrid', () => {
  it('moves a flip time onto the frame grid that screens share, despite their clock errors', () => {
    let now = 1_000_000;
    const grid = new FrameGrid(() => now);
    // Twelve screens on one display clock whose frames fall at 5 + k*GRID; each reports a
    // frame through its own clock estimate, a few ms off.
    const errors = [-5.5, 4.4, 2.8, 1.4, 0.2, -3.1, -0.3, 3.6, 0.1, -2.3, -0.4, 3.3];
    errors.forEach((error, i) => grid.report(`s${i}`, 5 + 60_000 * GRID + error, GRID));
    now += 2_000;
    const target = 5 + 60_100 * GRID + GRID / 2; // the worst case: midway between two frames
    const aligned = grid.align(target);
    const offGrid = Math.abs(((aligned - 5) / GRID) % 1);
    expect(Math.min(offGrid, 1 - offGrid) * GRID).toBeLessThan(1.5);
    expect(Math.abs(aligned - target)).toBeLessThanOrEqual(GRID / 2);
    // Now every screen's own nearest frame to the aligned time is the same one.
    const chosen = new Set(errors.map((error) => Math.round((aligned + error - 5) / GRID)));
    expect(chosen.size).toBe(1);
  });

  it('leaves the time alone when screens paint on unrelated grids', () => {
    const grid = new FrameGrid(() => 0);
    for (let i = 0; i < 8; i++) grid.report(`s${i}`, (i * GRID) / 8, GRID);
    expect(grid.align(12_345.6)).toBe(12_345.6);
  });

  it('forgets screens that left and reports that went stale', () => {
    let now = 0;
    const grid = new FrameGrid(() => now, 30_000);
    grid.report('a', 3, GRID);
    grid.report('b', 3, GRID);
    grid.forget('a');
    expect(grid.size).toBe(1);
    now = 31_000;
    expect(grid.align(1000)).toBe(1000);
    expect(grid.size).toBe(0);
  });
});
