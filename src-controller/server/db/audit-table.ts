import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './open';

export interface AuditEntry<D = Record<string, unknown>> {
  id: number;
  at: number;
  actor: string;
  /** Where the action came from; null for local tools (the CLI) and migrations. */
  address: string | null;
  action: string;
  detail: D;
}

/**
 * The address of the request being handled. Library and import code writes audit entries deep
 * below the socket and HTTP handlers; carrying the address here keeps it out of every signature.
 */
const requestAddress = new AsyncLocalStorage<string>();

/** Runs `work` so that every audit entry it appends records `address` as its origin. */
export function withAuditAddress<T>(address: string, work: () => T): T {
  return requestAddress.run(address.replace(/^::ffff:/, ''), work);
}

export function appendAudit(
  db: Db,
  entry: { at: number; actor: string; action: string; detail: object; address?: string | null },
): void {
  const address = entry.address ?? requestAddress.getStore() ?? null;
  db.prepare(
    'INSERT INTO audit_log (at, actor, address, action, detail) VALUES (?, ?, ?, ?, ?)',
  ).run(entry.at, entry.actor, address, entry.action, JSON.stringify(entry.detail));
}

type AuditRow = Omit<AuditEntry, 'detail'> & { detail: string };
const toEntry = (r: AuditRow): AuditEntry => ({
  ...r,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});

export function recentAudit(db: Db, limit: number, action?: string): AuditEntry[] {
  const rows = (
    action
      ? db
          .prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT ?')
          .all(action, limit)
      : db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit)
  ) as AuditRow[];
  return rows.map(toEntry);
}

export interface AuditFilter {
  /** Exact actor (user name, or "token NAME"), case-insensitive. */
  actor?: string | undefined;
  /** An action ("theme.publish") or a family of them ("theme" matches theme.*). */
  action?: string | undefined;
  /** Epoch ms, inclusive. */
  from?: number | undefined;
  /** Epoch ms, exclusive. */
  to?: number | undefined;
  limit: number;
  /** Only entries older than this id: the next page. */
  beforeId?: number | undefined;
}

/** Audit entries matching every given filter, newest first. */
export function queryAudit(db: Db, filter: AuditFilter): AuditEntry[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.actor) {
    where.push('actor = ? COLLATE NOCASE');
    args.push(filter.actor);
  }
  if (filter.action) {
    where.push('(action = ? OR action LIKE ? ESCAPE ?)');
    args.push(filter.action, `${filter.action.replace(/[\\%_]/g, '\\$&')}.%`, '\\');
  }
  if (filter.from !== undefined) {
    where.push('at >= ?');
    args.push(filter.from);
  }
  if (filter.to !== undefined) {
    where.push('at < ?');
    args.push(filter.to);
  }
  if (filter.beforeId !== undefined) {
    where.push('id < ?');
    args.push(filter.beforeId);
  }
  const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY id DESC LIMIT ?`;
  return (db.prepare(sql).all(...args, filter.limit) as AuditRow[]).map(toEntry);
}

/** Every actor and action seen so far, for the filter pickers. */
export function auditFacets(db: Db): { actors: string[]; actions: string[] } {
  const column = (name: 'actor' | 'action') =>
    (
      db.prepare(`SELECT DISTINCT ${name} AS v FROM audit_log ORDER BY ${name}`).all() as {
        v: string;
      }[]
    ).map((r) => r.v);
  return { actors: column('actor'), actions: column('action') };
}
