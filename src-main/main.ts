// The Electron adapter: wires the tested modules to Electron's objects. Type-checked only, since
// Electron's binary is not installed where tests run; keep decisions in the modules.
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent, Rectangle } from 'electron';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  powerSaveBlocker,
  protocol,
  screen,
  session,
} from 'electron';
import { APP_ORIGIN, APP_SCHEME, appPageUrl, createAppHandler } from './app-protocol';
import { parseArgs } from './args';
import { createCacheHandler, FILE_SCHEME } from './cache-protocol';
import type { ScreenConfig } from './config';
import { createControllerFetcher, CredentialBook } from './controller-fetcher';
import { FileCache } from './file-cache';
import { planAfterChildGone } from './gpu-recovery';
import { isTrustedSenderFacts, registerIpc } from './ipc-handlers';
import { hardenWebContents, hideCursor, kioskWindowOptions } from './kiosk-window';
import { loadScreenConfig } from './load-config';
import { Prefetcher } from './prefetcher';
import { watchAndRecover } from './recovery';
import { assignScreens, type ScreenAssignment } from './screen-assignment';
import { STATE_FILE, StateStore } from './state-store';
import { startWatchdog, type Watchdog } from './watchdog';

// Sandboxed preloads cannot be ES modules, so the build emits the preload as CommonJS.
const PRELOAD_PATH = join(import.meta.dirname, 'preload.cjs');
// dist/main/main.js → dist/screen: the same layout in the repo and inside app.asar.
const SCREEN_UI_DIR = join(import.meta.dirname, '..', 'screen');
// Vite's `base` in src-renderer/vite.config.ts: index.html asks for /screen/assets/….
const SCREEN_UI_BASE = '/screen/';
// Budget for cached pack files; files of themes on keys are kept even past it.
const CACHE_MAX_BYTES = 16 * 1024 ** 3;
// Folder under the OS's app-data directory (~/.config on Linux).
const USER_DATA_DIR = 'hallcue-screen';
// Unplugging one monitor fires several display events in a row; rebuild once they settle.
const DISPLAY_SETTLE_MS = 500;
// Fallback for pages that never paint (ready-to-show may not fire on error pages).
const SHOW_ANYWAY_MS = 5_000;

// Every renderer sandboxed, whatever its window's options say (the Electron security checklist).
app.enableSandbox();

// Must happen before `ready`. Standard + secure give the bundled UI a real origin (storage,
// relative URLs, a secure context); supportFetchAPI and stream let fetch() and <video> seek.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
  },
  {
    scheme: FILE_SCHEME,
    // corsEnabled: the page at hallcue://app may also read files with fetch().
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      stream: true,
      corsEnabled: true,
    },
  },
]);

interface KioskScreen {
  window: BrowserWindow;
  assignment: ScreenAssignment;
  stopRecovery: () => void;
  watchdog: Watchdog;
}

function sameBounds(a: Rectangle, b: Rectangle): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

