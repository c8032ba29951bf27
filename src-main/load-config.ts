import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandLineFlags } from './args';
import {
  resolveScreenConfig,
  SCREEN_CONFIG_FILE,
  ScreenConfigError,
  type ScreenConfig,
} from './config';

/**
 * Reads the config file — `flags.configPath`, else `hallcue-screen.json` in `userDataDir`, where
 * a missing file is fine — and resolves it with `env` and `flags` on top.
 */
export function loadScreenConfig(
  userDataDir: string,
  env: Readonly<Record<string, string | undefined>>,
  fallbackName: string,
  flags: CommandLineFlags = {},
): ScreenConfig {
  const explicit = flags.configPath;
  const path = explicit ?? join(userDataDir, SCREEN_CONFIG_FILE);
  let fileText: string | undefined;
  try {
    fileText = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A file named on the command line must exist: a typo should not silently mean defaults.
    if (explicit !== undefined) {
      throw new ScreenConfigError([
        `--config: cannot read "${explicit}" (${code ?? String(error)})`,
      ]);
    }
    if (code !== 'ENOENT') throw error;
  }
  const sourceFlags: { controllerUrls?: readonly string[]; name?: string } = {};
  if (flags.controllerUrls) sourceFlags.controllerUrls = flags.controllerUrls;
  if (flags.name !== undefined) sourceFlags.name = flags.name;
  return resolveScreenConfig({
    fileText,
    ...(explicit === undefined ? {} : { fileLabel: explicit }),
    env,
    flags: sourceFlags,
    fallbackName,
  });
}
