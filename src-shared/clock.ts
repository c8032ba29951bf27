/** One round trip of the clock exchange, all in milliseconds. */
export interface ClockSample {
  /** Local monotonic time when the request left. */
  sentAt: number;
  /** Controller time when it answered. */
  serverTime: number;
  /** Local monotonic time when the answer arrived. */
  receivedAt: number;
}

export interface ClockEstimate {
  /** Add to local time to get controller time. */
  offsetMs: number;
  /** Round trip of the sample the estimate came from. */
  rttMs: number;
  /** Half the round trip: the true offset lies within +/- this. */
  errorBoundMs: number;
}

/**
 * NTP-style offset from the samples with the lowest round trips: queueing delay only ever adds
 * to a round trip, so the fastest exchanges carry the least asymmetric error.
 */
export function estimateClock(samples: readonly ClockSample[], keep = 3): ClockEstimate | null {
  const valid = samples.filter((s) => s.receivedAt >= s.sentAt);
  if (valid.length === 0) return null;
  const best = [...valid]
    .sort((a, b) => a.receivedAt - a.sentAt - (b.receivedAt - b.sentAt))
    .slice(0, Math.max(1, keep));
  const offsets = best.map((s) => s.serverTime - (s.sentAt + (s.receivedAt - s.sentAt) / 2));
  offsets.sort((a, b) => a - b);
  const offsetMs = offsets[Math.floor(offsets.length / 2)] ?? 0;
  const fastest = best[0];
  const rttMs = fastest ? fastest.receivedAt - fastest.sentAt : 0;
  return { offsetMs, rttMs, errorBoundMs: rttMs / 2 };
}