async function startKiosk(config: ScreenConfig): Promise<void> {
  Menu.setApplicationMenu(null);
  powerSaveBlocker.start('prevent-display-sleep');
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);

  const userData = app.getPath('userData');
  const cache = await FileCache.open({
    dir: join(userData, 'file-cache'),
    maxBytes: CACHE_MAX_BYTES,
  });
  const stateStore = new StateStore(join(userData, STATE_FILE));
  const credentials = new CredentialBook(config.controllerUrls);
  const fetcher = createControllerFetcher(
    (url, init) => net.fetch(url, init),
    () => credentials.current(),
    () => credentials.controllers(),
  );
  const prefetcher = new Prefetcher(cache, fetcher);

  protocol.handle(APP_SCHEME, createAppHandler(SCREEN_UI_DIR, { base: SCREEN_UI_BASE }));
  protocol.handle(FILE_SCHEME, createCacheHandler(cache, fetcher, { allowOrigin: APP_ORIGIN }));
  app.on('before-quit', () => void cache.flush());

  const screens = new Map<number, KioskScreen>(); // by display id
  const byWindowId = new Map<number, KioskScreen>();

  const kioskOf = (event: IpcMainInvokeEvent): KioskScreen => {
    const window = BrowserWindow.fromWebContents(event.sender);
    const kiosk = window ? byWindowId.get(window.id) : undefined;
    // isTrustedSender already required this; the window may have closed since.
    if (!kiosk) throw new Error('the sending window is gone');
    return kiosk;
  };

  registerIpc(ipcMain, {
    isTrustedSender: (event: IpcMainInvokeEvent) => {
      const frame = event.senderFrame;
      const window = BrowserWindow.fromWebContents(event.sender);
      return isTrustedSenderFacts({
        frameUrl: frame?.url,
        isTopFrame: frame !== null && frame.parent === null,
        isOurWindow: window !== null && byWindowId.has(window.id),
      });
    },
    handlers: {
      saveState: (saved, event) => stateStore.save(kioskOf(event).assignment.name, saved),
      loadState: (_none, event) => stateStore.load(kioskOf(event).assignment.name),
      prefetch: (files, event) => prefetcher.want(kioskOf(event).window.id, files),
      held: () => cache.held(),
      screenInfo: (_none, event) => {
        const { assignment } = kioskOf(event);
        return {
          name: assignment.name,
          role: assignment.role ?? null,
          displayId: assignment.displayId,
          controllerUrls: [...config.controllerUrls],
        };
      },
      heartbeat: (beat, event) => {
        kioskOf(event).watchdog.beat(beat);
      },
      setCredentials: (shared, event) => {
        credentials.set(kioskOf(event).window.id, shared);
      },
      // Small enough to travel back over the screen's socket (64 KB per message).
      screenshot: async (_none, event) => {
        const image = await kioskOf(event).window.webContents.capturePage();
        const small = image.resize({ width: 400, quality: 'good' });
        return `data:image/jpeg;base64,${small.toJPEG(55).toString('base64')}`;
      },
    },
  });

  const load = (kiosk: KioskScreen) => {
    if (kiosk.window.isDestroyed()) return;
    kiosk.watchdog.restart();
    // A failed load also emits did-fail-load, which recovery retries; the rejection adds nothing.
    kiosk.window
      .loadURL(appPageUrl(kiosk.assignment.name, config.controllerUrls))
      .catch(() => undefined);
  };

  const open = (assignment: ScreenAssignment): KioskScreen => {
    const window = new BrowserWindow(
      kioskWindowOptions(assignment, { preload: PRELOAD_PATH, appVersion: app.getVersion() }),
    );
    const contents = window.webContents;
    // The page is local now; it talks to controllers over fetch/WebSocket, never by navigating.
    hardenWebContents(contents, APP_ORIGIN);
    hideCursor(contents);

    const kiosk: KioskScreen = {
      window,
      assignment,
      stopRecovery: () => undefined,
      watchdog: startWatchdog({
        onStall: ({ lastBeat, silentForMs }) => {
          const at = lastBeat ? `revision ${lastBeat.revision}, slide ${lastBeat.slide}` : 'none';
          console.warn(
            `[hallcue] screen "${kiosk.assignment.name}": no heartbeat for ${Math.round(silentForMs / 1000)} s (last: ${at}); reloading`,
          );
          load(kiosk);
        },
      }),
    };
    byWindowId.set(window.id, kiosk);
    kiosk.stopRecovery = watchAndRecover(contents, (_reason, detail) => {
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
    const windowId = window.id;
    window.on('closed', () => {
      kiosk.stopRecovery();
      kiosk.watchdog.stop();
      byWindowId.delete(windowId);
      prefetcher.forget(windowId);
      credentials.forget(windowId);
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

// One fixed folder for config, saved state, file cache and page storage, the same for
// `npm run screen` and the installed package (Electron would otherwise derive it from
// package.json's name): ~/.config/hallcue-screen on Linux.
app.setPath('userData', join(app.getPath('appData'), USER_DATA_DIR));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Without a listener Electron quits when the last window closes, e.g. when every monitor is
  // switched off and its display disappears; the kiosk must still be there when they come back.
  app.on('window-all-closed', () => undefined);

  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('child-process-gone', (_event, details) => {
    if (quitting) return;
    const plan = planAfterChildGone(details, process.argv.slice(1), Date.now());
    if (plan.action === 'ignore') return;
    console.error(
      `[hallcue] GPU process gone (${details.reason}); relaunching${plan.softwareRendering ? ' with software rendering' : ''}`,
    );
    app.relaunch({ args: plan.args });
    app.exit(0);
  });

  try {
    const flags = parseArgs(process.argv.slice(1));
    const config = loadScreenConfig(app.getPath('userData'), process.env, hostname(), flags);
    app
      .whenReady()
      .then(() => startKiosk(config))
      .catch(fail);
  } catch (error) {
    fail(error);
  }
}
