import { createHash, randomBytes } from 'node:crypto';

/**
 * Session cookies and API tokens: 32 random bytes, base64url. Only their SHA-256 is stored; with
 * 256 bits of entropy a plain hash is enough (no salt or slow hash needed, unlike passwords).
 */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** API tokens start with this, so they are recognisable in a config file or a leaked log. */
export const API_TOKEN_PREFIX = 'hct_';
