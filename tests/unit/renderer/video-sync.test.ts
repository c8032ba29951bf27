import { describe, expect, it } from 'vitest';
import { correctVideo } from '../../../src-renderer/src/video-sync';

describe('correctVideo', () => {
  it('leaves a video within a frame of its timeline alone', () => {
    expect(correctVideo(2.01, 6, 2)).toEqual({ playbackRate: 1 });
    expect(correctVideo(1.99, 6, 14)).toEqual({ playbackRate: 1 }); // 14 s is 2 s into loop 3
  });

  it('slows a video that is slightly ahead and speeds one that is behind, by at most 5 %', () => {
    const ahead = correctVideo(2.06, 6, 2);
    const behind = correctVideo(1.94, 6, 2);
    expect('playbackRate' in ahead && ahead.playbackRate).toBeCloseTo(0.97, 5);
    expect('playbackRate' in behind && behind.playbackRate).toBeCloseTo(1.03, 5);
    const far = correctVideo(2.4, 6, 2);
    expect(far).toEqual({ playbackRate: 0.95 });
  });

  it('seeks when the drift is too large to absorb', () => {
    expect(correctVideo(5, 6, 2)).toEqual({ seekTo: 2 });
  });

  it('measures drift across the loop point the short way round', () => {
    // 5.99 s and 0.01 s are 0.02 s apart on a 6 s loop, not 5.98 s.
    expect(correctVideo(5.99, 6, 6.01)).toEqual({ playbackRate: 1 });
  });

  it('does nothing sensible-looking for a video without a known duration', () => {
    expect(correctVideo(1, Number.NaN, 2)).toEqual({ playbackRate: 1 });
  });
});
