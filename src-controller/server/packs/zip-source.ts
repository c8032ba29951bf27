import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { PackError, type PackProblem } from './pack-error';
import { formatBytes, type PackLimits } from './pack-limits';
import { isJunk, type PackEntry, type PackSource } from './pack-source';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const CHUNK = 1024 * 1024;

/**
 * Reads the zip file in chunks of up to 1 MiB. yauzl's own file reader streams in Node's
 * default 16 KiB chunks, and the syscalls and allocations that costs halved import speed
 * (measured by `npm run bench:import`). Each range opens the file anew: a shared descriptor
 * would be closed by the first stream yauzl destroys early.
 */
class LargeChunkReader extends yauzl.RandomAccessReader {
  constructor(private readonly path: string) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return createReadStream(this.path, {
      start,
      end: end - 1,
      highWaterMark: Math.max(1, Math.min(CHUNK, end - start)),
    });
  }
}

async function openZip(path: string, options: yauzl.Options): Promise<ZipFile> {
  const { size } = await stat(path);
  const reader = new LargeChunkReader(path);
  // yauzl closes a reader whose reference count drops to zero (after each read); this
  // reference keeps it usable until ZipFile.close() releases it.
  (reader as unknown as { ref(): void }).ref();
  return yauzl.fromRandomAccessReaderPromise(reader, size, options);
}

/** Why a zip entry name is unsafe, or null. Checked before anything is extracted. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\\')) return 'uses "\\" in its name; zip names must use "/"';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'is an absolute path';
  if (name.split('/').some((part) => part === '..')) return 'climbs out of the pack with ".."';
  if (name.includes('\0')) return 'has a NUL character in its name';
  if (name.split('/').some((part, i, all) => part === '' && i < all.length - 1)) {
    return 'has an empty path segment';
  }
  return null;
}

/**
 * Opens a zip pack and checks its central directory before any byte is extracted: names, links,
 * duplicates, encryption, entry count, declared sizes and compression ratios. yauzl also checks,
 * while streaming, that each entry expands to exactly its declared size, so a zip that lies in
 * its headers cannot get past the limits.
 */
export async function openZipSource(path: string, limits: PackLimits): Promise<PackSource> {
  let zip: ZipFile;
  try {
    zip = await openZip(path, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch (error) {
    throw new PackError(path, [
      { file: path, reason: `is not a readable zip file: ${(error as Error).message}` },
    ]);
  }

  const entries: PackEntry[] = [];
  const byPath = new Map<string, Entry>();
  const problems: PackProblem[] = [];
  let total = 0;

  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new PackError(path, [
      {
        file: path,
        reason: `has ${zip.entryCount} entries; the limit is ${limits.maxEntries}`,
      },
    ]);
  }

  try {
    for await (const entry of zip.eachEntry()) {
      let name: string;
      try {
        name = UTF8.decode(entry.fileNameRaw);
      } catch {
        problems.push({
          file: entry.fileNameRaw.toString('latin1'),
          reason: 'has a name that is not UTF-8; re-create the zip with UTF-8 names',
        });
        continue;
      }
      const unsafe = unsafeEntryName(name);
      if (unsafe) {
        problems.push({ file: name, reason: unsafe });
        continue;
      }
      if (name.endsWith('/')) continue; // a directory
      if (isJunk(name)) continue;
      if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
        problems.push({ file: name, reason: 'is a link; packs may hold only regular files' });
        continue;
      }
      if (entry.isEncrypted()) {
        problems.push({ file: name, reason: 'is encrypted; packs cannot be password-protected' });
        continue;
      }
      if (!entry.canDecodeFileData()) {
        problems.push({
          file: name,
          reason: `uses compression method ${entry.compressionMethod}; use deflate or store`,
        });
        continue;
      }
      if (byPath.has(name)) {
        problems.push({ file: name, reason: 'appears more than once in the zip' });
        continue;
      }
      const size = entry.uncompressedSize;
      if (size > limits.maxFileBytes) {
        problems.push({
          file: name,
          reason: `expands to ${formatBytes(size)}; the limit per file is ${formatBytes(limits.maxFileBytes)}`,
        });
        continue;
      }
      if (size > 1024 * 1024 && size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
        problems.push({
          file: name,
          reason: `expands ${Math.round(size / Math.max(1, entry.compressedSize))}:1 (limit ${limits.maxRatio}:1); this looks like a zip bomb`,
        });
        continue;
      }
      total += size;
      byPath.set(name, entry);
      entries.push({ path: name, size });
    }
  } catch (error) {
    zip.close();
    throw new PackError(path, [
      { file: path, reason: `is damaged or truncated: ${(error as Error).message}` },
    ]);
  }
  if (total > limits.maxTotalBytes) {
    problems.push({
      file: path,
      reason: `expands to ${formatBytes(total)}; the limit per pack is ${formatBytes(limits.maxTotalBytes)}`,
    });
  }

  return {
    label: path,
    entries,
    problems,
    async open(entryPath: string): Promise<Readable> {
      const entry = byPath.get(entryPath);
      if (!entry) throw new Error(`${entryPath} is not in the pack`);
      return zip.openReadStreamPromise(entry);
    },
    async openHead(entryPath: string, bytes: number): Promise<Readable> {
      const entry = byPath.get(entryPath);
      if (!entry) throw new Error(`${entryPath} is not in the pack`);
      // Stored entries can be read in part; deflated ones must be inflated from the start.
      if (entry.compressionMethod === 0 && entry.uncompressedSize > bytes) {
        return zip.openReadStreamPromise(entry, { start: 0, end: bytes });
      }
      return zip.openReadStreamPromise(entry);
    },
    close() {
      zip.close();
      return Promise.resolve();
    },
  };
}
