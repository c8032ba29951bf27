/**
 * Counts attempts per key (a screen id, an address) in a sliding window and says how long a key
 * must wait once it has used up its attempts. Memory stays bounded: the oldest keys are dropped
 * when there are too many.
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.max) return 0;
    return Math.max(1, (recent[0] ?? 0) + this.windowMs - this.now());
  }

  record(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.attempts.delete(key);
    this.attempts.set(key, recent);
    while (this.attempts.size > this.maxKeys) {
      this.attempts.delete(this.attempts.keys().next().value as string);
    }
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.attempts.get(key) ?? []).filter((t) => t > since);
  }
}

/** "in 42 s" / "in 3 min", for refusals people read. */
export const waitText = (ms: number) =>
  ms < 90_000 ? `in ${Math.ceil(ms / 1000)} s` : `in ${Math.ceil(ms / 60_000)} min`;
