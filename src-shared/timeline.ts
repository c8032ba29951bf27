/** Where a looping presentation is at a given moment. */
export interface TimelinePosition {
  /** Index of the slide on screen. */
  index: number;
  /** Milliseconds since that slide started. */
  offsetMs: number;
  /** Milliseconds until the next slide starts. */
  remainingMs: number;
  /** How many full loops have completed; lets a one-slide theme still restart its video. */
  loop: number;
}

/**
 * The slide shown `elapsedMs` after a presentation started, looping forever. A pure function of
 * time and durations, so every screen computes the same answer without talking to the others.
 */
export function positionAt(elapsedMs: number, durationsMs: readonly number[]): TimelinePosition {
  if (durationsMs.length === 0) throw new Error('positionAt: a presentation has no slides');
  const total = durationsMs.reduce((sum, d) => sum + d, 0);
  if (!(total > 0)) throw new Error('positionAt: slide durations must be positive');
  const clamped = Math.max(0, elapsedMs);
  const loop = Math.floor(clamped / total);
  let within = clamped - loop * total;
  for (let index = 0; index < durationsMs.length; index++) {
    const duration = durationsMs[index] ?? 0;
    if (within < duration) {
      return { index, offsetMs: within, remainingMs: duration - within, loop };
    }
    within -= duration;
  }
  // Floating-point remainder landed exactly on the end: that is the start of the next loop.
  const first = durationsMs[0] ?? 0;
  return { index: 0, offsetMs: 0, remainingMs: first, loop: loop + 1 };
}
