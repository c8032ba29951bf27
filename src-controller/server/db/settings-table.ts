import type { Db } from './open';

export function getSetting(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value;
}

/** Returns the stored value, first storing `create()` if there is none. */
export function getOrCreateSetting(db: Db, key: string, create: () => string): string {
  db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, create());
  return getSetting(db, key) as string;
}
