import {
  DEFAULT_VISITOR_SETTINGS,
  visitorSettingsSchema,
  type VisitorSettings,
} from '../../../src-shared/visitor';
import type { Db } from '../db/open';
import { getSetting } from '../db/settings-table';

/** The settings row holding the visitor pages' settings as JSON. */
const KEY = 'visitor_pages';

/** The stored settings, or the defaults (public, every theme) when none or unreadable. */
export function readVisitorSettings(db: Db): VisitorSettings {
  const raw = getSetting(db, KEY);
  if (raw === undefined) return DEFAULT_VISITOR_SETTINGS;
  try {
    const parsed = visitorSettingsSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: a damaged row must not take the pages down, nor open what was limited
  }
  // Unreadable settings fail closed: pages off until an administrator saves them again.
  return { ...DEFAULT_VISITOR_SETTINGS, enabled: false };
}

/** Stores validated settings; the console handler records who changed them (`visitor.settings`). */
export function writeVisitorSettings(db: Db, settings: VisitorSettings): void {
  db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(KEY, JSON.stringify(settings));
}
