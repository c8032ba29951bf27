import type { Db } from './open';

export interface AuditEntry<D = Record<string, unknown>> {
  id: number;
  at: number;
  actor: string;
  action: string;
  detail: D;
}

export function appendAudit(
  db: Db,
  entry: { at: number; actor: string; action: string; detail: object },
): void {
  db.prepare('INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)').run(
    entry.at,
    entry.actor,
    entry.action,
    JSON.stringify(entry.detail),
  );
}

export function recentAudit(db: Db, limit: number, action?: string): AuditEntry[] {
  const rows = (
    action
      ? db
          .prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT ?')
          .all(action, limit)
      : db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit)
  ) as { id: number; at: number; actor: string; action: string; detail: string }[];
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
