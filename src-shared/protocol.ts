import { z } from 'zod';
import { presentedSlideSchema } from './presentation';
import type { Reply } from './reply';
import type { ScreenState } from './hall-state';
import { emergencyRequestSchema, type ScreenOverride } from './hall-override';
import { programmeSchema, type ProgrammeStatus } from './programme';
import type { Localized } from './localized';
import type { Role } from './roles';
import type { VisitorOverview, VisitorSettings } from './visitor';

/** Socket.IO namespaces: one per kind of client, so each has its own auth and events. */
export const SCREEN_NAMESPACE = '/screen';
export const CONSOLE_NAMESPACE = '/console';

// ---------- screens ----------

export const screenNameSchema = z
  .string()
  .trim()
  .min(1, 'screen name is empty')
  .max(64, 'screen name is longer than 64 characters')
  .regex(/^[\p{L}\p{N} ._-]+$/u, 'screen name may use letters, digits, space, ".", "_" and "-"');

/** Sent in the Socket.IO handshake `auth` by every screen. */
export const screenAuthSchema = z.object({
  name: screenNameSchema,
  /** The secret the controller issued this screen on its first connection, if it has one. */
  key: z.string().min(16).max(128).optional(),
  /** `browser`, or the screen app's version: shown on the console's Screens page. */
  app: z.string().max(40).optional(),
});
export type ScreenAuth = z.infer<typeof screenAuthSchema>;

export const timeRequestSchema = z.object({ sentAt: z.number().finite() });
export type TimeRequest = z.infer<typeof timeRequestSchema>;
export interface TimeReply {
  sentAt: number;
  serverTime: number;
}

export const presentedReportSchema = z.object({
  revision: z.number().int().nonnegative(),
  /** Controller-clock time (ms) of the frame that first showed this revision. */
  presentedAt: z.number().finite(),
  slide: z.number().int().nonnegative().optional(),
  /** Controller time the state arrived, and when its first slide was decoded and ready. */
  receivedAt: z.number().finite().optional(),
  readyAt: z.number().finite().optional(),
});
export type PresentedReport = z.infer<typeof presentedReportSchema>;

/**
 * Where this screen's display paints its frames: one recent frame, in controller time, and the
 * frame interval. Screens that share a display clock share this grid, and a flip time placed on
 * it is the same frame for all of them however their clock estimates err (docs/sync.md).
 */
export const frameClockReportSchema = z.object({
  frameAt: z.number().finite(),
  intervalMs: z.number().min(4).max(100),
});
export type FrameClockReport = z.infer<typeof frameClockReportSchema>;

export interface ScreenWelcome {
  screenId: string;
  name: string;
  approved: boolean;
  /** Present when the controller has just issued a key; the screen must keep it. */
  key?: string;
  /** Shown in large digits while the screen waits for approval. */
  pairingCode?: string;
  /** Identifies this hall's store; a screen drops a remembered state from another one. */
  hallId: string;
  hallName: Localized;
}

