import { secretMatches } from './pack-transfer';
import type { RedisLibrary } from './redis-library';

/**
 * This node's copy of the hall's secret between nodes (kept in Redis, made once by the first
 * node). Read again at every sync; after a Redis restart a node puts back the one it knew, so the
 * others' copies keep working.
 */
export class HallSecret {
  private known: string | null = null;
  private checkedAt = 0;

  constructor(private readonly redis: RedisLibrary) {}

  /** The secret to show another node (from memory once known). */
  async current(): Promise<string> {
    this.known ??= await this.redis.secret();
    return this.known;
  }

  /** Reads it from Redis again (putting back the known one if Redis lost it). */
  async refresh(): Promise<string> {
    this.known = await this.redis.secret(this.known);
    return this.known;
  }

  /** Another node refused ours: read it again before the next attempt. */
  forget(): void {
    this.known = null;
  }

  /**
   * Whether another node showed the hall's secret. On a mismatch Redis is asked again (it may
   * have restarted with a new one), at most once a second whatever callers send.
   */
  async matches(given: string): Promise<boolean> {
    const known = await this.current();
    if (secretMatches(given, known)) return true;
    if (Date.now() - this.checkedAt < 1000) return false;
    this.checkedAt = Date.now();
    this.known = await this.redis.secret(known).catch(() => known);
    return secretMatches(given, this.known);
  }
}
