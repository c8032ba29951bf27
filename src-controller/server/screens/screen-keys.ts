import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh screen secret: 256 random bits, URL-safe. */
export const newScreenKey = () => randomBytes(32).toString('base64url');

/** Keys are random and long, so a plain sha256 is enough; only the hash is stored. */
export const hashScreenKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function keyMatches(key: string | undefined, keyHash: string): boolean {
  if (!key) return false;
  const a = Buffer.from(hashScreenKey(key), 'hex');
  const b = Buffer.from(keyHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
