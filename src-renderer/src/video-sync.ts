/** What to do about a video that has drifted from the shared timeline. */
export type VideoCorrection = { seekTo: number } | { playbackRate: number };

/** One frame at 25-30 fps: closer than this is in step. */
const IN_STEP_S = 0.02;
/** Beyond this a seek is less visible than minutes of speed change. */
const SEEK_BEYOND_S = 0.5;
const MAX_NUDGE = 0.05;

/**
 * Keeps a looping video on its timeline: where it should be is a pure function of time since the
 * slide started, so every screen's copy converges on the same frame. Small drift is absorbed by
 * playing up to 5 % faster or slower (invisible); large drift by a seek.
 */
export function correctVideo(
  currentTime: number,
  duration: number,
  elapsedSeconds: number,
): VideoCorrection {
  if (!(duration > 0)) return { playbackRate: 1 };
  const expected = ((elapsedSeconds % duration) + duration) % duration;
  let drift = currentTime - expected;
  // Across the loop point, 0.1 s after the start is close to 0.1 s before the end.
  if (drift > duration / 2) drift -= duration;
  if (drift < -duration / 2) drift += duration;
  if (Math.abs(drift) > SEEK_BEYOND_S) return { seekTo: expected };
  if (Math.abs(drift) <= IN_STEP_S) return { playbackRate: 1 };
  // Ahead: slow down; behind: speed up; catch up over about two seconds.
  return { playbackRate: 1 - Math.max(-MAX_NUDGE, Math.min(MAX_NUDGE, drift / 2)) };
}
