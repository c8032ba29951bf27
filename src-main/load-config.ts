import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveScreenConfig, SCREEN_CONFIG_FILE, type ScreenConfig } from './config';

/** Reads `hallcue-screen.json` from `userDataDir` (a missing file is fine) and resolves the config. */
export function loadScreenConfig(
  userDataDir: string,
  env: Readonly<Record<string, string | undefined>>,
  fallbackName: string,
): ScreenConfig {
  let fileText: string | undefined;
  try {
    fileText = readFileSync(join(userDataDir, SCREEN_CONFIG_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return resolveScreenConfig({ fileText, env, fallbackName });
}
