import type { ActiveOverride } from '../../../src-shared/protocol';
import type { Db } from './open';

export interface HallStateRow {
  revision: number;
  themeKey: string | null;
  /** The exact pack version on screen: re-pointing a theme key later does not change it. */
  packVersionId: number | null;
  startAt: number;
  updatedAt: number;
  override: ActiveOverride | null;
}

interface RawHallState {
  revision: number;
  theme_key: string | null;
  pack_version_id: number | null;
  start_at: number;
  updated_at: number;
  override: string | null;
}

export function readHallState(db: Db): HallStateRow {
  const row = db
    .prepare(
      'SELECT revision, theme_key, pack_version_id, start_at, updated_at, override FROM hall_state WHERE id = 1',
    )
    .get() as RawHallState;
  return {
    revision: row.revision,
    themeKey: row.theme_key,
    packVersionId: row.pack_version_id,
    startAt: row.start_at,
    updatedAt: row.updated_at,
    override: row.override === null ? null : (JSON.parse(row.override) as ActiveOverride),
  };
}

export function writeHallState(db: Db, state: HallStateRow): void {
  db.prepare(
    `UPDATE hall_state SET revision = ?, theme_key = ?, pack_version_id = ?, start_at = ?,
       updated_at = ?, override = ? WHERE id = 1`,
  ).run(
    state.revision,
    state.themeKey,
    state.packVersionId,
    state.startAt,
    state.updatedAt,
    state.override === null ? null : JSON.stringify(state.override),
  );
}
