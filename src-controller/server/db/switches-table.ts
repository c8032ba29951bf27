import type { Db } from './open';

export interface SwitchRow {
  revision: number;
  themeKey: string;
  /** Null once the pack version has been deleted from the library. */
  packVersionId: number | null;
  requestedAt: number;
  startAt: number;
  requestedBy: string;
}

interface RawSwitch {
  revision: number;
  theme_key: string;
  pack_version_id: number | null;
  requested_at: number;
  start_at: number;
  requested_by: string;
}

export function insertSwitch(db: Db, row: SwitchRow): void {
  db.prepare(
    `INSERT INTO switches (revision, theme_key, pack_version_id, requested_at, start_at, requested_by)
     VALUES (@revision, @themeKey, @packVersionId, @requestedAt, @startAt, @requestedBy)`,
  ).run(row);
}

export function recentSwitches(db: Db, limit: number): SwitchRow[] {
  const rows = db
    .prepare('SELECT * FROM switches ORDER BY revision DESC LIMIT ?')
    .all(limit) as RawSwitch[];
  return rows.map((r) => ({
    revision: r.revision,
    themeKey: r.theme_key,
    packVersionId: r.pack_version_id,
    requestedAt: r.requested_at,
    startAt: r.start_at,
    requestedBy: r.requested_by,
  }));
}

export function switchThemeKey(db: Db, revision: number): string | null {
  const row = db.prepare('SELECT theme_key FROM switches WHERE revision = ?').get(revision) as
    { theme_key: string } | undefined;
  return row?.theme_key ?? null;
}
