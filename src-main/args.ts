import { ScreenConfigError } from './config';

/** Settings given on the command line; unset flags are absent. */
export interface CommandLineFlags {
  /** `--controller URL[,URL2]`: URLs as typed, validated later with the other sources. */
  controllerUrls?: string[];
  /** `--name NAME` */
  name?: string;
  /** `--config PATH`: a config file to read instead of `hallcue-screen.json` in userData. */
  configPath?: string;
}

const FLAGS = {
  '--controller': 'controllerUrls',
  '--name': 'name',
  '--config': 'configPath',
} as const;

type Flag = keyof typeof FLAGS;
const isFlag = (text: string): text is Flag => Object.hasOwn(FLAGS, text);

/**
 * Reads HallCue's flags from `argv` (`process.argv.slice(1)`), as `--flag value` or
 * `--flag=value`; the last of a repeated flag wins. Everything else is left alone: Electron and
 * Chromium switches (`--ozone-platform=x11`, `--no-sandbox`) and the script path share argv.
 * Throws ScreenConfigError for a flag without a value.
 */
export function parseArgs(argv: readonly string[]): CommandLineFlags {
  const flags: CommandLineFlags = {};
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const equals = arg.indexOf('=');
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    if (!isFlag(flag)) continue;
    let value: string | undefined;
    if (equals !== -1) {
      value = arg.slice(equals + 1);
    } else {
      const next = argv[i + 1];
      // `--name --controller x` means a forgotten value, not a screen called "--controller".
      if (next !== undefined && !next.startsWith('--')) {
        value = next;
        i += 1;
      }
    }
    if (value === undefined || value.trim() === '') {
      problems.push(`${flag}: needs a value`);
      continue;
    }
    const key = FLAGS[flag];
    if (key === 'controllerUrls') {
      flags.controllerUrls = value
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean);
    } else {
      flags[key] = value.trim();
    }
  }
  if (problems.length > 0) throw new ScreenConfigError(problems);
  return flags;
}
