import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-controller/server/db/open';
import {
  approvedScreenZones,
  screenNames,
  setScreenApproved,
  updateScreenSettings,
} from '../../../src-controller/server/db/screens-table';
import { insertZone } from '../../../src-controller/server/db/zones-table';
import { identifyScreen } from '../../../src-controller/server/screens/screen-identity';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

describe('the per-press screen queries', () => {
  it('give approved screens with their zones, and follow approval and zone changes', () => {
    insertZone(db, 'east', 'East', 1);
    const left = identifyScreen(db, { name: 'left' }, true, true, 1).screen;
    const right = identifyScreen(db, { name: 'right' }, true, true, 1).screen;
    const waiting = identifyScreen(db, { name: 'waiting' }, false, true, 1).screen;
    updateScreenSettings(db, right.id, { zoneId: 'east' });
    expect(approvedScreenZones(db)).toEqual(
      new Map([
        [left.id, null],
        [right.id, 'east'],
      ]),
    );
    // Asked again after a change, not served from an earlier answer.
    setScreenApproved(db, left.id, false);
    setScreenApproved(db, waiting.id, true);
    expect(approvedScreenZones(db)).toEqual(
      new Map([
        [right.id, 'east'],
        [waiting.id, null],
      ]),
    );
    // A deleted zone lets its screens go back to the hall.
    db.prepare('DELETE FROM zones WHERE id = ?').run('east');
    expect(approvedScreenZones(db).get(right.id)).toBeNull();
  });

  it('name every screen, approved or not', () => {
    const left = identifyScreen(db, { name: 'left' }, true, true, 1).screen;
    const waiting = identifyScreen(db, { name: 'waiting' }, false, true, 1).screen;
    expect(screenNames(db)).toEqual(
      new Map([
        [left.id, 'left'],
        [waiting.id, 'waiting'],
      ]),
    );
  });
});
