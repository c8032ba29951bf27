import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  Input,
  Rectangle,
  WindowOpenHandlerResponse,
} from 'electron';

/** Command-line switch that hands the app version to the sandboxed preload. */
export const VERSION_ARG_PREFIX = '--hallcue-version=';

/** CSS that hides the mouse pointer on a kiosk page. */
export const HIDE_CURSOR_CSS = '* { cursor: none !important; }';

/** What a kiosk window needs besides the display it covers. */
export interface KioskWindowSetup {
  /** Absolute path of the compiled preload script. */
  preload: string;
  appVersion: string;
}

/** Options for a frameless full-screen kiosk window covering `display`. */
export function kioskWindowOptions(
  display: { bounds: Rectangle },
  setup: KioskWindowSetup,
): BrowserWindowConstructorOptions {
  const { x, y, width, height } = display.bounds;
  return {
    x,
    y,
    width,
    height,
    title: 'HallCue',
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    show: false,
    webPreferences: {
      // The Electron security checklist's settings, spelled out even where they are Electron's
      // defaults, so a changed default or a careless edit shows up in review and in the tests.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Playback is scheduled to the frame; a window the OS thinks is hidden must keep its timers.
      backgroundThrottling: false,
      spellcheck: false,
      preload: setup.preload,
      additionalArguments: [`${VERSION_ARG_PREFIX}${setup.appVersion}`],
    },
  };
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The key fields of Electron's `Input`. */
export type KeyInput = Pick<Input, 'type' | 'key' | 'code' | 'control' | 'meta' | 'shift' | 'alt'>;

/** The slice of Electron's WebContents that hardenWebContents uses. */
export interface HardenableContents {
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
  setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void>;
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'context-menu', listener: (event: PreventableEvent) => void): unknown;
  on(
    event: 'before-input-event',
    listener: (event: PreventableEvent, input: KeyInput) => void,
  ): unknown;
}

const ZOOM_KEYS = new Set(['+', '-', '=', '_', '0']);
// Physical keys too, so zoom stays blocked on layouts where these keys produce other characters.
const ZOOM_CODES = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);

/** True for key combinations that would zoom, reload or open DevTools. */
export function isBlockedShortcut(input: KeyInput): boolean {
  const key = input.key.toLowerCase();
  if (key === 'f5' || key === 'f12') return true;
  if (!input.control && !input.meta) return false;
  if (ZOOM_KEYS.has(key) || ZOOM_CODES.has(input.code)) return true;
  if (key === 'r' || input.code === 'KeyR') return true;
  // Ctrl+Shift+I everywhere, Cmd+Alt+I on macOS.
  return (key === 'i' || input.code === 'KeyI') && (input.shift || input.alt);
}

/**
 * `scheme://host[:port]` of a URL, or undefined for URLs without a host. Not `URL.origin`: Node
 * reports "null" for custom schemes like `hallcue://app` and also for `data:` URLs, so allowing
 * the app's origin that way would allow navigating to any `data:` page.
 */
function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Locks a kiosk page down: no new windows, no navigation or redirect off the allowed
 * origin(s) (the bundled UI's `hallcue://app`), no context menu, no zoom, no reload or DevTools shortcuts.
 */
export function hardenWebContents(
  contents: HardenableContents,
  allowedOrigin: string | readonly string[],
): void {
  const allowed = new Set(
    (typeof allowedOrigin === 'string' ? [allowedOrigin] : allowedOrigin).map(
      (origin) => originOf(origin) ?? origin,
    ),
  );
  const keepOnController = (event: PreventableEvent, url: string) => {
    const origin = originOf(url);
    if (origin === undefined || !allowed.has(origin)) event.preventDefault();
  };

  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', keepOnController);
  contents.on('will-redirect', keepOnController);
  contents.on('context-menu', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
  // Pinch zoom is already off by default in Electron; pin it in case that default changes.
  contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
}

/** The slice of Electron's WebContents that hideCursor uses. */
export interface CursorContents {
  on(event: 'dom-ready', listener: () => void): unknown;
  insertCSS(css: string): Promise<string>;
}

/** Hides the mouse pointer on every page the contents load (inserted CSS is lost on reload). */
export function hideCursor(contents: CursorContents): void {
  contents.on('dom-ready', () => {
    contents.insertCSS(HIDE_CURSOR_CSS).catch(() => undefined);
  });
}
