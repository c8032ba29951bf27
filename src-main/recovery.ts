/** Why a kiosk page is being reloaded. */
export type RecoveryReason = 'crashed' | 'unresponsive' | 'load-failed';

/** The slice of Electron's WebContents that watchAndRecover uses. */
export interface RecoverableContents {
  on(
    event: 'render-process-gone',
    listener: (event: unknown, details: { reason: string; exitCode: number }) => void,
  ): unknown;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  on(
    event: 'did-fail-load',
    listener: (
      event: unknown,
      errorCode: number,
      errorDescription: string,
      validatedURL: string,
      isMainFrame: boolean,
    ) => void,
  ): unknown;
  isDestroyed(): boolean;
  forcefullyCrashRenderer(): void;
}

/** Retry pacing for watchAndRecover. */
export interface RecoveryOptions {
  /** Delay before the first reload; doubles for each reload that follows the last too soon. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A page that ran this long since its last reload counts as healthy: the delay starts over. */
  healthyAfterMs?: number;
}

// Chromium's code for a navigation cancelled by another one: not a failure worth retrying.
const ERR_ABORTED = -3;

/**
 * Reloads a kiosk page (through `recover`) after its renderer dies, hangs, or its main frame
 * fails to load, backing off while failures repeat. Returns a function that stops pending work.
 */
export function watchAndRecover(
  contents: RecoverableContents,
  recover: (reason: RecoveryReason, detail: string) => void,
  options: RecoveryOptions = {},
): () => void {
  const { initialDelayMs = 1_000, maxDelayMs = 30_000, healthyAfterMs = 60_000 } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pendingReason: RecoveryReason | undefined;
  let attempts = 0;
  let lastRecoveryAt = Number.NEGATIVE_INFINITY;
  let killedOnPurpose = false;
  let stopped = false;

  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    pendingReason = undefined;
  };

  const run = (reason: RecoveryReason, detail: string) => {
    cancel();
    if (stopped || contents.isDestroyed()) return;
    lastRecoveryAt = Date.now();
    if (reason === 'unresponsive') {
      // A hung renderer may never process the reload; killing it first makes the reload start
      // in a fresh process. Its render-process-gone is then ours, not a new crash.
      killedOnPurpose = true;
      contents.forcefullyCrashRenderer();
    }
    recover(reason, detail);
  };

  const schedule = (reason: RecoveryReason, detail: string) => {
    if (stopped || timer !== undefined || contents.isDestroyed()) return;
    if (Date.now() - lastRecoveryAt > healthyAfterMs) attempts = 0;
    const delay = Math.min(initialDelayMs * 2 ** attempts, maxDelayMs);
    attempts += 1;
    pendingReason = reason;
    timer = setTimeout(() => run(reason, detail), delay);
  };

  contents.on('render-process-gone', (_event, details) => {
    if (killedOnPurpose) {
      killedOnPurpose = false;
      return;
    }
    schedule('crashed', `renderer gone: ${details.reason} (exit code ${details.exitCode})`);
  });
  contents.on('unresponsive', () => schedule('unresponsive', 'renderer stopped responding'));
  contents.on('responsive', () => {
    if (pendingReason === 'unresponsive') cancel();
  });
  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    schedule('load-failed', `${errorDescription} (${errorCode}) loading ${validatedURL}`);
  });

  return () => {
    stopped = true;
    cancel();
  };
}
