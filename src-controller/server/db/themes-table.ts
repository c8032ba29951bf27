import type { Db } from './open';

export interface ThemeRow {
  key: string;
  packVersionId: number;
  updatedAt: number;
}

interface RawTheme {
  key: string;
  pack_version_id: number;
  updated_at: number;
}

const toTheme = (r: RawTheme): ThemeRow => ({
  key: r.key,
  packVersionId: r.pack_version_id,
  updatedAt: r.updated_at,
});

export function listThemes(db: Db): ThemeRow[] {
  return (db.prepare('SELECT * FROM themes ORDER BY key').all() as RawTheme[]).map(toTheme);
}

export function getTheme(db: Db, key: string): ThemeRow | undefined {
  const row = db.prepare('SELECT * FROM themes WHERE key = ?').get(key) as RawTheme | undefined;
  return row && toTheme(row);
}

export function setTheme(db: Db, key: string, packVersionId: number, at: number): void {
  db.prepare(
    `INSERT INTO themes (key, pack_version_id, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET pack_version_id = excluded.pack_version_id,
       updated_at = excluded.updated_at`,
  ).run(key, packVersionId, at);
}

/** The first key whose theme comes from pack `packId` (any version), or null. */
export function keyForPack(db: Db, packId: string): string | null {
  const row = db
    .prepare(
      `SELECT t.key FROM themes t JOIN pack_versions v ON v.id = t.pack_version_id
       WHERE v.pack_id = ? ORDER BY length(t.key), t.key LIMIT 1`,
    )
    .get(packId) as { key: string } | undefined;
  return row?.key ?? null;
}
