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
 * The controller's offset from a screen's clock, from round trips of the clock exchange.
 *
 * Each exchange bounds the offset: the answer was stamped after the question left and before it
 * came back, so offset lies in [serverTime - receivedAt, serverTime - sentAt]. Intersecting the
 * recent bounds keeps the shortest one-way delay seen in each direction, which is far tighter
 * than the single fastest round trip (it needs a quick trip up and a quick trip down, not both
 * in the same exchange). Samples older than `windowMs` are left out because clocks drift apart;
 * if drift or a stalled answer still makes the bounds disagree, the estimate falls back to the
 * median of the fastest round trips (NTP's rule: queueing only ever adds delay).
 */
export function estimateClock(
  samples: readonly ClockSample[],
  keep = 3,
  windowMs = 60_000,
): ClockEstimate | null {
  const valid = samples.filter((s) => s.receivedAt >= s.sentAt);
  if (valid.length === 0) return null;
  const newest = Math.max(...valid.map((s) => s.sentAt));
  const recent = valid.filter((s) => newest - s.sentAt <= windowMs);
  const byRoundTrip = [...recent].sort(
    (a, b) => a.receivedAt - a.sentAt - (b.receivedAt - b.sentAt),
  );
  const fastest = byRoundTrip[0];
  const rttMs = fastest ? fastest.receivedAt - fastest.sentAt : 0;

  let lower = -Infinity;
  let upper = Infinity;
  for (const s of recent) {
    lower = Math.max(lower, s.serverTime - s.receivedAt);
    upper = Math.min(upper, s.serverTime - s.sentAt);
  }
  if (lower <= upper)
    return { offsetMs: (lower + upper) / 2, rttMs, errorBoundMs: (upper - lower) / 2 };

  const offsets = byRoundTrip
    .slice(0, Math.max(1, keep))
    .map((s) => s.serverTime - (s.sentAt + (s.receivedAt - s.sentAt) / 2))
    .sort((a, b) => a - b);
  const offsetMs = offsets[Math.floor(offsets.length / 2)] ?? 0;
  return { offsetMs, rttMs, errorBoundMs: rttMs / 2 };
}
