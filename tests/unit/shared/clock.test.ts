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
});
