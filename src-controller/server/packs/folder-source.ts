import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { PackProblem } from './pack-error';
import { formatBytes, type PackLimits } from './pack-limits';
import { isJunk, type PackEntry, type PackSource } from './pack-source';

/** A pack laid out as a folder (what curators author before `hallcue pack build`). */
export async function openFolderSource(root: string, limits: PackLimits): Promise<PackSource> {
  const entries: PackEntry[] = [];
  const problems: PackProblem[] = [];
  let total = 0;

  async function walk(relative: string): Promise<void> {
    for (const name of (await readdir(join(root, relative))).sort()) {
      const path = relative ? `${relative}/${name}` : name;
      const info = await lstat(join(root, path));
      if (info.isDirectory()) {
        await walk(path);
        continue;
      }
      if (isJunk(path)) continue;
      if (info.isSymbolicLink()) {
        problems.push({ file: path, reason: 'is a link; packs may hold only regular files' });
      } else if (!info.isFile()) {
        problems.push({ file: path, reason: 'is not a regular file' });
      } else if (info.size > limits.maxFileBytes) {
        problems.push({
          file: path,
          reason: `is ${formatBytes(info.size)}; the limit per file is ${formatBytes(limits.maxFileBytes)}`,
        });
      } else {
        total += info.size;
        entries.push({ path, size: info.size });
      }
      if (entries.length > limits.maxEntries) {
        throw new Error(`more than ${limits.maxEntries} files`);
      }
    }
  }

  try {
    await walk('');
  } catch (error) {
    problems.push({ file: root, reason: (error as Error).message });
  }
  if (total > limits.maxTotalBytes) {
    problems.push({
      file: root,
      reason: `holds ${formatBytes(total)}; the limit per pack is ${formatBytes(limits.maxTotalBytes)}`,
    });
  }
  const known = new Set(entries.map((e) => e.path));
  return {
    label: root,
    entries,
    problems,
    open(path: string): Promise<Readable> {
      if (!known.has(path)) return Promise.reject(new Error(`${path} is not in the pack`));
      return Promise.resolve(
        createReadStream(join(root, ...path.split('/')), { highWaterMark: 1024 * 1024 }),
      );
    },
    openHead(path: string, bytes: number): Promise<Readable> {
      if (!known.has(path)) return Promise.reject(new Error(`${path} is not in the pack`));
      return Promise.resolve(
        createReadStream(join(root, ...path.split('/')), { start: 0, end: Math.max(0, bytes - 1) }),
      );
    },
    close: () => Promise.resolve(),
  };
}