/** A file a screen should hold before any switch needs it: its hash names and verifies it. */
export interface PrefetchFile {
  sha256: string;
  size: number;
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** One file of a slide, with how a screen decodes it ahead of showing it. */
export const slideMediaSchema = z.object({
  sha256: z.string().regex(SHA256_PATTERN),
  kind: z.enum(['image', 'video']),
});
export type SlideMedia = z.infer<typeof slideMediaSchema>;

/**
 * The files of a theme's first slide as a screen of one role shows it: the screen decodes them
 * as soon as it holds them, so its first press of the theme is as quick as any later one.
 */
export const firstSlideSchema = z.object({
  themeKey: z.string().min(1).max(16),
  media: z.array(slideMediaSchema).max(8),
  /**
   * The slide itself, for text and image slides: the screen renders it once, invisibly, so the
   * first press of the theme does not pay for its first layout and paint (fonts, glyphs, the
   * picture at screen size) either. Video, html and 3D slides are not rehearsed.
   */
  slide: presentedSlideSchema.optional(),
});
export type FirstSlide = z.infer<typeof firstSlideSchema>;

export const prefetchSchema = z.object({
  files: z
    .array(
      z.object({
        sha256: z.string().regex(SHA256_PATTERN),
        size: z.number().int().nonnegative(),
      }),
    )
    .max(100_000),
  /** Per theme on a key, its first slide for this screen's role (absent from old controllers). */
  firstSlides: z.array(firstSlideSchema).max(64).optional(),
});
export type Prefetch = z.infer<typeof prefetchSchema>;

export const holdingReportSchema = z.object({
  /** Every file this screen holds verified (sha256 of its bytes matched its name). */
  files: z.array(z.string().regex(SHA256_PATTERN, 'must be a sha256 hex digest')).max(100_000),
});
export type HoldingReport = z.infer<typeof holdingReportSchema>;

export interface ServerToScreenEvents {
  welcome: (welcome: ScreenWelcome) => void;
  state: (state: ScreenState) => void;
  approval: (approval: { approved: boolean }) => void;
  /** Files of every theme this screen may be switched to, so it can be armed in advance. */
  prefetch: (prefetch: { files: PrefetchFile[]; firstSlides?: FirstSlide[] }) => void;
  /** Show this screen's name large for `durationMs`, so someone in the hall can find it. */
  identify: (identify: { label: string; durationMs: number }) => void;
  /** Reload the page (the screen app reloads its window). */
  reload: () => void;
  /** A PNG of what the screen shows, as a data URL; browser screens answer that they cannot. */
  screenshot: (reply: (r: Reply<{ dataUrl: string }>) => void) => void;
}

export interface ScreenToServerEvents {
  time: (request: TimeRequest, reply: (r: Reply<TimeReply>) => void) => void;
  presented: (report: PresentedReport, reply?: (r: Reply<null>) => void) => void;
  holding: (report: HoldingReport, reply?: (r: Reply<null>) => void) => void;
  frameClock: (report: FrameClockReport, reply?: (r: Reply<null>) => void) => void;
}

// ---------- consoles ----------

export const themeKeySchema = z
  .string()
  .regex(/^[1-9]$/, 'theme key must be one of the digits 1 to 9');

/** Keyboard keys the console can bind to themes: the digits and the function keys. */
export const CONSOLE_KEYS = [
  ...['1', '2', '3', '4', '5', '6', '7', '8', '9'],
  ...['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12'],
] as const;
export type ConsoleKey = (typeof CONSOLE_KEYS)[number];
export const consoleKeySchema = z.enum(CONSOLE_KEYS, 'key must be 1-9 or F1-F12');

/** Which theme each keyboard key fires; keys left out fire nothing. */
export const keymapSchema = z.partialRecord(consoleKeySchema, themeKeySchema);
export type Keymap = Partial<Record<ConsoleKey, string>>;

export const zoneIdSchema = z.string().regex(/^z[0-9a-z]{1,31}$/, 'not a zone id');

export const activateRequestSchema = z.object({
  key: themeKeySchema,
  /** Switch only the screens of this zone; the whole hall when left out. */
  zone: zoneIdSchema.optional(),
});
export type ActivateRequest = z.infer<typeof activateRequestSchema>;

export const screenIdRequestSchema = z.object({
  screenId: z.string().min(1).max(64),
});
export type ScreenIdRequest = z.infer<typeof screenIdRequestSchema>;

export const approveRequestSchema = z.object({
  screenId: z.string().min(1).max(64),
  /** The code the screen shows: proves the operator is looking at that very screen. */
  code: z.string().regex(/^\d{6}$/, 'the pairing code has 6 digits'),
});
export type ApproveRequest = z.infer<typeof approveRequestSchema>;

export const zoneNameSchema = z
  .string()
  .trim()
  .min(1, 'zone name is empty')
  .max(40, 'zone name is longer than 40 characters');

export const saveZoneRequestSchema = z.object({
  /** Renames this zone; a new zone is created when left out. */
  id: zoneIdSchema.optional(),
  name: zoneNameSchema,
});
export const zoneIdRequestSchema = z.object({ id: zoneIdSchema });

export const updateScreenRequestSchema = z.object({
  screenId: z.string().min(1).max(64),
  /** What the console calls the screen; the device keeps its own name to connect with. */
  label: z.string().trim().max(64, 'label is longer than 64 characters').nullable().optional(),
  role: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, 'role must be lower-case letters, digits and "-"')
    .optional(),
  zoneId: zoneIdSchema.nullable().optional(),
  /** Place on the hall picture, as fractions of its width and height. */
  position: z
    .object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) })
    .nullable()
    .optional(),
});
export type UpdateScreenRequest = z.infer<typeof updateScreenRequestSchema>;

