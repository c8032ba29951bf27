import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-controller/server/db/open';
import {
  setScreenApproved,
  touchScreen,
  updateScreenSettings,
} from '../../../src-controller/server/db/screens-table';
import { insertZone } from '../../../src-controller/server/db/zones-table';
import { approvedZones } from '../../../src-controller/server/screens/approved-zones';
import { identifyScreen } from '../../../src-controller/server/screens/screen-identity';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallcue-approved-zones-'));
  db = openDatabase(join(dir, 'hallcue.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const screen = (name: string, approved = true) =>
  identifyScreen(db, { name }, approved, true, 1).screen;

describe('approved screens and their zones, kept between writes', () => {
  it('answers the same map until a write that can change it', () => {
    const left = screen('left');
    const first = approvedZones(db);
    expect(first).toEqual(new Map([[left.id, null]]));
    // A screen seen again changes nothing a press needs: the same answer, not read again.
    touchScreen(db, left.id, 2, '10.0.0.7');
    expect(approvedZones(db)).toBe(first);
  });

  it('follows screens added, approved, moved and deleted, and zones deleted', () => {
    insertZone(db, 'east', 'East', 1);
    const left = screen('left');
    const waiting = screen('waiting', false);
    expect([...approvedZones(db).keys()]).toEqual([left.id]);

    setScreenApproved(db, waiting.id, true);
    expect(approvedZones(db).get(waiting.id)).toBeNull();

    updateScreenSettings(db, left.id, { zoneId: 'east' });
    expect(approvedZones(db).get(left.id)).toBe('east');

    // The zone's screens go back to the hall (ON DELETE SET NULL).
    db.prepare('DELETE FROM zones WHERE id = ?').run('east');
    expect(approvedZones(db).get(left.id)).toBeNull();

    setScreenApproved(db, left.id, false);
    expect(approvedZones(db).has(left.id)).toBe(false);

    db.prepare('DELETE FROM screens WHERE id = ?').run(waiting.id);
    expect(approvedZones(db).size).toBe(0);
  });

  it('follows writes made by another connection to the same file', () => {
    const left = screen('left');
    expect(approvedZones(db).has(left.id)).toBe(true);
    const other = openDatabase(join(dir, 'hallcue.db'));
    try {
      setScreenApproved(other, left.id, false);
    } finally {
      other.close();
    }
    expect(approvedZones(db).has(left.id)).toBe(false);
  });

  it('keeps nothing a rolled-back transaction wrote', () => {
    const left = screen('left');
    expect(approvedZones(db).has(left.id)).toBe(true);
    expect(() =>
      db.transaction(() => {
        setScreenApproved(db, left.id, false);
        // Read inside: the transaction's own view...
        expect(approvedZones(db).has(left.id)).toBe(false);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    // ...and after the rollback, the file's.
    expect(approvedZones(db).has(left.id)).toBe(true);
  });
});
