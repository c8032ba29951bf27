import { frameNow, localNow } from './clock-sync';

const DEFAULT_INTERVAL_MS = 1000 / 60;
/** Timers are coarse and late under load; the last stretch is counted in frames. */
const FRAME_WATCH_MS = 60;

/**
 * Runs `run` inside the animation frame whose time is nearest `targetLocal` (local ms; the first
 * frame if that has passed), passing that frame's local time. Frame times, not timer times:
 * pages on one display share its frame clock, so they act in the very same frame. `intervalMs`
 * is the display's frame interval, not the gap since this page's last callback, or a page that
 * skipped a frame would take a frame a whole interval early for the nearest. Returns a cancel.
 */
export function onFrameNearest(
  targetLocal: number,
  run: (frameLocal: number) => void,
  intervalMs: number = DEFAULT_INTERVAL_MS,
): () => void {
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let request: number | undefined;
  if (document.hidden) {
    // Hidden pages get no animation frames; a timer still keeps the timeline right.
    timer = setTimeout(() => run(localNow()), Math.max(0, targetLocal - localNow()));
  } else {
    const frame = (timestamp: number) => {
      if (cancelled) return;
      const now = frameNow(timestamp);
      // This frame is the nearest if the next one would land further past the target.
      if (now + intervalMs / 2 >= targetLocal) run(now);
      else request = requestAnimationFrame(frame);
    };
    const wait = targetLocal - localNow() - FRAME_WATCH_MS;
    if (wait > 0) timer = setTimeout(() => (request = requestAnimationFrame(frame)), wait);
    else request = requestAnimationFrame(frame);
  }
  return () => {
    cancelled = true;
    clearTimeout(timer);
    if (request !== undefined) cancelAnimationFrame(request);
  };
}
