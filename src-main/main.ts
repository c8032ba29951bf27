import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Rectangle } from 'electron';
import { app, BrowserWindow, dialog, Menu, powerSaveBlocker, screen, session } from 'electron';
import { screenUrl, type ScreenConfig } from './config';
import { hardenWebContents, hideCursor, kioskWindowOptions } from './kiosk-window';
import { loadScreenConfig } from './load-config';
import { watchAndRecover } from './recovery';
import { assignScreens, type ScreenAssignment } from './screen-assignment';

// Sandboxed preloads cannot be ES modules, so the build emits the preload as CommonJS.
const PRELOAD_PATH = join(import.meta.dirname, 'preload.cjs');
// Unplugging one monitor fires several display events in a row; rebuild once they settle.
const DISPLAY_SETTLE_MS = 500;
// Fallback for pages that never paint (ready-to-show may not fire on error pages).
const SHOW_ANYWAY_MS = 5_000;

interface KioskScreen {
  window: BrowserWindow;
  assignment: ScreenAssignment;
  controllerIndex: number;
  stopRecovery: () => void;
}

function sameBounds(a: Rectangle, b: Rectangle): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function startKiosk(config: ScreenConfig): void {
  Menu.setApplicationMenu(null);
  powerSaveBlocker.start('prevent-display-sleep');
  session.defaultSession.setPermissionRequestHandler((_wc, _p, cb) => cb(false));

  const screens = new Map<number, KioskScreen>();

  const load = (kiosk: KioskScreen) => {
    const controllerUrl = config.controllerUrls[kiosk.controllerIndex] ?? config.controllerUrls[0];
    if (controllerUrl === undefined || kiosk.window.isDestroyed()) return;
    // A failed load also emits did-fail-load, which recovery retries; the rejection adds nothing.
    kiosk.window.loadURL(screenUrl(controllerUrl, kiosk.assignment.name)).catch(() => undefined);
  };

  const open = (assignment: ScreenAssignment): KioskScreen => {
    const window = new BrowserWindow(
      kioskWindowOptions(assignment, { preload: PRELOAD_PATH, appVersion: app.getVersion() }),
    );
    const contents = window.webContents;
    hardenWebContents(contents, config.controllerUrls);
    hideCursor(contents);

    const kiosk: KioskScreen = {
      window,
      assignment,
      controllerIndex: 0,
      stopRecovery: () => undefined,
    };
    kiosk.stopRecovery = watchAndRecover(contents, (reason, detail) => {
      if (reason === 'load-failed') {
        kiosk.controllerIndex = (kiosk.controllerIndex + 1) % config.controllerUrls.length;
      }
      console.warn(`[hallcue] screen "${kiosk.assignment.name}": ${detail}; reloading`);
      load(kiosk);
    });

    let shown = false;
    const show = () => {
      if (shown || window.isDestroyed()) return;
      shown = true;
      window.show();
    };
    window.once('ready-to-show', show);
    setTimeout(show, SHOW_ANYWAY_MS);
    window.on('closed', () => {
      kiosk.stopRecovery();
      if (screens.get(assignment.displayId) === kiosk) screens.delete(assignment.displayId);
    });

    load(kiosk);
    return kiosk;
  };

  const close = (displayId: number) => {
    const kiosk = screens.get(displayId);
    screens.delete(displayId);
    if (kiosk && !kiosk.window.isDestroyed()) kiosk.window.destroy();
  };

  const reconcile = () => {
    const wanted = assignScreens(config, screen.getAllDisplays());
    const wantedIds = new Set(wanted.map((assignment) => assignment.displayId));
    for (const displayId of [...screens.keys()]) {
      if (!wantedIds.has(displayId)) close(displayId);
    }
    for (const assignment of wanted) {
      const kiosk = screens.get(assignment.displayId);
      if (kiosk && sameBounds(kiosk.assignment.bounds, assignment.bounds)) {
        // Going from one display to several renames the first one (`name` → `name-1`).
        if (kiosk.assignment.name !== assignment.name) {
          kiosk.assignment = assignment;
          load(kiosk);
        }
        continue;
      }
      // A kiosk window does not reliably follow a display whose size or position changed.
      if (kiosk) close(assignment.displayId);
      screens.set(assignment.displayId, open(assignment));
    }
  };

  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  const reconcileSoon = () => {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(reconcile, DISPLAY_SETTLE_MS);
  };
  screen.on('display-added', reconcileSoon);
  screen.on('display-removed', reconcileSoon);
  screen.on('display-metrics-changed', reconcileSoon);

  reconcile();
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[hallcue] ${message}`);
  // Before `ready`, Linux only prints the error box to stderr; wait so the kiosk shows it.
  void app.whenReady().then(() => {
    dialog.showErrorBox('HallCue screen cannot start', message);
    app.exit(1);
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Without a listener Electron quits when the last window closes, e.g. when every monitor is
  // switched off and its display disappears; the kiosk must still be there when they come back.
  app.on('window-all-closed', () => undefined);
  try {
    const config = loadScreenConfig(app.getPath('userData'), process.env, hostname());
    app
      .whenReady()
      .then(() => startKiosk(config))
      .catch(fail);
  } catch (error) {
    fail(error);
  }
}
