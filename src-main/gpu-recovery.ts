/** Command-line switch carrying recent GPU-crash times (ms) across relaunches. */
export const GPU_CRASHES_ARG = '--hallcue-gpu-crashes=';
/** Chromium switch for software rendering. */
export const DISABLE_GPU_ARG = '--disable-gpu';

/** The fields of Electron's child-process-gone details this module reads. */
export interface ChildProcessGone {
  type: string;
  reason: string;
}

/** What to do about a child process that went away. */
export type ChildGonePlan =
  { action: 'ignore' } | { action: 'relaunch'; args: string[]; softwareRendering: boolean };

/** Limits for planAfterChildGone. */
export interface GpuRecoveryOptions {
  /** Crashes further apart than this are unrelated. */
  windowMs?: number;
  /** This many GPU crashes inside `windowMs` switch the relaunch to software rendering. */
  maxCrashes?: number;
}

/**
 * Decides what follows a child process loss. A lost GPU process often leaves kiosk windows
 * black or frozen while everything else looks healthy, so the app relaunches (`app.relaunch({
 * args }); app.exit(0)`). The crash times ride along in `args`; when the GPU keeps crashing the
 * relaunch adds `--disable-gpu`, since a slower hall beats a black one. It stays until the app
 * is started again by hand or at boot.
 */
export function planAfterChildGone(
  details: ChildProcessGone,
  argv: readonly string[],
  now: number,
  options: GpuRecoveryOptions = {},
): ChildGonePlan {
  const { windowMs = 10 * 60_000, maxCrashes = 3 } = options;
  if (details.type !== 'GPU' || details.reason === 'clean-exit') return { action: 'ignore' };

  const previous = argv
    .filter((arg) => arg.startsWith(GPU_CRASHES_ARG))
    .flatMap((arg) => arg.slice(GPU_CRASHES_ARG.length).split(','))
    .map(Number)
    .filter((time) => Number.isFinite(time) && now - time >= 0 && now - time < windowMs);
  const crashes = [...previous, now];

  const args = argv.filter((arg) => !arg.startsWith(GPU_CRASHES_ARG));
  args.push(`${GPU_CRASHES_ARG}${crashes.join(',')}`);
  if (crashes.length >= maxCrashes && !args.includes(DISABLE_GPU_ARG)) args.push(DISABLE_GPU_ARG);
  return { action: 'relaunch', args, softwareRendering: args.includes(DISABLE_GPU_ARG) };
}
