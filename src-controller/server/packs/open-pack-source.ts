import { open, stat } from 'node:fs/promises';
import { openFolderSource } from './folder-source';
import { PackError } from './pack-error';
import type { PackLimits } from './pack-limits';
import type { PackSource } from './pack-source';
import { openZipSource } from './zip-source';

/** Opens a pack from a folder or a zip (`.hcpack`/`.zip`, recognised by its bytes). */
export async function openPackSource(path: string, limits: PackLimits): Promise<PackSource> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new PackError(path, [{ file: path, reason: 'does not exist' }]);
  }
  if (info.isDirectory()) return openFolderSource(path, limits);
  const handle = await open(path, 'r');
  const head = Buffer.alloc(4);
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  // PK\3\4 starts a zip with entries; PK\5\6 is an empty zip (refused later for no manifest).
  if (head.toString('latin1', 0, 2) !== 'PK' || (head[2] !== 3 && head[2] !== 5)) {
    throw new PackError(path, [
      { file: path, reason: 'is not a zip file (a pack is a .hcpack or .zip, or a folder)' },
    ]);
  }
  return openZipSource(path, limits);
}
