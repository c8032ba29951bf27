import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-controller/server/db/open';
import { setScreenApproved } from '../../../src-controller/server/db/screens-table';
import {
  identifyScreen,
  ScreenRefusedError,
} from '../../../src-controller/server/screens/screen-identity';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

describe('identifyScreen', () => {
  it('registers a new name with a fresh key; approved only when trusted', () => {
    const remote = identifyScreen(db, { name: 'left' }, false, true, 1);
    expect(remote.screen.approved).toBe(false);
    expect(remote.issuedKey).toHaveLength(43);
    const local = identifyScreen(db, { name: 'right' }, true, true, 1);
    expect(local.screen.approved).toBe(true);
    const untrusted = identifyScreen(db, { name: 'centre' }, true, false, 1);
    expect(untrusted.screen.approved).toBe(false);
    // Waiting screens get a six-digit pairing code; trusted ones need none.
    expect(remote.screen.pairingCode).toMatch(/^\d{6}$/);
    expect(local.screen.pairingCode).toBeNull();
  });

  it('recognises a returning screen by its key and issues no new one', () => {
    const first = identifyScreen(db, { name: 'left' }, false, true, 1);
    const again = identifyScreen(db, { name: 'left', key: first.issuedKey }, false, true, 2);
    expect(again.screen.id).toBe(first.screen.id);
    expect(again.issuedKey).toBeUndefined();
  });

  it('refuses to hand an approved name to a device without its key', () => {
    const first = identifyScreen(db, { name: 'left' }, false, true, 1);
    setScreenApproved(db, first.screen.id, true);
    expect(() => identifyScreen(db, { name: 'left', key: 'k'.repeat(43) }, false, true, 2)).toThrow(
      ScreenRefusedError,
    );
  });

  it('re-keys an unapproved screen that lost its key (nothing to steal yet)', () => {
    const first = identifyScreen(db, { name: 'left' }, false, true, 1);
    const again = identifyScreen(db, { name: 'left' }, false, true, 2);
    expect(again.screen.id).toBe(first.screen.id);
    expect(again.issuedKey).toBeDefined();
    expect(again.issuedKey).not.toBe(first.issuedKey);
  });
});
