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
