import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { SHA256_PATTERN } from '../src-shared/protocol';
import { writeFileAtomic } from './atomic-write';

/** Downloads one pack file by its sha256; the real one asks the controller's `/files/<sha256>`. */
export type Fetcher = (sha256: string) => Promise<Readable>;

/** Where and how big a FileCache is. */
export interface FileCacheOptions {
  dir: string;
  /** Budget for all cached files; pinned files may push the total past it (they are never evicted). */
  maxBytes: number;
  /** Clock for last-access times (tests pass a fake one). */
  now?: () => number;
  /** Reads only change last-access times, so their index write waits this long to coalesce. */
  indexSaveDelayMs?: number;
}

/** Thrown when a file cannot enter the cache (bad name, content that does not match its name). */
export class FileCacheError extends Error {
  override name = 'FileCacheError';
}

interface Entry {
  size: number;
  lastAccess: number;
}

const INDEX_FILE = 'index.json';
const TEMP_DIR = '.tmp';
const SHARD_PATTERN = /^[0-9a-f]{2}$/;

const indexSchema = z.object({
  version: z.literal(1),
  files: z.record(
    z.string().regex(SHA256_PATTERN),
    z.object({ size: z.number().int().nonnegative(), lastAccess: z.number() }),
  ),
});

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Pack files on disk, named and verified by sha256 (`dir/ab/abcdef…`), bounded by `maxBytes`
 * with least-recently-used eviction that spares pinned files.
 *
 * Verification trade-off: a file is hashed on its first read in each process and the result is
 * remembered with the file's mtime and size; later reads only `stat` it. Rehashing on every read
 * would hash a whole video for each Range request while seeking. What this misses is a change
 * that keeps size and mtime (bit rot, a tool that restores mtimes): it is caught on the next
 * start, which hashes again. Torn writes after a power cut are caught the same way, which is
 * why `put` does not fsync each file.
 */
export class FileCache {
  private readonly dir: string;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private readonly indexSaveDelayMs: number;
  private readonly entries = new Map<string, Entry>();
  /** sha → the stat of the file when its hash was last checked in this process. */
  private readonly verified = new Map<string, { mtimeMs: number; size: number }>();
  /** In-flight checks and downloads, so concurrent callers share one hash pass or download. */
  private readonly checking = new Map<string, Promise<string | undefined>>();
  private readonly ensuring = new Map<string, Promise<string>>();
  private pinned: ReadonlySet<string> = new Set();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(options: FileCacheOptions) {
    this.dir = options.dir;
    this.maxBytes = options.maxBytes;
    this.now = options.now ?? Date.now;
    this.indexSaveDelayMs = options.indexSaveDelayMs ?? 2_000;
  }

  /** Opens (creating) the cache in `options.dir`, dropping temp files and index entries without a file. */
  static async open(options: FileCacheOptions): Promise<FileCache> {
    const cache = new FileCache(options);
    await cache.load();
    return cache;
  }

  private pathOf(sha: string): string {
    return join(this.dir, sha.slice(0, 2), sha);
  }

  private async load(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // Leftovers of downloads interrupted by a crash or power cut.
    await rm(join(this.dir, TEMP_DIR), { recursive: true, force: true });
    await mkdir(join(this.dir, TEMP_DIR), { recursive: true });

    let indexed: z.infer<typeof indexSchema>['files'] = {};
    try {
      const parsed = indexSchema.safeParse(
        JSON.parse(await readFile(join(this.dir, INDEX_FILE), 'utf8')),
      );
      if (parsed.success) indexed = parsed.data.files;
    } catch {
      // Missing or unreadable index: the scan below rebuilds it, with unknown access times.
    }

    // The files on disk are the truth: a crash between a rename and the index write leaves a
    // file the index does not know, and a deleted file leaves an entry without a file.
    for (const shard of await readdir(this.dir)) {
      if (!SHARD_PATTERN.test(shard)) continue;
      for (const name of await readdir(join(this.dir, shard))) {
        if (!SHA256_PATTERN.test(name) || !name.startsWith(shard)) continue;
        const info = await stat(join(this.dir, shard, name)).catch(() => undefined);
        if (!info?.isFile()) continue;
        this.entries.set(name, { size: info.size, lastAccess: indexed[name]?.lastAccess ?? 0 });
      }
    }
    // No eviction here: pins arrive later, and evicting before them could drop needed files.
    await this.saveNow();
  }

  /** Path of the cached file named `sha`, after checking its hash; undefined if absent or corrupt. */
  get(sha: string): Promise<string | undefined> {
    if (!SHA256_PATTERN.test(sha)) return Promise.resolve(undefined);
    const running = this.checking.get(sha);
    if (running) return running;
    const check = this.check(sha).finally(() => this.checking.delete(sha));
    this.checking.set(sha, check);
    return check;
  }

