import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../src-controller/server/db/audit-table';
import { migrate, MIGRATIONS } from '../../../src-controller/server/db/migrations';
import { getPackVersion, listPackVersions } from '../../../src-controller/server/db/packs-table';
import { listThemes } from '../../../src-controller/server/db/themes-table';
import {
  LibraryError,
  publishTheme,
  rollbackTheme,
} from '../../../src-controller/server/packs/library';

let root: string;
let db: Database.Database;

const manifest = (id: string, version: string) => ({
  format: 'hallcue-pack/1',
  id,
  version,
  title: { zh: `主题 ${id}`, en: `Theme ${id}` },
  roles: { main: { slides: [{ type: 'text', title: { en: id }, duration: 5 }] } },
});

/** A database exactly as HallCue with schema version 1 left it, holding a small library. */
function createVersion1Database(file: string): Database.Database {
  const v1 = new Database(file);
  v1.pragma('journal_mode = WAL');
  v1.pragma('foreign_keys = ON');
  MIGRATIONS[0]?.(v1);
  v1.pragma('user_version = 1');
  const pack = v1.prepare('INSERT INTO packs (id, created_at) VALUES (?, ?)');
  const version = v1.prepare(
    'INSERT INTO pack_versions (id, pack_id, version, manifest, imported_at) VALUES (?, ?, ?, ?, ?)',
  );
  const theme = v1.prepare(
    'INSERT INTO themes (key, pack_version_id, updated_at) VALUES (?, ?, ?)',
  );
  pack.run('alpha', 100);
  pack.run('beta', 200);
  version.run(1, 'alpha', '1.0.0', JSON.stringify(manifest('alpha', '1.0.0')), 100);
  version.run(2, 'alpha', '1.1.0', JSON.stringify(manifest('alpha', '1.1.0')), 150);
  version.run(3, 'beta', '2.0.0', JSON.stringify(manifest('beta', '2.0.0')), 200);
  // Inserted out of key order, to check the migration's entries follow the keys.
  theme.run('3', 3, 3000);
  theme.run('1', 2, 1000);
  v1.prepare(
    `INSERT INTO switches (revision, theme_key, pack_version_id, requested_at, start_at, requested_by)
     VALUES (1, '1', 2, 5000, 5150, 'console')`,
  ).run();
  v1.prepare(
    "UPDATE hall_state SET revision = 1, theme_key = '1', pack_version_id = 2, start_at = 5150",
  ).run();
  return v1;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hallcue-migration-v2-'));
  db = createVersion1Database(join(root, 'hallcue.db'));
});
afterEach(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

describe('migration 2: audit log and settings, on a database with real rows', () => {
  it('migrates to the current schema and keeps every existing row', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    migrate(db);
    // Migration 2 runs, and so do the later ones: the database ends at the current version.
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(2);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);

    expect(listPackVersions(db).map((v) => [v.id, v.packId, v.version, v.importedAt])).toEqual([
      [2, 'alpha', '1.1.0', 150],
      [1, 'alpha', '1.0.0', 100],
      [3, 'beta', '2.0.0', 200],
    ]);
    expect(getPackVersion(db, 3)?.manifest).toEqual(manifest('beta', '2.0.0'));
    expect(listThemes(db)).toEqual([
      { key: '1', packVersionId: 2, updatedAt: 1000 },
      { key: '3', packVersionId: 3, updatedAt: 3000 },
    ]);
    expect(db.prepare('SELECT id, created_at FROM packs ORDER BY id').all()).toEqual([
      { id: 'alpha', created_at: 100 },
      { id: 'beta', created_at: 200 },
    ]);
    expect(
      db.prepare('SELECT revision, theme_key, pack_version_id, requested_by FROM switches').all(),
    ).toEqual([{ revision: 1, theme_key: '1', pack_version_id: 2, requested_by: 'console' }]);
    expect(db.prepare('SELECT revision, theme_key, pack_version_id FROM hall_state').get()).toEqual(
      { revision: 1, theme_key: '1', pack_version_id: 2 },
    );
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 0 });
  });

  it('gives each pre-existing theme one theme.publish entry with no previous version', () => {
    migrate(db);
    const entries = recentAudit(db, 100);
    // recentAudit is newest first; the migration wrote them in key order.
    expect(entries.map((e) => [e.action, e.actor, e.at, e.detail]).reverse()).toEqual([
      [
        'theme.publish',
        'migration',
        1000,
        { key: '1', packVersionId: 2, previousPackVersionId: null },
      ],
      [
        'theme.publish',
        'migration',
        3000,
        { key: '3', packVersionId: 3, previousPackVersionId: null },
      ],
    ]);
  });

  it('gives rollback a starting point: nothing earlier, then back to the migrated version', () => {
    migrate(db);
    let error: unknown;
    try {
      rollbackTheme(db, '1', 'operator');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LibraryError);
    expect((error as Error).message).toBe('theme 1 has no earlier version to roll back to');

    publishTheme(db, '1', 1, 'curator', 6000);
    expect(recentAudit(db, 1, 'theme.publish')[0]?.detail).toEqual({
      key: '1',
      packVersionId: 1,
      previousPackVersionId: 2,
    });
    expect(rollbackTheme(db, '1', 'operator', 7000)?.id).toBe(2);
    expect(listThemes(db).find((t) => t.key === '1')?.packVersionId).toBe(2);
  });

  it('writes no audit entries when there are no themes', () => {
    db.prepare('DELETE FROM themes').run();
    migrate(db);
    expect(recentAudit(db, 10)).toEqual([]);
  });

  it('is all or nothing: a failing step leaves the database at version 1, rows untouched', () => {
    // A stray table of the same name makes the migration's CREATE TABLE fail half way.
    db.exec('CREATE TABLE settings (junk TEXT)');
    expect(() => migrate(db)).toThrow(/settings already exists/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'")
        .all(),
    ).toEqual([]);
    expect(listThemes(db)).toHaveLength(2);
  });
});
