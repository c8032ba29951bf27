// The API the preload puts on `window.hallcue`. Deliberately free of src-shared imports: the
// renderer keeps its own copy of these types (with `presentation` typed from src-shared), and
// tests/unit/main/ipc.test.ts checks that main's zod schemas still match this file.

/** What a screen shows, as saved by the renderer; main validates it with `screenStateSchema`. */
export interface HallcueScreenState {
  revision: number;
  /** Controller-clock time (ms) at which the presentation's timeline starts. */
  startAt: number;
  /** A `Presentation` (src-shared/presentation) or null. */
  presentation: unknown;
}

/** The last state a screen showed, kept on disk by main so it resumes after a restart offline. */
export interface HallcueSavedState {
  /** The controller's hall id: a state from another hall is not resumed. */
  hallId: string;
  state: HallcueScreenState;
  /** Controller clock minus local clock when the state was saved. */
  offsetMs: number;
}

/** A file the controller wants this screen to hold. */
export interface HallcuePrefetchFile {
  sha256: string;
  size: number;
}

/** The outcome of one prefetch list. */
export interface HallcuePrefetchResult {
  /** Files of the list held verified, available as `hallcue-file://<sha256>`. */
  held: string[];
  /** Files that could not be downloaded or failed their hash; the next list retries them. */
  failed: string[];
}

/** Which screen this window is. */
export interface HallcueScreenInfo {
  name: string;
  role: string | null;
  displayId: number;
  controllerUrls: string[];
}

/** Proof of life the renderer sends every few seconds; 30 s without one reloads the page. */
export interface HallcueHeartbeat {
  revision: number;
  /** Index of the slide on screen; null while idle. */
  slide: number | null;
}

/** What main needs to download files from the controller for this screen. */
export interface HallcueCredentials {
  /** One of the configured controller URLs (others are refused). */
  controllerUrl: string;
  screenId: string;
  key: string;
}

/** `window.hallcue` in the screen app; absent when the screen page runs in a plain browser. */
export interface HallcueApi {
  readonly platform: 'electron';
  readonly version: string;
  saveState(saved: HallcueSavedState | null): Promise<void>;
  loadState(): Promise<HallcueSavedState | null>;
  /** Replaces this screen's wish list; resolves once every file in it was tried. */
  prefetch(files: readonly HallcuePrefetchFile[]): Promise<HallcuePrefetchResult>;
  /** Every file held verified in this process (all screens of this PC share the cache). */
  held(): Promise<string[]>;
  screenInfo(): Promise<HallcueScreenInfo>;
  heartbeat(beat: HallcueHeartbeat): Promise<void>;
  setCredentials(credentials: HallcueCredentials): Promise<void>;
  /** A small JPEG of this window as a data URL, for the console's Screens page. */
  screenshot(): Promise<string>;
}
