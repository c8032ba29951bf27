import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../../../src-controller/server/db/migrations';
import { openDatabase } from '../../../src-controller/server/db/open';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hallcue-db-'));
  dirs.push(dir);
  return join(dir, 'hallcue.db');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('v1 creates the schema, the single hall_state row, and records user_version', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT revision, theme_key FROM hall_state').all()).toEqual([
      { revision: 0, theme_key: null },
    ]);
    // The CHECK keeps hall_state to exactly one row.
    expect(() =>
      db
        .prepare('INSERT INTO hall_state (id, revision, start_at, updated_at) VALUES (2, 0, 0, 0)')
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('keeps rows when a migrated database is opened again', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.prepare(
      "INSERT INTO screens (id, name, key_hash, approved, created_at) VALUES ('s1', 'lobby', 'h', 1, 1)",
    ).run();
    db.prepare('UPDATE hall_state SET revision = 7').run();
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT name FROM screens').all()).toEqual([{ name: 'lobby' }]);
    expect(again.prepare('SELECT revision FROM hall_state').get()).toEqual({ revision: 7 });
    again.close();
  });

  it('applies each step in its own transaction and stops at the first failure', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE screens (id TEXT)'); // collides with v1
    expect(() => migrate(db)).toThrow(/already exists/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer HallCue', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer than this HallCue understands/);
  });
});
