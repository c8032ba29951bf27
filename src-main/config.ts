import { z } from 'zod';
import { screenNameSchema } from '../src-shared/protocol';

/** Name of the screen app's config file inside Electron's userData directory. */
export const SCREEN_CONFIG_FILE = 'hallcue-screen.json';

/** What one display shows: the screen name the controller knows it by, and an optional role. */
export interface DisplayConfig {
  name: string;
  role?: string;
}

/** The screen app's resolved configuration. */
export interface ScreenConfig {
  /** Controller origins (the nodes of one hall); each screen fails over between them. */
  controllerUrls: string[];
  /** Keyed by Electron display id first, then by 0-based index in `screen.getAllDisplays()`. */
  displays: { [displayIdOrIndex: string]: DisplayConfig };
  defaultName: string;
}

/**
 * Where the raw configuration comes from; everything is optional until merged. Later sources win:
 * defaults < config file < environment variables < command-line flags.
 */
export interface ScreenConfigSources {
  /** Text of `hallcue-screen.json`, or undefined when the file does not exist. */
  fileText?: string | undefined;
  /** How problems in the file are labelled (the `--config` path); default `hallcue-screen.json`. */
  fileLabel?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `--controller` (already split at commas) and `--name`, from parseArgs. */
  flags?: { controllerUrls?: readonly string[]; name?: string };
  /** Used when neither the file nor the env names this screen (main passes the host name). */
  fallbackName: string;
}

/** Thrown when the configuration is unusable; `message` lists every problem with its field. */
export class ScreenConfigError extends Error {
  override name = 'ScreenConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid HallCue screen configuration:\n  ${problems.join('\n  ')}`);
  }
}

const controllerUrlSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a URL` });
      return z.NEVER;
    }
    // The screen page treats its own origin as the controller, so anything past the origin
    // would be silently dropped; refuse it instead of guessing.
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `"${text}" must start with http:// or https://` });
    } else if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
      ctx.addIssue({
        code: 'custom',
        message: `"${text}" must be just scheme, host and port, like http://192.168.1.10:8080`,
      });
    }
    return url.origin;
  });

// Room for the `-N` suffix added when several displays share the default name.
const defaultNameSchema = screenNameSchema.max(60, 'screen name is longer than 60 characters');

const roleSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,32}$/, 'role must be 1-32 lowercase letters, digits or "-"');

const displayConfigSchema = z.strictObject({
  name: screenNameSchema,
  role: roleSchema.optional(),
});

const displayKeySchema = z
  .string()
  .regex(/^\d+$/, 'display key must be a display id or a 0-based display index');

const fileSchema = z.strictObject({
  controllerUrls: z.array(controllerUrlSchema).min(1, 'needs at least one URL').optional(),
  defaultName: defaultNameSchema.optional(),
  displays: z
    .record(displayKeySchema, displayConfigSchema)
    .superRefine((displays, ctx) => {
      const seen = new Map<string, string>();
      for (const [key, display] of Object.entries(displays)) {
        const other = seen.get(display.name);
        if (other !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key, 'name'],
            message: `"${display.name}" is already the name of display "${other}"`,
          });
        }
        seen.set(display.name, key);
      }
    })
    .optional(),
});

type FileConfig = z.infer<typeof fileSchema>;

function describeIssues(label: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return `${field ? `${label}: ${field}` : label}: ${issue.message}`;
  });
}

function parseFile(fileText: string, label: string, problems: string[]): FileConfig {
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch (error) {
    problems.push(`${label}: not valid JSON (${(error as Error).message})`);
    return {};
  }
  const parsed = fileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  problems.push(...describeIssues(label, parsed.error));
  return {};
}

/** Returns undefined for unset and blank variables, so `VAR=` does not override the file. */
function envValue(env: ScreenConfigSources['env'], key: string): string | undefined {
  const value = env[key]?.trim();
  return value ? value : undefined;
}

function parseSource<T>(
  schema: z.ZodType<T>,
  key: string,
  value: unknown,
  problems: string[],
): T | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  problems.push(...describeIssues(key, parsed.error));
  return undefined;
}

/**
 * Merges, each later source winning: `hallcue-screen.json`, the `HALLCUE_CONTROLLER_URL`
 * (comma-separated) and `HALLCUE_SCREEN_NAME` env variables, then the `--controller` and
 * `--name` flags. Throws ScreenConfigError naming each bad field and where it came from.
 */
export function resolveScreenConfig(sources: ScreenConfigSources): ScreenConfig {
  const problems: string[] = [];
  const file =
    sources.fileText === undefined
      ? {}
      : parseFile(sources.fileText, sources.fileLabel ?? SCREEN_CONFIG_FILE, problems);

  // A bad URL maps to '' but is also recorded in `problems`, which throws below.
  const envUrls = envValue(sources.env, 'HALLCUE_CONTROLLER_URL')
    ?.split(',')
    .filter((url) => url.trim())
    .map((url) => parseSource(controllerUrlSchema, 'HALLCUE_CONTROLLER_URL', url, problems) ?? '');
  const envName = parseSource(
    defaultNameSchema,
    'HALLCUE_SCREEN_NAME',
    envValue(sources.env, 'HALLCUE_SCREEN_NAME'),
    problems,
  );

  const flagUrls = sources.flags?.controllerUrls?.map(
    (url) => parseSource(controllerUrlSchema, '--controller', url, problems) ?? '',
  );
  const flagName = parseSource(defaultNameSchema, '--name', sources.flags?.name, problems);

  // An empty `--controller` list (parseArgs refuses those) would mean "none": fall through.
  const controllerUrls =
    (flagUrls?.length ? flagUrls : undefined) ?? envUrls ?? file.controllerUrls ?? [];
  if (controllerUrls.length === 0 && problems.length === 0) {
    problems.push(
      `controllerUrls: no controller URL configured; set HALLCUE_CONTROLLER_URL, --controller or "controllerUrls" in ${SCREEN_CONFIG_FILE}`,
    );
  }

  const fallback = defaultNameSchema.safeParse(sources.fallbackName);
  const defaultName =
    flagName ?? envName ?? file.defaultName ?? (fallback.success ? fallback.data : 'screen');

  if (problems.length > 0) throw new ScreenConfigError(problems);
  const displays: ScreenConfig['displays'] = {};
  for (const [key, display] of Object.entries(file.displays ?? {})) {
    displays[key] =
      display.role === undefined
        ? { name: display.name }
        : { name: display.name, role: display.role };
  }
  return { controllerUrls, displays, defaultName };
}

/** URL of the screen page a display loads from the controller at `controllerUrl`. */
export function screenUrl(controllerUrl: string, name: string): string {
  return `${controllerUrl.replace(/\/+$/, '')}/screen?screen=${encodeURIComponent(name)}`;
}
