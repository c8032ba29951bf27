import { randomInt, randomUUID } from 'node:crypto';
import type { ScreenAuth } from '../../../src-shared/protocol';
import type { Db } from '../db/open';
import { getScreenByName, insertScreen, setScreenKey, type ScreenRow } from '../db/screens-table';
import { hashScreenKey, keyMatches, newScreenKey } from './screen-keys';

/** Six digits, easy to read across a hall and to type on the console. */
export const newPairingCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export interface IdentifiedScreen {
  screen: ScreenRow;
  /** Set when a new key was issued on this connection; the screen must store it. */
  issuedKey?: string;
}

export class ScreenRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScreenRefusedError';
  }
}

/**
 * Works out which screen is connecting. A name is bound to the first device that used it by a
 * secret key; an approved screen's name cannot be taken over without that key. Screens on the
 * controller's own machine are trusted (the demo and tests run there) when `trustLoopback` is on.
 */
export function identifyScreen(
  db: Db,
  auth: ScreenAuth,
  fromLoopback: boolean,
  trustLoopback: boolean,
  now: number,
  /** Asked before a new pairing code is issued to an untrusted device; throws to refuse. */
  beforePairing: () => void = () => undefined,
): IdentifiedScreen {
  const trusted = fromLoopback && trustLoopback;
  const existing = getScreenByName(db, auth.name);
  if (!existing) {
    if (!trusted) beforePairing();
    const key = newScreenKey();
    const screen: ScreenRow = {
      id: randomUUID(),
      name: auth.name,
      role: 'main',
      keyHash: hashScreenKey(key),
      approved: trusted,
      createdAt: now,
      lastSeenAt: null,
      lastAddress: null,
      pairingCode: trusted ? null : newPairingCode(),
      revokedAt: null,
      label: null,
      zoneId: null,
      position: null,
      appVersion: null,
    };
    insertScreen(db, screen);
    return { screen, issuedKey: key };
  }
  if (keyMatches(auth.key, existing.keyHash)) return { screen: existing };
  // Re-keying an unapproved screen gives nothing away; re-keying an approved one needs trust.
  if (!existing.approved || trusted) {
    if (!trusted) beforePairing();
    const key = newScreenKey();
    const pairingCode = existing.approved ? null : newPairingCode();
    setScreenKey(db, existing.id, hashScreenKey(key), pairingCode);
    return {
      screen: { ...existing, keyHash: hashScreenKey(key), pairingCode },
      issuedKey: key,
    };
  }
  throw new ScreenRefusedError(
    `screen auth: screen name "${auth.name}" is already paired with another device; pick another name or ask an operator to reset it`,
  );
}
