/** What the renderer reports with each heartbeat. */
export interface Heartbeat {
  revision: number;
  slide: number | null;
}

/** What the watchdog knows when it gives up on a page. */
export interface StallInfo {
  lastBeat: Heartbeat | undefined;
  silentForMs: number;
  /** Stalls in a row without a heartbeat in between, this one included. */
  stalls: number;
}

/** Timing and action of a watchdog. */
export interface WatchdogOptions {
  /** Silence that counts as a stall. */
  timeoutMs?: number;
  /** Cap for the wait after repeated stalls, which doubles each time. */
  maxTimeoutMs?: number;
  /** Called on a stall; main reloads the page. */
  onStall: (info: StallInfo) => void;
}

/** A running watchdog for one page. */
export interface Watchdog {
  /** The page is alive: resets the timer and the back-off. */
  beat(heartbeat: Heartbeat): void;
  /** The page is being (re)loaded for another reason: give it a full wait from now. */
  restart(): void;
  stop(): void;
  readonly lastBeat: Heartbeat | undefined;
}

/**
 * Watches a page that should send a heartbeat every few seconds and calls `onStall` after
 * `timeoutMs` of silence: the page may run and paint yet have a wedged event loop or a dead
 * player, which neither `unresponsive` nor `render-process-gone` reports. A page that stays
 * silent after reloads is retried ever more slowly rather than reloaded every 30 s forever.
 */
export function startWatchdog(options: WatchdogOptions): Watchdog {
  const { timeoutMs = 30_000, maxTimeoutMs = 5 * 60_000, onStall } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastBeat: Heartbeat | undefined;
  let quietSince = Date.now();
  let stalls = 0;
  let stopped = false;

  const arm = () => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(fire, Math.min(timeoutMs * 2 ** stalls, maxTimeoutMs));
  };

  function fire() {
    timer = undefined;
    stalls += 1;
    onStall({ lastBeat, silentForMs: Date.now() - quietSince, stalls });
    arm();
  }

  arm();
  return {
    beat(heartbeat) {
      lastBeat = heartbeat;
      quietSince = Date.now();
      stalls = 0;
      arm();
    },
    restart() {
      arm();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
    get lastBeat() {
      return lastBeat;
    },
  };
}
