import type { Statement } from 'better-sqlite3';
import type { SwitchKind } from '../../../src-shared/protocol';
import type { Db } from './open';

export interface SwitchRow {
  revision: number;
  kind: SwitchKind;
  zoneId: string | null;
  /** The theme pressed; for blackout and emergency rows, the kind itself. */
  themeKey: string;
  /** Null once the pack version has been deleted from the library. */
  packVersionId: number | null;
  requestedAt: number;
  startAt: number;
  requestedBy: string;
  /** Screen ids expected to present this press. */
  expectedScreens: string[];
}

interface RawSwitch {
  revision: number;
  kind: SwitchKind;
  zone_id: string | null;
  theme_key: string;
  pack_version_id: number | null;
  requested_at: number;
  start_at: number;
  requested_by: string;
  expected_screens: string;
}

/**
 * Records a press. A cluster node may hear of a revision it already holds (its own, resent by the
 * shared store): the store's account wins, and the screens' reports for it are kept.
 */
export function insertSwitch(db: Db, row: SwitchRow): void {
  db.prepare(
    `INSERT INTO switches (revision, kind, zone_id, theme_key, pack_version_id, requested_at,
       start_at, requested_by, expected_screens)
     VALUES (@revision, @kind, @zoneId, @themeKey, @packVersionId, @requestedAt, @startAt,
       @requestedBy, @expected)
     ON CONFLICT (revision) DO UPDATE SET kind = excluded.kind, zone_id = excluded.zone_id,
       theme_key = excluded.theme_key, pack_version_id = excluded.pack_version_id,
       requested_at = excluded.requested_at, start_at = excluded.start_at,
       requested_by = excluded.requested_by, expected_screens = excluded.expected_screens`,
  ).run({ ...row, expected: JSON.stringify(row.expectedScreens) });
}

export function getSwitchRow(db: Db, revision: number): SwitchRow | undefined {
  return recentSwitches(db, 1, revision).find((row) => row.revision === revision);
}

/** The latest presses, newest first; with `atOrBelow`, those at or before that revision. */
export function recentSwitches(
  db: Db,
  limit: number,
  atOrBelow = Number.MAX_SAFE_INTEGER,
): SwitchRow[] {
  const rows = db
    .prepare('SELECT * FROM switches WHERE revision <= ? ORDER BY revision DESC LIMIT ?')
    .all(atOrBelow, limit) as RawSwitch[];
  return rows.map((r) => ({
    revision: r.revision,
    kind: r.kind,
    zoneId: r.zone_id,
    themeKey: r.theme_key,
    packVersionId: r.pack_version_id,
    requestedAt: r.requested_at,
    startAt: r.start_at,
    requestedBy: r.requested_by,
    expectedScreens: JSON.parse(r.expected_screens) as string[],
  }));
}

export function switchThemeKey(db: Db, revision: number): string | null {
  const row = db.prepare('SELECT theme_key FROM switches WHERE revision = ?').get(revision) as
    { theme_key: string } | undefined;
  return row?.theme_key ?? null;
}

/** A screen's first frame of a press. */
export interface PresentationRow {
  revision: number;
  screenId: string;
  at: number;
}

type InsertPresentation = Statement<[number, string, number, number]>;
const insertStatements = new WeakMap<Db, InsertPresentation>();

/**
 * Records screens' first frames of presses in one transaction; a repeated report keeps the
 * first one. A thousand screens report within a few milliseconds of each other, and one commit
 * for all of them keeps the controller free for the next press.
 */
export function insertPresentations(db: Db, rows: readonly PresentationRow[]) {
  if (rows.length === 0) return;
  let statement = insertStatements.get(db);
  if (!statement) {
    statement = db.prepare<[number, string, number, number]>(
      `INSERT OR IGNORE INTO switch_presentations (revision, screen_id, presented_at)
       SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM switches WHERE revision = ?)`,
    );
    insertStatements.set(db, statement);
  }
  const insert = statement;
  db.transaction(() => {
    for (const row of rows) insert.run(row.revision, row.screenId, row.at, row.revision);
  })();
}

export function insertPresentation(db: Db, revision: number, screenId: string, at: number) {
  insertPresentations(db, [{ revision, screenId, at }]);
}

export function presentationsOf(db: Db, revision: number): Map<string, number> {
  const rows = db
    .prepare('SELECT screen_id, presented_at FROM switch_presentations WHERE revision = ?')
    .all(revision) as { screen_id: string; presented_at: number }[];
  return new Map(rows.map((r) => [r.screen_id, r.presented_at]));
}