export interface ZoneSummary {
  id: string;
  name: string;
  /** The zone's own theme, set by a zone press; null while it follows the whole hall. */
  themeKey: string | null;
  startAt: number | null;
  /** The revision of the zone's own press; a screen of the zone shows at least this one. */
  revision: number | null;
}

/** The override on all screens, with who raised it and when. */
export type ActiveOverride = ScreenOverride & { since: number; by: string };

export interface ThemeSummary {
  key: string;
  title: Localized;
  packId: string;
  packVersion: string;
  slideCount: number;
  /** Approved online screens that hold every file of this theme, out of all of them. */
  armed: { ready: number; total: number };
}

export interface ScreenSummary {
  id: string;
  name: string;
  role: string;
  approved: boolean;
  online: boolean;
  address: string | null;
  /** Revision and theme this screen last reported on screen. */
  shownRevision: number | null;
  shownThemeKey: string | null;
  lastSeenAt: number | null;
  /** How many verified files the screen reports holding. */
  heldFiles: number;
  /** Files of every theme, which a fully armed screen holds. */
  neededFiles: number;
  /** How late (ms, negative is early) the screen showed the last change it was sent. */
  lastLateMs: number | null;
  revokedAt: number | null;
  label: string | null;
  zoneId: string | null;
  /** `browser`, or the screen app's version, as the screen said on connecting. */
  appVersion: string | null;
  position: { x: number; y: number } | null;
}

export interface HallSummary {
  revision: number;
  themeKey: string | null;
  startAt: number;
  /** Blackout or emergency message on every screen, over any theme. */
  override: ActiveOverride | null;
  /** The last change for every screen (a whole-hall press or an override). */
  sharedRevision: number;
}

/** What happened on the screens after one press, as they reported it. */
export interface SwitchReport {
  /** Approved screens that were online at the press. */
  expected: number;
  presented: number;
  /** Last minus first presentation time (ms): 0 means the same instant everywhere. */
  spreadMs: number | null;
  /** Latest presentation relative to the scheduled start (ms); negative is early. */
  worstLateMs: number | null;
  /** Names of expected screens that have not reported. */
  missing: string[];
}

export type SwitchKind = 'theme' | 'blackout' | 'emergency' | 'clear';

export interface SwitchRecord {
  revision: number;
  kind: SwitchKind;
  /** The zone a zone press switched; null for the whole hall. */
  zoneId: string | null;
  themeKey: string;
  themeTitle: Localized;
  requestedAt: number;
  startAt: number;
  requestedBy: string;
  report: SwitchReport;
}

export interface PackSummary {
  packVersionId: number;
  packId: string;
  version: string;
  title: Localized;
  importedAt: number;
  slideCount: number;
  roles: string[];
  bytes: number;
  files: number;
  /** Theme keys that point at this version. */
  usedBy: string[];
  onAir: boolean;
}

export const publishRequestSchema = z.object({
  key: themeKeySchema,
  packVersionId: z.number().int().positive(),
});
export const rollbackRequestSchema = z.object({ key: themeKeySchema });
export const packVersionRequestSchema = z.object({ packVersionId: z.number().int().positive() });

export interface PackProgress {
  uploadId: string;
  phase: 'checking' | 'storing' | 'committing' | 'done';
  doneBytes: number;
  totalBytes: number;
}

export interface ConsoleSnapshot {
  hallName: Localized;
  version: string;
  themes: ThemeSummary[];
  screens: ScreenSummary[];
  hall: HallSummary;
  switches: SwitchRecord[];
  packs: PackSummary[];
  zones: ZoneSummary[];
  keymap: Keymap;
  programme: ProgrammeStatus;
}

export interface ActivateResult {
  revision: number;
  startAt: number;
}

export interface ServerToConsoleEvents {
  snapshot: (snapshot: ConsoleSnapshot) => void;
  screens: (screens: ScreenSummary[]) => void;
  hall: (hall: HallSummary) => void;
  switched: (record: SwitchRecord) => void;
  /** A press's record again, as screens report presenting it. */
  switchReport: (record: SwitchRecord) => void;
  library: (library: { packs: PackSummary[]; themes: ThemeSummary[] }) => void;
  packProgress: (progress: PackProgress) => void;
  zones: (zones: ZoneSummary[]) => void;
  keymap: (keymap: Keymap) => void;
  programme: (status: ProgrammeStatus) => void;
  /** The visitor pages' settings and public themes: on connection and after every change. */
  visitor: (overview: VisitorOverview) => void;
}

