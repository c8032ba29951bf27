import type { PrefetchFile } from '../../../src-shared/protocol';
import type { Db } from '../db/open';

/**
 * The files each theme needs, by theme key. Screens are armed for a theme when they hold all of
 * them; `prefetchList` is what an approved screen is told to fetch ahead of any switch.
 */
export function themeFiles(db: Db): Map<string, PrefetchFile[]> {
  const rows = db
    .prepare(
      `SELECT DISTINCT t.key, f.sha256, f.size FROM themes t
       JOIN pack_version_files p ON p.pack_version_id = t.pack_version_id
       JOIN files f ON f.sha256 = p.sha256
       ORDER BY t.key, f.size`,
    )
    .all() as { key: string; sha256: string; size: number }[];
  const byKey = new Map<string, PrefetchFile[]>();
  for (const row of rows) {
    const list = byKey.get(row.key) ?? [];
    list.push({ sha256: row.sha256, size: row.size });
    byKey.set(row.key, list);
  }
  return byKey;
}

/** Every file of every theme, once, smallest first so most themes arm early. */
export function prefetchList(byKey: ReadonlyMap<string, PrefetchFile[]>): PrefetchFile[] {
  const unique = new Map<string, PrefetchFile>();
  for (const files of byKey.values()) for (const f of files) unique.set(f.sha256, f);
  return [...unique.values()].sort((a, b) => a.size - b.size);
}
