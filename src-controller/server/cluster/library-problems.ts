import type { PackRef } from '../packs/pack-library';
import { versionField } from './library-entries';

/** Something this node could not make match the hall's library yet; retried until it does. */
export interface LibraryProblem {
  packId: string;
  version: string;
  /** fetch: no node could send it; refused: what arrived failed validation here; conflict:
   * this node holds different content under the same version; delete: in use here. */
  kind: 'fetch' | 'refused' | 'conflict' | 'delete';
  reason: string;
  /** The node (address) the last attempt concerned, if any. */
  node: string | null;
  attempts: number;
  at: number;
  /** When it is tried again (Infinity, null in JSON: when the hall's library changes). */
  retryAt: number;
}

const MAX_BACKOFF_MS = 60_000;
const DELETE_RETRY_MS = 5_000;
/** What a node's own checks refused arrives the same way again: try again only now and then. */
const REFUSED_RETRY_MS = 10 * 60_000;
const backoff = (attempts: number) =>
  Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

/** The versions this node does not match the hall on, by version field, with when to retry. */
export class LibraryProblems {
  private readonly byField = new Map<string, LibraryProblem>();

  /**
   * Records a problem with `ref`. `attempt` counts a try (and backs off); a state found while
   * comparing (a conflict, a version kept in use) does not.
   */
  record(
    ref: PackRef,
    kind: LibraryProblem['kind'],
    reason: string,
    node: string | null,
    attempt = true,
  ): void {
    const field = versionField(ref);
    const attempts = (this.byField.get(field)?.attempts ?? 0) + (attempt ? 1 : 0);
    const now = Date.now();
    // A conflict waits for the hall to change (someone deletes one of the two); a version kept
    // because it is in use here is looked at again every few seconds; a refusal by this node's
    // checks every ten minutes (the same bytes would be refused again); fetches back off.
    const retryAt =
      kind === 'conflict'
        ? Infinity
        : kind === 'delete'
          ? now + DELETE_RETRY_MS
          : kind === 'refused'
            ? now + REFUSED_RETRY_MS
            : now + backoff(attempts);
    this.byField.set(field, {
      packId: ref.packId,
      version: ref.version,
      kind,
      reason,
      node,
      attempts,
      at: now,
      retryAt,
    });
  }

  get(field: string): LibraryProblem | undefined {
    return this.byField.get(field);
  }

  clear(field: string): void {
    this.byField.delete(field);
  }

  /** Whether a retry is due (a sync should run). */
  due(now = Date.now()): boolean {
    return [...this.byField.values()].some((problem) => problem.retryAt <= now);
  }

  /** Whether `field` may be fetched now: no problem with it, or its back-off is over. */
  mayTry(field: string, now = Date.now()): boolean {
    const problem = this.byField.get(field);
    return !problem || problem.retryAt <= now;
  }

  /** The hall changed or a node arrived: failed downloads are worth trying again at once. */
  retryFetchesNow(): void {
    for (const problem of this.byField.values()) if (problem.kind === 'fetch') problem.retryAt = 0;
  }

  /** Forgets what the hall no longer lists (Redis restarted empty): nothing to wait for. */
  keepOnly(fields: { has(field: string): boolean }): void {
    for (const field of this.byField.keys()) if (!fields.has(field)) this.byField.delete(field);
  }

  list(): LibraryProblem[] {
    return [...this.byField.values()].sort((a, b) => a.at - b.at);
  }
}
