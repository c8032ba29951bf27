import type { Db } from './open';

export interface ScreenRow {
  id: string;
  name: string;
  role: string;
  keyHash: string;
  approved: boolean;
  createdAt: number;
  lastSeenAt: number | null;
  lastAddress: string | null;
  pairingCode: string | null;
  revokedAt: number | null;
  label: string | null;
  zoneId: string | null;
  position: { x: number; y: number } | null;
  appVersion: string | null;
}

interface RawScreen {
  id: string;
  name: string;
  role: string;
  key_hash: string;
  approved: number;
  created_at: number;
  last_seen_at: number | null;
  last_address: string | null;
  pairing_code: string | null;
  revoked_at: number | null;
  label: string | null;
  zone_id: string | null;
  plan_x: number | null;
  plan_y: number | null;
  app_version: string | null;
}

const toScreen = (r: RawScreen): ScreenRow => ({
  id: r.id,
  name: r.name,
  role: r.role,
  keyHash: r.key_hash,
  approved: r.approved === 1,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  lastAddress: r.last_address,
  pairingCode: r.pairing_code,
  revokedAt: r.revoked_at,
  label: r.label,
  zoneId: r.zone_id,
  position: r.plan_x === null || r.plan_y === null ? null : { x: r.plan_x, y: r.plan_y },
  appVersion: r.app_version,
});

export function getScreenByName(db: Db, name: string): ScreenRow | undefined {
  const row = db.prepare('SELECT * FROM screens WHERE name = ?').get(name) as RawScreen | undefined;
  return row && toScreen(row);
}

export function getScreen(db: Db, id: string): ScreenRow | undefined {
  const row = db.prepare('SELECT * FROM screens WHERE id = ?').get(id) as RawScreen | undefined;
  return row && toScreen(row);
}

export function listScreens(db: Db): ScreenRow[] {
  return (db.prepare('SELECT * FROM screens ORDER BY name').all() as RawScreen[]).map(toScreen);
}

/**
 * Each approved screen's zone (null for none), by id. What a press needs to know of every screen,
 * without reading, sorting and converting whole rows as listScreens does: with 2,000 screens,
 * listScreens on each press was the controller's largest cost outside sending (bench:cluster
 * profile, 2026-12-06).
 */
export function approvedScreenZones(db: Db): Map<string, string | null> {
  const rows = db.prepare('SELECT id, zone_id AS zone FROM screens WHERE approved = 1').all() as {
    id: string;
    zone: string | null;
  }[];
  return new Map(rows.map((row) => [row.id, row.zone]));
}

/** Every screen's name, by id (for naming the screens a switch report misses). */
export function screenNames(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM screens').all() as { id: string; name: string }[];
  return new Map(rows.map((row) => [row.id, row.name]));
}

export function insertScreen(
  db: Db,
  screen: Pick<
    ScreenRow,
    'id' | 'name' | 'role' | 'keyHash' | 'approved' | 'createdAt' | 'pairingCode'
  >,
): void {
  db.prepare(
    `INSERT INTO screens (id, name, role, key_hash, approved, created_at, pairing_code)
     VALUES (@id, @name, @role, @keyHash, @approved, @createdAt, @pairingCode)`,
  ).run({ ...screen, approved: screen.approved ? 1 : 0 });
}

export function setScreenKey(db: Db, id: string, keyHash: string, pairingCode: string | null) {
  db.prepare('UPDATE screens SET key_hash = ?, pairing_code = ? WHERE id = ?').run(
    keyHash,
    pairingCode,
    id,
  );
}

/** Approves a screen (its pairing code is then spent) or revokes it. */
export function setScreenApproved(db: Db, id: string, approved: boolean, at = Date.now()) {
  return (
    db
      .prepare(
        approved
          ? 'UPDATE screens SET approved = 1, pairing_code = NULL, revoked_at = NULL WHERE id = ?'
          : 'UPDATE screens SET approved = 0, revoked_at = ? WHERE id = ?',
      )
      .run(...(approved ? [id] : [at, id])).changes === 1
  );
}

export function touchScreen(db: Db, id: string, at: number, address: string | null): void {
  db.prepare('UPDATE screens SET last_seen_at = ?, last_address = ? WHERE id = ?').run(
    at,
    address,
    id,
  );
}

/** The console's settings for a screen; fields left undefined stay as they are. */
export function updateScreenSettings(
  db: Db,
  id: string,
  patch: {
    label?: string | null;
    role?: string;
    zoneId?: string | null;
    position?: { x: number; y: number } | null;
  },
): void {
  const sets: string[] = [];
  const values: (string | number | null)[] = [];
  if (patch.label !== undefined) {
    sets.push('label = ?');
    values.push(patch.label === null || patch.label === '' ? null : patch.label);
  }
  if (patch.role !== undefined) {
    sets.push('role = ?');
    values.push(patch.role);
  }
  if (patch.zoneId !== undefined) {
    sets.push('zone_id = ?');
    values.push(patch.zoneId);
  }
  if (patch.position !== undefined) {
    sets.push('plan_x = ?', 'plan_y = ?');
    values.push(patch.position?.x ?? null, patch.position?.y ?? null);
  }
  if (sets.length === 0) return;
  db.prepare(`UPDATE screens SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
}

export function setScreenAppVersion(db: Db, id: string, appVersion: string | null): void {
  db.prepare('UPDATE screens SET app_version = ? WHERE id = ?').run(appVersion, id);
}
