import type { Role } from '../../../src-shared/roles';
import type { Db } from './open';

export interface ApiTokenRow {
  id: number;
  name: string;
  role: Role;
  createdAt: number;
  createdBy: string;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

const SELECT = `SELECT id, name, role, created_at AS createdAt, created_by AS createdBy,
  last_used_at AS lastUsedAt, revoked_at AS revokedAt FROM api_tokens`;

export function insertApiToken(
  db: Db,
  token: { name: string; role: Role; tokenHash: string; createdBy: string },
  now: number,
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO api_tokens (name, role, token_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(token.name, token.role, token.tokenHash, now, token.createdBy).lastInsertRowid,
  );
}

export const listApiTokens = (db: Db) =>
  db
    .prepare(`${SELECT} ORDER BY revoked_at IS NOT NULL, name COLLATE NOCASE`)
    .all() as ApiTokenRow[];

export const getApiToken = (db: Db, id: number) =>
  db.prepare(`${SELECT} WHERE id = ?`).get(id) as ApiTokenRow | undefined;

export const findApiTokenByName = (db: Db, name: string) =>
  db.prepare(`${SELECT} WHERE name = ? COLLATE NOCASE`).get(name) as ApiTokenRow | undefined;

/** The live (not revoked) token with this hash. */
export const findApiTokenByHash = (db: Db, tokenHash: string) =>
  db.prepare(`${SELECT} WHERE token_hash = ? AND revoked_at IS NULL`).get(tokenHash) as
    ApiTokenRow | undefined;

export const revokeApiToken = (db: Db, id: number, now: number) =>
  db
    .prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
    .run(now, id).changes > 0;

export const touchApiToken = (db: Db, id: number, now: number) =>
  db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now, id);
