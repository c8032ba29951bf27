import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { Fetcher } from '../../../src-main/file-cache';
import { Prefetcher } from '../../../src-main/prefetcher';

const sha = (letter: string) => letter.repeat(64);
const files = (...letters: string[]) => letters.map((l) => ({ sha256: sha(l), size: 1 }));

function fakeCache(failing: Set<string> = new Set()) {
  return {
    pin: vi.fn<(shas: Iterable<string>) => void>(),
    ensure: vi.fn(async (wanted: string, _fetcher: Fetcher) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (failing.has(wanted)) throw new Error('offline');
      return `/cache/${wanted}`;
    }),
  };
}
const fetcher: Fetcher = async () => Readable.from([]);
const pinned = (cache: ReturnType<typeof fakeCache>) =>
  [...(cache.pin.mock.lastCall?.[0] ?? [])].sort();

describe('Prefetcher', () => {
  it('ensures every listed file once and reports held and failed', async () => {
    const cache = fakeCache(new Set([sha('b')]));
    const prefetcher = new Prefetcher(cache, fetcher);
    expect(await prefetcher.want(1, files('a', 'b', 'a', 'c'))).toEqual({
      held: [sha('a'), sha('c')],
      failed: [sha('b')],
    });
    expect(cache.ensure.mock.calls.map(([wanted]) => wanted)).toEqual([
      sha('a'),
      sha('b'),
      sha('c'),
    ]);
  });

  it('pins the union of every window’s list and unpins a closed window’s files', async () => {
    const cache = fakeCache();
    const prefetcher = new Prefetcher(cache, fetcher);
    await prefetcher.want(1, files('a', 'b'));
    await prefetcher.want(2, files('b', 'c'));
    expect(pinned(cache)).toEqual([sha('a'), sha('b'), sha('c')]);
    await prefetcher.want(1, files('d'));
    expect(pinned(cache)).toEqual([sha('b'), sha('c'), sha('d')]);
    prefetcher.forget(2);
    expect(pinned(cache)).toEqual([sha('d')]);
  });

  it('stops working on a list replaced by a newer one', async () => {
    const cache = fakeCache();
    const prefetcher = new Prefetcher(cache, fetcher);
    const old = prefetcher.want(1, files('a', 'b', 'c', 'd'));
    const fresh = prefetcher.want(1, files('e'));
    expect((await old).held.length).toBeLessThan(4);
    expect(await fresh).toEqual({ held: [sha('e')], failed: [] });
  });
});
