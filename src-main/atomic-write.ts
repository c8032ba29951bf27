import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

/**
 * Writes `data` to `path` so that readers (and the next boot after a power cut) see either the
 * old file or the whole new one: write a sibling temp file, fsync it, rename it over `path`.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  // Same directory as the target, so rename() never crosses file systems; random, so two
  // writers of the same path never share a temp file.
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      // Without fsync a power cut can leave the renamed file empty on ext4 (delayed allocation).
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
