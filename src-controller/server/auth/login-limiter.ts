/**
 * Failed-login counting, per user name and per address: after `max` failures within `windowMs`
 * further attempts are refused until the oldest failure ages out. Kept in memory: a restart
 * forgets it, which costs an attacker a controller restart they cannot cause.
 */
export interface LimiterRule {
  max: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS = {
  perUser: { max: 5, windowMs: 15 * 60_000 },
  perAddress: { max: 20, windowMs: 15 * 60_000 },
} satisfies Record<string, LimiterRule>;

const MAX_TRACKED = 10_000;

class FailureWindow {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly rule: LimiterRule) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => now - at < this.rule.windowMs);
    if (kept.length > 0) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  waitMs(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.rule.max) return 0;
    const oldest = recent[recent.length - this.rule.max] ?? now;
    return Math.max(1, oldest + this.rule.windowMs - now);
  }

  fail(key: string, now: number) {
    this.failures.set(key, [...this.recent(key, now), now]);
    // Guesses at many different names must not grow this map without end.
    if (this.failures.size > MAX_TRACKED) {
      for (const tracked of [...this.failures.keys()]) this.recent(tracked, now);
    }
  }

  clear(key: string) {
    this.failures.delete(key);
  }
}

export class LoginLimiter {
  private readonly users: FailureWindow;
  private readonly addresses: FailureWindow;

  constructor(
    limits: { perUser: LimiterRule; perAddress: LimiterRule } = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.users = new FailureWindow(limits.perUser);
    this.addresses = new FailureWindow(limits.perAddress);
  }

  /** Whole seconds to wait before this user may try from this address; 0 when allowed. */
  retryAfterSeconds(username: string, address: string): number {
    const now = this.now();
    const wait = Math.max(
      this.users.waitMs(username.toLowerCase(), now),
      this.addresses.waitMs(address, now),
    );
    return Math.ceil(wait / 1000);
  }

  failed(username: string, address: string) {
    const now = this.now();
    this.users.fail(username.toLowerCase(), now);
    this.addresses.fail(address, now);
  }

  /** A correct password clears the user's count (not the address's: one good login must not reset a guessing run). */
  succeeded(username: string) {
    this.users.clear(username.toLowerCase());
  }
}
