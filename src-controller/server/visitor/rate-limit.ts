/** How many requests an address may burst, and how fast its allowance refills. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

/** A phone loading a page with a dozen images fits; a script hammering the hall does not. */
export const DEFAULT_VISITOR_RATE_LIMIT: RateLimit = { burst: 120, perSecond: 20 };

/**
 * A token bucket per client address. Each request takes one token; tokens come back at
 * `perSecond` up to `burst`. Idle buckets are forgotten, so memory stays bounded.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Takes a token for `address`: 0 if allowed, else the seconds until one is free. */
  take(address: string): number {
    const now = this.clock();
    const bucket = this.buckets.get(address) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(
      this.limit.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond,
    );
    bucket.at = now;
    this.buckets.set(address, bucket);
    if (this.buckets.size > 10_000) this.sweep(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.limit.perSecond);
  }

  /** Drops buckets that have refilled completely: they hold nothing worth remembering. */
  private sweep(now: number) {
    const full = (this.limit.burst / this.limit.perSecond) * 1000;
    for (const [address, bucket] of this.buckets) {
      if (now - bucket.at >= full) this.buckets.delete(address);
    }
  }
}
