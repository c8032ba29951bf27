import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../../src-controller/server/db/migrations';
import { getScreenByName } from '../../../src-controller/server/db/screens-table';

describe('migration 3: pairing codes and revocation', () => {
  it('adds the columns to a database at version 2 that already has screens', () => {
    const db = new Database(':memory:');
    MIGRATIONS[0]?.(db);
    MIGRATIONS[1]?.(db);
    db.pragma('user_version = 2');
    db.prepare(
      "INSERT INTO screens (id, name, key_hash, approved, created_at) VALUES ('s1', 'lobby', 'h', 1, 5)",
    ).run();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(getScreenByName(db, 'lobby')).toMatchObject({
      id: 's1',
      approved: true,
      createdAt: 5,
      pairingCode: null,
      revokedAt: null,
    });
    db.close();
  });
});
