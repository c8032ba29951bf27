import { estimateClock, type ClockEstimate, type ClockSample } from '../../src-shared/clock';

let shiftMs = 0;

/**
 * Shifts this page's notion of local time (`?clockShift=ms`): lets tests and the switch
 * benchmark give each screen page a clock that is off by seconds, as real screen PCs' are.
 */
export function setClockShift(ms: number): void {
  shiftMs = Number.isFinite(ms) ? ms : 0;
}

/** Local monotonic milliseconds; never jumps when the wall clock is corrected. */
export const localNow = () => performance.timeOrigin + performance.now() + shiftMs;

/** Local time of an animation frame from its requestAnimationFrame timestamp. */
export const frameNow = (timestamp: number) => performance.timeOrigin + timestamp + shiftMs;

/**
 * Keeps an estimate of the controller's clock from round trips over the socket. Keeps a window
 * of recent samples and trusts the fastest ones.
 */
export class ClockSync {
  private samples: ClockSample[] = [];
  private estimate: ClockEstimate | null = null;

  // About a minute of samples at the refresh rate: the window estimateClock intersects over.
  constructor(private readonly maxSamples = 56) {}

  add(sample: ClockSample): void {
    this.samples.push(sample);
    if (this.samples.length > this.maxSamples) this.samples.shift();
    this.estimate = estimateClock(this.samples);
  }

  /** Starts from a remembered offset until fresh samples arrive (e.g. after a reboot). */
  assume(offsetMs: number): void {
    if (!this.estimate) this.estimate = { offsetMs, rttMs: Infinity, errorBoundMs: Infinity };
  }

  /** Forget samples after a reconnect: the path (and its delay) may have changed. */
  reset(): void {
    this.samples = [];
  }

  get synced(): boolean {
    return this.estimate !== null;
  }

  get current(): ClockEstimate | null {
    return this.estimate;
  }

  /** Controller time now, by the best estimate (local time until the first sample arrives). */
  controllerNow(): number {
    return localNow() + (this.estimate?.offsetMs ?? 0);
  }

  toController(localTime: number): number {
    return localTime + (this.estimate?.offsetMs ?? 0);
  }

  toLocal(controllerTime: number): number {
    return controllerTime - (this.estimate?.offsetMs ?? 0);
  }
}
