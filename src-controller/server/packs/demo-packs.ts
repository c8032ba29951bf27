import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/open';
import { countPackVersions } from '../db/packs-table';
import type { Logger } from '../logger';
import type { FileStore } from './file-store';
import { importPack } from './import-pack';
import { publishTheme } from './library';
import { openPackSource } from './open-pack-source';
import type { PackLimits } from './pack-limits';

/**
 * On a library's first start, imports the demo packs in `dir` (folders named `N-slug`, N being
 * the theme key they get) so a new hall looks like a hall. Does nothing once any pack exists,
 * so a curator's library is never touched.
 */
export async function seedDemoPacks(
  db: Db,
  store: FileStore,
  dir: string,
  limits: PackLimits,
  log: Logger,
) {
  if (countPackVersions(db) > 0) return 0;
  let entries: string[];
  try {
    entries = (await readdir(dir)).sort();
  } catch {
    log.warn({ dir }, 'no demo packs folder; starting with an empty library');
    return 0;
  }
  let imported = 0;
  for (const entry of entries) {
    const key = /^([1-9])-/.exec(entry)?.[1];
    if (!key) continue;
    try {
      const source = await openPackSource(join(dir, entry), limits);
      try {
        const pack = await importPack(db, store, source, { limits, actor: 'demo' });
        publishTheme(db, key, pack.packVersionId, 'demo');
        log.info({ pack: pack.manifest.id, key }, 'imported demo pack');
        imported++;
      } finally {
        await source.close();
      }
    } catch (error) {
      // A broken demo pack must not keep the hall from starting; the others still load.
      log.error({ pack: entry, err: error }, 'demo pack refused');
    }
  }
  return imported;
}
