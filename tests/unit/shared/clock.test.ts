import { describe, expect, it } from 'vitest';
import { estimateClock, type ClockSample } from '../../../src-shared/clock';

/** A sample from a screen whose clock is `offset` behind the controller's, with given delays. */
const sample = (sentAt: number, up: number, down: number, offset: number): ClockSample => ({
  sentAt,
  serverTime: sentAt + up + offset,
  receivedAt: sentAt + up + down,
});

describe('estimateClock', () => {
  it('returns null without samples', () => {
    expect(estimateClock([])).toBeNull();
  });

  it('recovers an offset of several seconds from symmetric round trips', () => {
    const est = estimateClock([sample(0, 5, 5, 7300), sample(100, 4, 4, 7300)]);
    expect(est?.offsetMs).toBeCloseTo(7300, 6);
    expect(est?.rttMs).toBe(8);
    expect(est?.errorBoundMs).toBe(4);
  });

  it('trusts the fastest round trips over congested ones', () => {
    const samples = [
      sample(0, 2, 2, -2500),
      sample(10, 3, 3, -2500),
      sample(20, 2, 3, -2500),
      // Queued on the way up: a naive average would be 100 ms off.
      sample(30, 400, 2, -2500),
      sample(40, 300, 1, -2500),
    ];
    const est = estimateClock(samples);
    expect(est).not.toBeNull();
    expect(Math.abs((est?.offsetMs ?? 0) + 2500)).toBeLessThanOrEqual(1);
  });

  it('ignores samples whose answer came before the question', () => {
    expect(estimateClock([{ sentAt: 10, serverTime: 5, receivedAt: 9 }])).toBeNull();
  });

  it('gets within a few ms through 0-30 ms of random delay each way, seconds off', () => {
    // A seeded generator: the same jitter every run, so a failure is reproducible.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 30;
    for (const offset of [-4870, 0, 3321.5]) {
      const samples = Array.from({ length: 24 }, (_, i) =>
        sample(i * 200, random(), random(), offset),
      );
      const est = estimateClock(samples);
      expect(Math.abs((est?.offsetMs ?? 0) - offset)).toBeLessThan(3);
      // The reported bound really contains the truth.
      expect(Math.abs((est?.offsetMs ?? 0) - offset)).toBeLessThanOrEqual(est?.errorBoundMs ?? 0);
    }
  });

  it('keeps the shortest delay of each direction even when no single exchange was fast', () => {
    // Fast up with slow down, then slow up with fast down: neither round trip is short.
    const est = estimateClock([sample(0, 1, 20, 500), sample(100, 20, 1, 500)]);
    expect(est?.offsetMs).toBeCloseTo(500, 6);
    expect(est?.errorBoundMs).toBe(1);
    expect(est?.rttMs).toBe(21);
  });

  it('leaves out samples older than the window, whose clock may have drifted', () => {
    const old = sample(0, 1, 1, 900); // the screen's clock has since drifted by 100 ms
    const recent = [sample(120_000, 6, 6, 1000), sample(120_100, 5, 7, 1000)];
    expect(Math.abs((estimateClock([old, ...recent])?.offsetMs ?? 0) - 1000)).toBeLessThanOrEqual(
      1,
    );
  });

  it('falls back to the fastest round trips when the bounds disagree', () => {
    // A drifting clock within the window: bounds from 0 ms and 50 s no longer overlap.
    const est = estimateClock([
      sample(0, 2, 2, 0),
      sample(50_000, 2, 2, 10),
      sample(50_100, 3, 3, 10),
    ]);
    expect(est).not.toBeNull();
    expect(est?.offsetMs).toBeGreaterThanOrEqual(0);
    expect(est?.offsetMs).toBeLessThanOrEqual(10);
    expect(est?.errorBoundMs).toBe(2);
  });
});