type Ack<T> = (r: Reply<T>) => void;

export interface ConsoleToServerEvents {
  activate: (request: ActivateRequest, reply: (r: Reply<ActivateResult>) => void) => void;
  approveScreen: (request: ApproveRequest, reply: (r: Reply<null>) => void) => void;
  revokeScreen: (request: ScreenIdRequest, reply: (r: Reply<null>) => void) => void;
  publishTheme: (
    request: z.infer<typeof publishRequestSchema>,
    reply: (r: Reply<null>) => void,
  ) => void;
  rollbackTheme: (
    request: z.infer<typeof rollbackRequestSchema>,
    reply: (r: Reply<{ packVersionId: number }>) => void,
  ) => void;
  deletePackVersion: (
    request: z.infer<typeof packVersionRequestSchema>,
    reply: (r: Reply<{ freedFiles: number }>) => void,
  ) => void;
  blackout: (request: Record<string, never>, reply: Ack<ActivateResult>) => void;
  raiseEmergency: (
    request: z.infer<typeof emergencyRequestSchema>,
    reply: Ack<ActivateResult>,
  ) => void;
  clearOverride: (request: Record<string, never>, reply: Ack<ActivateResult>) => void;
  setKeymap: (request: { keymap: Keymap }, reply: Ack<null>) => void;
  saveZone: (request: z.infer<typeof saveZoneRequestSchema>, reply: Ack<{ id: string }>) => void;
  deleteZone: (request: z.infer<typeof zoneIdRequestSchema>, reply: Ack<null>) => void;
  updateScreen: (request: UpdateScreenRequest, reply: Ack<null>) => void;
  /** Images and videos of a pack version, for an emergency message to show. */
  listPackMedia: (
    request: z.infer<typeof packVersionRequestSchema>,
    reply: Ack<{ path: string; type: 'image' | 'video' }[]>,
  ) => void;
  identifyScreen: (request: ScreenIdRequest, reply: Ack<null>) => void;
  reloadScreen: (request: ScreenIdRequest, reply: Ack<null>) => void;
  screenshotScreen: (request: ScreenIdRequest, reply: Ack<{ dataUrl: string }>) => void;
  /** What each group of screens (zone and role) is showing, for the hall view's miniatures. */
  hallPreviews: (request: Record<string, never>, reply: Ack<Record<string, ScreenState>>) => void;
  setProgramme: (request: z.infer<typeof setProgrammeRequestSchema>, reply: Ack<null>) => void;
  resumeProgramme: (request: Record<string, never>, reply: Ack<null>) => void;
  /** Visitor pages on or off, limited to some packs, and the public address (visitor.ts). */
  saveVisitorSettings: (
    request: VisitorSettings,
    reply: (r: Reply<VisitorOverview>) => void,
  ) => void;
}

export const setProgrammeRequestSchema = z.object({ programme: programmeSchema });

export const emptyRequestSchema = z.object({}).strict();
export const setKeymapRequestSchema = z.object({ keymap: keymapSchema });
export { emergencyRequestSchema };

/**
 * The least role each console event needs. Typed over the whole event map, so a new event does
 * not compile until someone decides who may send it; the controller checks it on every message.
 */
export const CONSOLE_EVENT_ROLES: { readonly [E in keyof ConsoleToServerEvents]: Role } = {
  activate: 'operator',
  approveScreen: 'administrator',
  revokeScreen: 'administrator',
  publishTheme: 'curator',
  rollbackTheme: 'curator',
  deletePackVersion: 'curator',
  blackout: 'operator',
  raiseEmergency: 'operator',
  clearOverride: 'operator',
  listPackMedia: 'operator',
  // Which key fires which theme is part of the show's set-up, like publishing a theme.
  setKeymap: 'curator',
  saveZone: 'administrator',
  deleteZone: 'administrator',
  updateScreen: 'administrator',
  identifyScreen: 'administrator',
  reloadScreen: 'administrator',
  screenshotScreen: 'administrator',
  // The programme is part of the show, like the themes; going back to it is an operator's call.
  hallPreviews: 'operator',
  setProgramme: 'curator',
  resumeProgramme: 'operator',
  saveVisitorSettings: 'administrator',
};

/** Formats a validation failure as "field: reason; field: reason" for error replies and logs. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : '(payload)';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}
