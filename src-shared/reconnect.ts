/**
 * How screens reconnect to the controller: exponential backoff from 0.5 s to 3 s, each delay
 * moved randomly by up to ±50 %, so a controller that restarts is not hit by every screen of the
 * hall in the same instant, and every screen is back within about 3 s of it answering again. The screen page and the simulated screens of the tests and
 * benchmarks use these same settings.
 */
export const SCREEN_RECONNECT = {
  reconnectionDelay: 500,
  reconnectionDelayMax: 3000,
  randomizationFactor: 0.5,
} as const;
