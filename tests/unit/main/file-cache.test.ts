import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileCache, FileCacheError, type FileCacheOptions } from '../../../src-main/file-cache';

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const stream = (data: string | Buffer) => Readable.from([Buffer.from(data)]);

describe('FileCache', () => {
  let dir: string;
  let clock: number;
  const open = (options: Partial<FileCacheOptions> = {}) =>
    FileCache.open({ dir, maxBytes: 1_000_000, now: () => clock, ...options });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hallcue-cache-'));
    clock = 1_000;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a file under its sha256 and returns it on get', async () => {
    const cache = await open();
    const content = 'hello hall';
    const path = await cache.put(sha(content), stream(content));
    expect(path).toBe(join(dir, sha(content).slice(0, 2), sha(content)));
    expect(readFileSync(path, 'utf8')).toBe(content);
    expect(await cache.get(sha(content))).toBe(path);
    expect(cache.held()).toEqual([sha(content)]);
  });

  it('returns undefined for unknown and malformed names', async () => {
    const cache = await open();
    expect(await cache.get(sha('nothing'))).toBeUndefined();
    expect(await cache.get('../../etc/passwd')).toBeUndefined();
  });

  it('refuses content that does not match its name and leaves nothing behind', async () => {
    const cache = await open();
    const wanted = sha('expected');
    await expect(cache.put(wanted, stream('something else'))).rejects.toThrow(FileCacheError);
    await expect(cache.put(wanted, stream('something else'))).rejects.toThrow(
      `sha256 ${sha('something else')}`,
    );
    expect(await cache.get(wanted)).toBeUndefined();
    expect(readdirSync(join(dir, '.tmp'))).toEqual([]);
    expect(existsSync(join(dir, wanted.slice(0, 2), wanted))).toBe(false);
  });

  it('refuses a malformed name before reading anything', async () => {
    const cache = await open();
    await expect(cache.put('abc', stream('x'))).rejects.toThrow(/not a sha256/);
  });

  it('detects a file corrupted on disk, removes it and forgets it', async () => {
    const cache = await open();
    const content = 'original bytes';
    const path = await cache.put(sha(content), stream(content));
    writeFileSync(path, 'tampered bytes!');
    expect(await cache.get(sha(content))).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    expect(cache.held()).toEqual([]);
  });

  it('trusts an unchanged size and mtime within a process, and rehashes in the next one', async () => {
    const content = 'twelve bytes';
    const cache = await open();
    const path = await cache.put(sha(content), stream(content));
    const fixed = new Date('2024-01-01T00:00:00Z');
    await utimes(path, fixed, fixed);
    expect(await cache.get(sha(content))).toBe(path); // rehashed: mtime changed
    // Same size, same mtime: the documented blind spot of the per-process verification.
    writeFileSync(path, 'TWELVE BYTES');
    await utimes(path, fixed, fixed);
    expect(await cache.get(sha(content))).toBe(path);
    await cache.flush();

    const next = await open();
    expect(await next.get(sha(content))).toBeUndefined();
    expect(existsSync(path)).toBe(false);
  });

  it('evicts the least recently used files first when over budget', async () => {
    const cache = await open({ maxBytes: 30 });
    const files = ['a'.repeat(10), 'b'.repeat(10), 'c'.repeat(10)];
    for (const content of files) {
      clock += 1;
      await cache.put(sha(content), stream(content));
    }
    clock += 1;
    // Reading "a" makes "b" the oldest.
    expect(await cache.get(sha(files[0]!))).toBeDefined();
    clock += 1;
    await cache.put(sha('d'.repeat(10)), stream('d'.repeat(10)));
    expect(cache.held()).toEqual([sha(files[0]!), sha(files[2]!), sha('d'.repeat(10))].sort());
    expect(cache.totalBytes()).toBe(30);

    // Access order now: c (oldest), a, d.
    clock += 1;
    await cache.get(sha(files[0]!));
    clock += 1;
    await cache.get(sha('d'.repeat(10)));
    clock += 1;
    await cache.put(sha('e'.repeat(10)), stream('e'.repeat(10)));
    expect(cache.held()).toEqual([sha(files[0]!), sha('d'.repeat(10)), sha('e'.repeat(10))].sort());
    expect(existsSync(join(dir, sha(files[2]!).slice(0, 2), sha(files[2]!)))).toBe(false);
  });

  it('never evicts pinned files, even past the budget', async () => {
    const cache = await open({ maxBytes: 20 });
    const old = 'o'.repeat(10);
    await cache.put(sha(old), stream(old));
    cache.pin([sha(old)]);
    for (const letter of ['p', 'q', 'r']) {
      clock += 1;
      await cache.put(sha(letter.repeat(10)), stream(letter.repeat(10)));
    }
    expect(await cache.get(sha(old))).toBeDefined();
    expect(cache.held()).toEqual([sha(old), sha('r'.repeat(10))].sort());

    cache.pin([sha(old), sha('r'.repeat(10))]);
    clock += 1;
    await cache.put(sha('s'.repeat(10)), stream('s'.repeat(10)));
    // Everything else is pinned or just written: the cache grows past the budget instead.
    expect(cache.totalBytes()).toBe(30);
  });

  it('keeps its index and access times across instances', async () => {
    const first = await open({ maxBytes: 20 });
    clock = 5;
    await first.put(sha('1'.repeat(10)), stream('1'.repeat(10)));
    clock = 10;
    await first.put(sha('2'.repeat(10)), stream('2'.repeat(10)));
    clock = 20;
    await first.get(sha('1'.repeat(10)));
    await first.flush();
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    expect(index.files[sha('1'.repeat(10))]).toEqual({ size: 10, lastAccess: 20 });

    const second = await open({ maxBytes: 20 });
    clock = 30;
    await second.put(sha('3'.repeat(10)), stream('3'.repeat(10)));
    // "2" is least recently used according to the persisted index.
    expect(existsSync(join(dir, sha('2'.repeat(10)).slice(0, 2), sha('2'.repeat(10))))).toBe(false);
    expect(await second.get(sha('1'.repeat(10)))).toBeDefined();
  });

  it('rebuilds from the files on disk when the index is corrupt, and clears temp files', async () => {
    const first = await open();
    await first.put(sha('kept'), stream('kept'));
    writeFileSync(join(dir, 'index.json'), '{ not json');
    writeFileSync(join(dir, '.tmp', 'half-download'), 'partial');
    const second = await open();
    expect(await second.get(sha('kept'))).toBeDefined();
    expect(readdirSync(join(dir, '.tmp'))).toEqual([]);
  });

  it('downloads a file once for concurrent ensure calls', async () => {
    const cache = await open();
    const content = Buffer.alloc(256 * 1024, 7);
    const fetcher = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return stream(content);
    });
    const paths = await Promise.all([1, 2, 3, 4].map(() => cache.ensure(sha(content), fetcher)));
    expect(fetcher).toHaveBeenCalledOnce();
    expect(new Set(paths).size).toBe(1);
    // Held now: later calls do not download either.
    await cache.ensure(sha(content), fetcher);
    expect(fetcher).toHaveBeenCalledOnce();
  });

  it('lets a failed ensure be retried', async () => {
    const cache = await open();
    const content = 'retry me';
    const fetcher = vi
      .fn<(sha: string) => Promise<Readable>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce(stream(content));
    await expect(cache.ensure(sha(content), fetcher)).rejects.toThrow('offline');
    await expect(cache.ensure(sha(content), fetcher)).resolves.toContain(sha(content));
    expect(fetcher).toHaveBeenCalledTimes(2);
  });
});
