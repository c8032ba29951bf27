import type { AccountLanguage } from '../../../src-shared/accounts';
import type { Role } from '../../../src-shared/roles';
import type { Db } from './open';

export interface AccountRow {
  id: number;
  username: string;
  role: Role;
  passwordHash: string;
  language: AccountLanguage;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

const SELECT = `SELECT id, username, role, password_hash AS passwordHash, language,
  disabled, created_at AS createdAt, updated_at AS updatedAt FROM accounts`;

type RawAccount = Omit<AccountRow, 'disabled'> & { disabled: number };
const toAccount = (row: RawAccount | undefined): AccountRow | undefined =>
  row && { ...row, disabled: row.disabled === 1 };

export const countAccounts = (db: Db): number =>
  (db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n;

export const countActiveAdministrators = (db: Db): number =>
  (
    db
      .prepare(`SELECT COUNT(*) AS n FROM accounts WHERE role = 'administrator' AND disabled = 0`)
      .get() as { n: number }
  ).n;

export const getAccount = (db: Db, id: number) =>
  toAccount(db.prepare(`${SELECT} WHERE id = ?`).get(id) as RawAccount | undefined);

export const findAccount = (db: Db, username: string) =>
  toAccount(
    db.prepare(`${SELECT} WHERE username = ? COLLATE NOCASE`).get(username) as
      RawAccount | undefined,
  );

export const listAccounts = (db: Db): AccountRow[] =>
  (db.prepare(`${SELECT} ORDER BY username COLLATE NOCASE`).all() as RawAccount[]).map(
    (row) => toAccount(row) as AccountRow,
  );

export function insertAccount(
  db: Db,
  account: { username: string; role: Role; passwordHash: string; language: AccountLanguage },
  now: number,
): number {
  const result = db
    .prepare(
      `INSERT INTO accounts (username, role, password_hash, language, disabled, created_at, updated_at)
       VALUES (?, ?, ?, ?, 0, ?, ?)`,
    )
    .run(account.username, account.role, account.passwordHash, account.language, now, now);
  return Number(result.lastInsertRowid);
}

export function updateAccount(
  db: Db,
  id: number,
  patch: { role?: Role; disabled?: boolean; passwordHash?: string; language?: AccountLanguage },
  now: number,
): void {
  const current = getAccount(db, id);
  if (!current) return;
  db.prepare(
    `UPDATE accounts SET role = ?, disabled = ?, password_hash = ?, language = ?, updated_at = ?
     WHERE id = ?`,
  ).run(
    patch.role ?? current.role,
    (patch.disabled ?? current.disabled) ? 1 : 0,
    patch.passwordHash ?? current.passwordHash,
    patch.language ?? current.language,
    now,
    id,
  );
}

export const deleteAccount = (db: Db, id: number) =>
  db.prepare('DELETE FROM accounts WHERE id = ?').run(id);

// ---------- sessions ----------

export interface SessionRow {
  accountId: number;
  lastUsedAt: number;
  expiresAt: number;
}

export function insertSession(
  db: Db,
  session: { tokenHash: string; accountId: number; expiresAt: number; address: string },
  now: number,
): void {
  db.prepare(
    `INSERT INTO sessions (token_hash, account_id, created_at, last_used_at, expires_at, address)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(session.tokenHash, session.accountId, now, now, session.expiresAt, session.address);
}

export const getSession = (db: Db, tokenHash: string) =>
  db
    .prepare(
      `SELECT account_id AS accountId, last_used_at AS lastUsedAt, expires_at AS expiresAt
       FROM sessions WHERE token_hash = ?`,
    )
    .get(tokenHash) as SessionRow | undefined;

export const touchSession = (db: Db, tokenHash: string, now: number, expiresAt: number) =>
  db
    .prepare('UPDATE sessions SET last_used_at = ?, expires_at = ? WHERE token_hash = ?')
    .run(now, expiresAt, tokenHash);

export const deleteSession = (db: Db, tokenHash: string) =>
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);

export const deleteSessionsOf = (db: Db, accountId: number) =>
  db.prepare('DELETE FROM sessions WHERE account_id = ?').run(accountId);

export const deleteExpiredSessions = (db: Db, now: number) =>
  db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);

/** The latest login of each account (its newest session start), for the accounts page. */
export function lastLogins(db: Db): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT json_extract(detail, '$.accountId') AS id, MAX(at) AS at FROM audit_log
       WHERE action = 'account.login' GROUP BY id`,
    )
    .all() as { id: number | null; at: number }[];
  return new Map(rows.filter((r) => r.id !== null).map((r) => [r.id as number, r.at]));
}