  private async check(sha: string): Promise<string | undefined> {
    const path = this.pathOf(sha);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) {
      if (this.entries.has(sha)) await this.remove(sha);
      return undefined;
    }
    const known = this.verified.get(sha);
    if (known?.mtimeMs !== info.mtimeMs || known.size !== info.size) {
      const actual = await sha256OfFile(path).catch(() => undefined);
      if (actual !== sha) {
        await this.remove(sha);
        return undefined;
      }
      this.verified.set(sha, { mtimeMs: info.mtimeMs, size: info.size });
    }
    this.entries.set(sha, { size: info.size, lastAccess: this.now() });
    this.scheduleSave();
    return path;
  }

  /**
   * Streams `source` into the cache as `sha`, hashing on the way; content whose hash differs is
   * deleted and refused. Returns the file's path.
   */
  async put(sha: string, source: Readable): Promise<string> {
    if (!SHA256_PATTERN.test(sha)) {
      source.destroy();
      throw new FileCacheError(`not a sha256 hex digest: "${sha}"`);
    }
    const temp = join(this.dir, TEMP_DIR, `${sha}.${randomBytes(4).toString('hex')}`);
    const hash = createHash('sha256');
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer | string>) {
          for await (const chunk of chunks) {
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(temp),
      );
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    const actual = hash.digest('hex');
    if (actual !== sha) {
      await rm(temp, { force: true });
      throw new FileCacheError(`content of ${sha} does not match its name (sha256 ${actual})`);
    }

    const path = this.pathOf(sha);
    await mkdir(dirname(path), { recursive: true });
    await rename(temp, path);
    const info = await stat(path);
    this.verified.set(sha, { mtimeMs: info.mtimeMs, size: info.size });
    this.entries.set(sha, { size: info.size, lastAccess: this.now() });
    await this.evict(sha);
    // A failed index write loses only access times: the next open rescans the files.
    await this.saveNow().catch(() => undefined);
    return path;
  }

  /** The cached file named `sha`, downloaded through `fetcher` first if needed (once per sha at a time). */
  ensure(sha: string, fetcher: Fetcher): Promise<string> {
    const running = this.ensuring.get(sha);
    if (running) return running;
    const job = (async () => {
      const hit = await this.get(sha);
      if (hit !== undefined) return hit;
      if (!SHA256_PATTERN.test(sha)) throw new FileCacheError(`not a sha256 hex digest: "${sha}"`);
      return this.put(sha, await fetcher(sha));
    })().finally(() => this.ensuring.delete(sha));
    this.ensuring.set(sha, job);
    return job;
  }

  /** Replaces the set of files eviction must keep (every file an assigned theme needs). */
  pin(shas: Iterable<string>): void {
    this.pinned = new Set(shas);
  }

  /** Files whose hash was checked in this process and that are still cached, sorted. */
  held(): string[] {
    return [...this.verified.keys()].filter((sha) => this.entries.has(sha)).sort();
  }

  /** Total size of the cached files in bytes. */
  totalBytes(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.size;
    return total;
  }

  /** Writes pending last-access times to the index; call before quitting. */
  async flush(): Promise<void> {
    if (this.dirty) await this.saveNow();
    else await this.saving;
  }

  /** Deletes least-recently-used unpinned files until the total fits, sparing `keep`. */
  private async evict(keep: string): Promise<void> {
    let total = this.totalBytes();
    if (total <= this.maxBytes) return;
    const candidates = [...this.entries]
      .filter(([sha]) => sha !== keep && !this.pinned.has(sha))
      .sort(([, a], [, b]) => a.lastAccess - b.lastAccess);
    for (const [sha, entry] of candidates) {
      if (total <= this.maxBytes) break;
      await this.remove(sha);
      total -= entry.size;
    }
  }

  private async remove(sha: string): Promise<void> {
    this.entries.delete(sha);
    this.verified.delete(sha);
    // Unlinking a file that is being served is fine on Linux: open streams keep reading it.
    await rm(this.pathOf(sha), { force: true });
    this.scheduleSave();
  }

  private scheduleSave(): void {
    this.dirty = true;
    if (this.saveTimer !== undefined) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.saveNow().catch(() => undefined);
    }, this.indexSaveDelayMs);
    // A pending access-time write must not keep a quitting process alive.
    this.saveTimer.unref?.();
  }

  private saveNow(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    // Serialized, so an older snapshot can never be renamed over a newer one.
    this.saving = this.saving
      .catch(() => undefined)
      .then(() => {
        this.dirty = false;
        const index = { version: 1, files: Object.fromEntries(this.entries) };
        return writeFileAtomic(join(this.dir, INDEX_FILE), JSON.stringify(index));
      });
    return this.saving;
  }
}
