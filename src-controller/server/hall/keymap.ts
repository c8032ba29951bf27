import { CONSOLE_KEYS, type ConsoleKey, type Keymap } from '../../../src-shared/protocol';
import type { Db } from '../db/open';
import { listThemes } from '../db/themes-table';

const SETTING = 'console_keys';

/**
 * Which keyboard key fires which theme. Until someone assigns keys in the console, each digit
 * fires the theme published on that key (2 fires theme 2, as it always has), so a new hall works
 * without any set-up; the F-keys are free to assign.
 */
export function readKeymap(db: Db): Keymap {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTING) as
    { value: string } | undefined;
  if (row) return JSON.parse(row.value) as Keymap;
  const keymap: Keymap = {};
  for (const { key } of listThemes(db)) {
    if ((CONSOLE_KEYS as readonly string[]).includes(key)) keymap[key as ConsoleKey] = key;
  }
  return keymap;
}

export class KeymapError extends Error {}

/** Stores the keymap; every theme it names must exist, so no key silently fires nothing. */
export function writeKeymap(db: Db, keymap: Keymap): void {
  const themes = new Set(listThemes(db).map((t) => t.key));
  for (const [key, themeKey] of Object.entries(keymap)) {
    if (!themes.has(themeKey)) {
      throw new KeymapError(`setKeymap: key ${key} names theme ${themeKey}, which is not assigned`);
    }
  }
  db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(SETTING, JSON.stringify(keymap));
}
