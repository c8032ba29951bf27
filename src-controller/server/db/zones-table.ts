import type { Db } from './open';

export interface ZoneRow {
  id: string;
  name: string;
  position: number;
}

export interface ZoneThemeRow {
  zoneId: string;
  themeKey: string;
  /** Null once the pack version has been deleted: the zone's screens then show the idle picture. */
  packVersionId: number | null;
  startAt: number;
}

export function listZones(db: Db): ZoneRow[] {
  return db
    .prepare('SELECT id, name, position FROM zones ORDER BY position, name')
    .all() as ZoneRow[];
}

export function getZone(db: Db, id: string): ZoneRow | undefined {
  return db.prepare('SELECT id, name, position FROM zones WHERE id = ?').get(id) as
    ZoneRow | undefined;
}

export function getZoneByName(db: Db, name: string): ZoneRow | undefined {
  return db.prepare('SELECT id, name, position FROM zones WHERE name = ?').get(name) as
    ZoneRow | undefined;
}

export function insertZone(db: Db, id: string, name: string, at: number): void {
  db.prepare(
    `INSERT INTO zones (id, name, position, created_at)
     VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM zones), ?)`,
  ).run(id, name, at);
}

export function renameZone(db: Db, id: string, name: string): boolean {
  return db.prepare('UPDATE zones SET name = ? WHERE id = ?').run(name, id).changes === 1;
}

/** Deletes a zone; its screens follow the whole hall again (zone_id is set to NULL). */
export function deleteZone(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM zones WHERE id = ?').run(id).changes === 1;
}

export function listZoneThemes(db: Db): ZoneThemeRow[] {
  return db
    .prepare(
      `SELECT zone_id AS zoneId, theme_key AS themeKey, pack_version_id AS packVersionId,
         start_at AS startAt FROM zone_themes`,
    )
    .all() as ZoneThemeRow[];
}

export function writeZoneTheme(db: Db, row: ZoneThemeRow): void {
  db.prepare(
    `INSERT INTO zone_themes (zone_id, theme_key, pack_version_id, start_at)
     VALUES (@zoneId, @themeKey, @packVersionId, @startAt)
     ON CONFLICT (zone_id) DO UPDATE SET theme_key = excluded.theme_key,
       pack_version_id = excluded.pack_version_id, start_at = excluded.start_at`,
  ).run(row);
}

export function clearZoneThemes(db: Db): void {
  db.prepare('DELETE FROM zone_themes').run();
}
