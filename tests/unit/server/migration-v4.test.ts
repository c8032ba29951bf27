import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../../../src-controller/server/db/migrations';
import {
  insertPresentation,
  presentationsOf,
  recentSwitches,
} from '../../../src-controller/server/db/switches-table';

describe('migration 4: switch reports', () => {
  it('keeps earlier presses, with no expected screens, and records presentations after', () => {
    const db = new Database(':memory:');
    for (const step of MIGRATIONS.slice(0, 3)) step(db);
    db.pragma('user_version = 3');
    db.exec(`
      INSERT INTO packs (id, created_at) VALUES ('p', 1);
      INSERT INTO pack_versions (id, pack_id, version, manifest, imported_at) VALUES (1, 'p', '1.0.0', '{}', 1);
      INSERT INTO switches (revision, theme_key, pack_version_id, requested_at, start_at, requested_by)
        VALUES (7, '1', 1, 100, 250, 'console@127.0.0.1');
    `);
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(recentSwitches(db, 5)).toEqual([
      {
        revision: 7,
        kind: 'theme',
        zoneId: null,
        themeKey: '1',
        packVersionId: 1,
        requestedAt: 100,
        startAt: 250,
        requestedBy: 'console@127.0.0.1',
        expectedScreens: [],
      },
    ]);
    insertPresentation(db, 7, 'screen-a', 251.5);
    insertPresentation(db, 7, 'screen-a', 999); // a repeated report keeps the first
    insertPresentation(db, 8, 'screen-a', 1); // no such press: ignored
    expect([...presentationsOf(db, 7)]).toEqual([['screen-a', 251.5]]);
    expect(presentationsOf(db, 8).size).toBe(0);
    db.close();
  });
});
