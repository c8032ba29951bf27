import { describe, expect, it } from 'vitest';
import { positionAt } from '../../../src-shared/timeline';

describe('positionAt', () => {
  const durations = [1000, 2000, 500];

  it('finds the slide and offset within the first loop', () => {
    expect(positionAt(0, durations)).toEqual({ index: 0, offsetMs: 0, remainingMs: 1000, loop: 0 });
    expect(positionAt(1500, durations)).toEqual({
      index: 1,
      offsetMs: 500,
      remainingMs: 1500,
      loop: 0,
    });
    expect(positionAt(3200, durations)).toMatchObject({ index: 2, offsetMs: 200, loop: 0 });
  });

  it('loops forever, so a late joiner lands on the right slide', () => {
    // 3.5 s per loop: 10 loops + 1.2 s is slide 1, 200 ms in.
    expect(positionAt(35_000 + 1200, durations)).toEqual({
      index: 1,
      offsetMs: 200,
      remainingMs: 1800,
      loop: 10,
    });
  });

  it('treats time before the start as the start', () => {
    expect(positionAt(-5000, durations)).toMatchObject({ index: 0, offsetMs: 0 });
  });

  it('is the same answer on every screen for the same instant', () => {
    for (let t = 0; t < 20_000; t += 137) {
      expect(positionAt(t, durations)).toEqual(positionAt(t, [...durations]));
    }
  });

  it('refuses presentations without slides or with non-positive durations', () => {
    expect(() => positionAt(0, [])).toThrow(/no slides/);
    expect(() => positionAt(0, [0, 0])).toThrow(/positive/);
  });
});
