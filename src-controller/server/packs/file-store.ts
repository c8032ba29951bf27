import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether `value` is a lowercase sha256 hex digest (the only names the store ever serves). */
export const isSha256 = (value: string) => SHA256_HEX.test(value);

export interface PutResult {
  sha256: string;
  size: number;
  /** True when this call added the file; false when identical content was already stored. */
  added: boolean;
}

/**
 * Content-addressed file store under `<data>/files/ab/abcdef…`. Writes go to a temporary file
 * first and are renamed into place, so a crash never leaves a half-written file under its hash.
 */
export class FileStore {
  readonly root: string;
  private readonly tmp: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'files');
    this.tmp = join(this.root, '.tmp');
  }

  async init(): Promise<void> {
    await mkdir(this.tmp, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`not a sha256 digest: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Streams a file into the store, hashing on the way. */
  putFile(source: string): Promise<PutResult> {
    return this.putStream(createReadStream(source));
  }

  /**
   * Streams `source` into the store, hashing on the way; memory stays flat whatever the size.
   * `onBytes` sees every chunk (for progress and for sniffing the first bytes).
   */
  async putStream(source: Readable, onBytes?: (chunk: Buffer) => void): Promise<PutResult> {
    const tmpFile = join(this.tmp, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        source,
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            hash.update(chunk);
            size += chunk.length;
            onBytes?.(chunk);
            done(null, chunk);
          },
        }),
        createWriteStream(tmpFile, { flags: 'wx', highWaterMark: 1024 * 1024 }),
      );
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      if (await exists(target)) {
        await rm(tmpFile, { force: true });
        return { sha256, size, added: false };
      }
      await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
      await rename(tmpFile, target);
      return { sha256, size, added: true };
    } catch (error) {
      await rm(tmpFile, { force: true });
      throw error;
    }
  }

  /** Hashes a stream without storing it: for files an earlier version probably already has. */
  async hashStream(source: Readable, onBytes?: (chunk: Buffer) => void): Promise<string> {
    const hash = createHash('sha256');
    for await (const chunk of source) {
      hash.update(chunk as Buffer);
      onBytes?.(chunk as Buffer);
    }
    return hash.digest('hex');
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  /**
   * Deletes temporary files and any stored file the database does not know: what an import
   * interrupted by a crash or power cut leaves behind. Returns how many files were removed.
   */
  async removeOrphans(known: ReadonlySet<string>): Promise<number> {
    let removed = 0;
    await rm(this.tmp, { recursive: true, force: true });
    await mkdir(this.tmp, { recursive: true });
    for (const dir of await readdir(this.root)) {
      if (dir === '.tmp') continue;
      const dirPath = join(this.root, dir);
      if (!(await stat(dirPath)).isDirectory()) continue;
      for (const name of await readdir(dirPath)) {
        if (!known.has(name)) {
          await rm(join(dirPath, name), { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
