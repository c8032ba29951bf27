import type { Fetcher, FileCache } from './file-cache';

/** The outcome of one prefetch list. */
export interface PrefetchOutcome {
  held: string[];
  failed: string[];
}

/**
 * Works through each screen's prefetch list (every file of every theme on a key) and pins the
 * union of all lists in the cache, so eviction never drops a file some key may need.
 */
export class Prefetcher {
  private readonly lists = new Map<number | string, readonly string[]>();

  constructor(
    private readonly cache: Pick<FileCache, 'ensure' | 'pin'>,
    private readonly fetcher: Fetcher,
  ) {}

  /**
   * Replaces `owner`'s list and downloads what is missing, one file at a time (the hall PC is
   * also playing video). A newer list from the same owner stops this one early; files it did
   * not reach are in neither `held` nor `failed`.
   */
  async want(
    owner: number | string,
    files: readonly { sha256: string }[],
  ): Promise<PrefetchOutcome> {
    const list = [...new Set(files.map((file) => file.sha256))];
    this.lists.set(owner, list);
    this.repin();
    const outcome: PrefetchOutcome = { held: [], failed: [] };
    for (const sha of list) {
      if (this.lists.get(owner) !== list) break;
      try {
        await this.cache.ensure(sha, this.fetcher);
        outcome.held.push(sha);
      } catch {
        outcome.failed.push(sha);
      }
    }
    return outcome;
  }

  /** Drops `owner`'s list (its window closed); its files stay cached but become evictable. */
  forget(owner: number | string): void {
    if (this.lists.delete(owner)) this.repin();
  }

  private repin(): void {
    this.cache.pin(new Set([...this.lists.values()].flat()));
  }
}
