/**
 * Switch benchmark: `npm run bench:switch -- --screens 12 --sim 1000 --presses 30`.
 *
 * Runs the same hall twice, once with scheduled flips and once flipping on receipt (the way most
 * signage does it), and measures how far apart real screen pages paint each press.
 *
 * Per mode: a controller in its own process (demo packs, fresh temporary data directory); S
 * simulated screens (socket.io-client) in up to two child processes (bench/sim-screens.ts) that
 * report `presented` on every press, so the controller's fan-out and report handling are exercised;
 * N real screen pages in one Chromium, each with its clock shifted by a random ±5 s and reaching
 * the controller through a TCP proxy (in its own process) that delays every chunk by 0–30 ms. Then
 * P theme-key presses (1, 2, 3, …) about 1.5 s apart, after ten warm-up presses that are recorded
 * (and summed up apart, as the cold start) but not counted: V8 tiers up the pages' switch code
 * at about their eighth press, and twelve pages doing it together take both cores (see
 * WARMUP_PRESSES).
 *
 * Each page records, on the machine's own clock (not its shifted one), the animation frame that
 * first paints each revision. Per press: skew = last − first paint across the real pages;
 * latency = last page's paint − the press time in this process. Chromium and Node both anchor
 * `performance.timeOrigin` to the wall clock, so the two are comparable to about 1 ms.
 *
 * Prints a summary and writes bench/results/switch.json. Everything is bounded by a global
 * timeout; child processes, Chromium, the proxy and temporary directories are cleaned up.
 */
import { fork } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { format, resolveConfig } from 'prettier';
import type { SwitchRecord } from '../src-shared/protocol';
import type { ControllerToParent, ParentToController } from './controller-process';
import { browserUiRenderers, launchWithoutBrowserUi } from './chromium-launch';
import { startDelayProxyProcess } from './delay-proxy-process';
import { startSimProcess, type SimProcess } from './sim-process';
import type { SimRevisionStats } from './sim-screens';
import { intFlag, percentile, round } from './stats';

const SELF = fileURLToPath(import.meta.url);
/** The simulated screens' scheduling priority (see where they start). */
const SIM_NICE = 10;
const BENCH_DIR = dirname(SELF);
const CONTROLLER_SCRIPT = join(BENCH_DIR, 'controller-process.ts');
const RESULTS_FILE = join(BENCH_DIR, 'results', 'switch.json');
const SAME_FRAME_MS = 8;
const ONE_FRAME_MS = 17;
/**
 * Warm-up presses before the counted ones. A Chromium trace (`--trace`) showed V8's Maglev
 * compiler busy on the pages' worker threads after their eighth press: about 1.1 s of CPU across
 * the twelve pages in the 300 ms after it, against 0.03–0.3 s after the other presses. The pages
 * are identical, so they reach V8's tier-up thresholds on the same press, and that press was the
 * slowest to reach the simulated screens in every run with one warm-up press (docs/sync.md). A
 * screen does this once per page load, on a machine of its own; the counted presses measure
 * the hall after that, and the warm-up presses are reported apart as the cold start.
 */
const WARMUP_PRESSES = 10;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

type FlipMode = 'scheduled' | 'receipt';

interface Params {
  screens: number;
  sim: number;
  presses: number;
  warmup: number;
  intervalMs: number;
  maxProxyDelayMs: number;
  maxClockShiftMs: number;
  simProcesses: number;
  timeoutMs: number;
  /** Minutes on a theme of short slides after the presses (scheduled mode), 0 for none. */
  soakMinutes: number;
  chromium: string;
  viewport: { width: number; height: number };
  /** A Chromium trace of the scheduled mode's presses goes here (chrome://tracing JSON). */
  trace: { path: string; categories: string[] } | null;
}

function readParams(): Params {
  const { values } = parseArgs({
    options: {
      screens: { type: 'string', default: '12' },
      sim: { type: 'string', default: '1000' },
      presses: { type: 'string', default: '30' },
      warmup: { type: 'string', default: String(WARMUP_PRESSES) },
      interval: { type: 'string', default: '1500' },
      'proxy-delay': { type: 'string', default: '30' },
      'clock-shift': { type: 'string', default: '5000' },
      'timeout-min': { type: 'string', default: '25' },
      'soak-min': { type: 'string', default: '10' },
      chromium: { type: 'string', default: '/usr/bin/chromium' },
      trace: { type: 'string' },
      'trace-categories': { type: 'string', default: 'toplevel,v8,disabled-by-default-v8.compile' },
    },
  });
  const sim = intFlag('sim', values.sim, 0, 5000);
  return {
    screens: intFlag('screens', values.screens, 2, 40),
    sim,
    presses: intFlag('presses', values.presses, 1, 500),
    warmup: intFlag('warmup', values.warmup, 0, 50),
    intervalMs: intFlag('interval', values.interval, 300, 10_000),
    maxProxyDelayMs: intFlag('proxy-delay', values['proxy-delay'], 0, 500),
    maxClockShiftMs: intFlag('clock-shift', values['clock-shift'], 0, 60_000),
    simProcesses: sim === 0 ? 0 : sim <= 200 ? 1 : 2,
    timeoutMs: intFlag('timeout-min', values['timeout-min'], 1, 90) * 60_000,
    soakMinutes: intFlag('soak-min', values['soak-min'], 0, 60),
    chromium: values.chromium,
    trace: values.trace
      ? { path: values.trace, categories: values['trace-categories'].split(',') }
      : null,
    viewport: { width: 320, height: 180 },
  };
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

// ---------------------------------------------------------------------------------------------
// Cleanup: everything started is registered here and undone at the end, whatever happens.

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanupAll(): Promise<void> {
  while (cleanups.length > 0) {
    const undo = cleanups.pop()!;
    try {
      await undo();
    } catch (error) {
      console.error('cleanup:', error instanceof Error ? error.message : error);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Packs: the demo hall plus a theme of short slides on key 9 for the soak.

const SOAK_KEY = '9';
const SOAK_SLIDE_SECONDS = 2;
const SOAK_SLIDES = 5;

function benchPacks(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hallcue-bench-packs-'));
  cpSync(join(BENCH_DIR, '..', 'assets', 'packs'), dir, { recursive: true });
  const soak = join(dir, `${SOAK_KEY}-soak-short-slides`);
  cpSync(
    join(BENCH_DIR, '..', 'assets', 'packs', '2-constitution-points', 'media'),
    join(soak, 'media'),
    {
      recursive: true,
    },
  );
  const manifest = {
    format: 'hallcue-pack/1',
    id: 'bench-soak',
    version: '1.0.0',
    title: { zh: '短页轮播（基准测试）', en: 'Short slides (benchmark)' },
    roles: {
      main: {
        slides: Array.from({ length: SOAK_SLIDES }, (_, i) => ({
          type: 'text',
          title: { zh: `第 ${i + 1} 页`, en: `Slide ${i + 1}` },
          background: 'media/bg-text.svg',
          duration: SOAK_SLIDE_SECONDS,
          transition: 'cut',
        })),
      },
    },
  };
  writeFileSync(join(soak, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Soak: a theme of short slides for minutes; do the pages still change slides together?

interface SlideChange {
  slide: string;
  paint: number;
}
type SoakWindow = { benchSlides: SlideChange[]; benchFrame: number | null };

interface SoakResult {
  minutes: number;
  slideSeconds: number;
  /** Slide changes seen on every page (matched by slide and time). */
  changes: number;
  /** Changes a page missed or showed more than half a slide away from the others. */
  unmatched: number;
  spreadMs: { p50: number | null; p95: number | null; max: number | null };
  lastMinuteMaxSpreadMs: number | null;
  sameSlideAtEnd: boolean;
  slidesAtEnd: string[];
}

async function soak(
  controller: ControllerProcess,
  pages: Page[],
  minutes: number,
  log: (message: string) => void,
): Promise<SoakResult> {
  const { revision } = await controller.press(SOAK_KEY);
  for (const page of pages) {
    await page.evaluate((rev) => {
      const w = window as unknown as SoakWindow;
      w.benchSlides = [];
      const root = document.getElementById('screen-root')!;
      new MutationObserver(() => {
        if (root.dataset.revision !== String(rev)) return;
        const slide = root.dataset.slide ?? '';
        if (w.benchSlides.at(-1)?.slide === slide) return;
        const entry: SlideChange = { slide, paint: 0 };
        w.benchSlides.push(entry);
        const inFrame = w.benchFrame;
        if (inFrame !== null) entry.paint = performance.timeOrigin + inFrame;
        else requestAnimationFrame((ts) => (entry.paint = performance.timeOrigin + ts));
      }).observe(root, { attributes: true, attributeFilter: ['data-slide', 'data-revision'] });
    }, revision);
  }
  const end = now() + minutes * 60_000;
  while (now() < end) {
    await sleep(Math.min(60_000, end - now()));
    log(`soak: ${round((minutes * 60_000 - (end - now())) / 60_000, 1)} of ${minutes} min`);
  }
  const logs = await Promise.all(
    pages.map((p) => p.evaluate(() => (window as unknown as SoakWindow).benchSlides)),
  );
  // Match each change on the first page with the same slide's change on every other page.
  const reference = logs[0] ?? [];
  const half = (SOAK_SLIDE_SECONDS * 1000) / 2;
  const spreads: { at: number; spread: number }[] = [];
  let unmatched = 0;
  for (const change of reference.slice(1)) {
    const times = [change.paint];
    for (const other of logs.slice(1)) {
      const match = other.find(
        (c) => c.slide === change.slide && Math.abs(c.paint - change.paint) < half,
      );
      if (match) times.push(match.paint);
    }
    if (times.length < logs.length) unmatched++;
    else spreads.push({ at: change.paint, spread: Math.max(...times) - Math.min(...times) });
  }
  // Read every page in the middle of a slide, where a correct page cannot be between two.
  const lastChange = reference.at(-1)?.paint ?? now();
  const slideMs = SOAK_SLIDE_SECONDS * 1000;
  const sinceLast = (now() - lastChange) % slideMs;
  await sleep((slideMs / 2 - sinceLast + slideMs) % slideMs);
  const slidesAtEnd = await Promise.all(
    pages.map((p) => p.evaluate(() => document.getElementById('screen-root')?.dataset.slide ?? '')),
  );
  const values = spreads.map((s) => s.spread);
  const lastMinute = spreads.filter((s) => s.at > end - 60_000).map((s) => s.spread);
  return {
    minutes,
    slideSeconds: SOAK_SLIDE_SECONDS,
    changes: spreads.length,
    unmatched,
    spreadMs: {
      p50: round(percentile(values, 50)),
      p95: round(percentile(values, 95)),
      max: round(values.length ? Math.max(...values) : null),
    },
    lastMinuteMaxSpreadMs: round(lastMinute.length ? Math.max(...lastMinute) : null),
    sameSlideAtEnd: slidesAtEnd.every((slide) => slide === slidesAtEnd[0] && slide !== ''),
    slidesAtEnd,
  };
}

// ---------------------------------------------------------------------------------------------
// The controller, in a child process.

interface ControllerProcess {
  url: string;
  port: number;
  press(key: string): Promise<{ revision: number; startAt: number; pressedAt: number }>;
  record(revision: number): Promise<SwitchRecord | null>;
  stop(): Promise<void>;
}

async function startControllerProcess(mode: FlipMode, packs: string): Promise<ControllerProcess> {
  const child = fork(CONTROLLER_SCRIPT, ['--mode', mode, '--packs', packs], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let nextId = 1;
  const pending = new Map<number, (message: ControllerToParent) => void>();
  child.on('message', (message: ControllerToParent) => {
    if ('id' in message) pending.get(message.id)?.(message);
  });
  const request = (message: ParentToController & { id: number }) =>
    new Promise<ControllerToParent>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`controller: no answer to ${message.type}`)),
        10_000,
      );
      pending.set(message.id, (answer) => {
        clearTimeout(timer);
        pending.delete(message.id);
        if (answer.type === 'failed') reject(new Error(answer.error));
        else resolve(answer);
      });
      child.send(message);
    });
  const ready = await new Promise<Extract<ControllerToParent, { type: 'ready' }>>(
    (resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('controller did not start in 60 s')), 60_000);
      child.on('message', (message: ControllerToParent) => {
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        resolve(message);
      });
      void exited.then(() => reject(new Error('controller process exited')));
    },
  );
  return {
    url: ready.url,
    port: ready.port,
    async press(key) {
      const answer = await request({ type: 'press', id: nextId++, key });
      if (answer.type !== 'pressed') throw new Error(`controller: unexpected ${answer.type}`);
      return answer;
    },
    async record(revision) {
      const answer = await request({ type: 'record', id: nextId++, revision });
      return answer.type === 'record' ? answer.record : null;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: 'stop' } satisfies ParentToController);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Simulated screens in child processes.

// ---------------------------------------------------------------------------------------------
// Real screen pages.

interface FlipEntry {
  /** Machine-clock time of the animation frame that first paints the change. */
  paint: number | null;
  /** Machine-clock time of the frame after that (a stricter reading, kept for comparison). */
  next: number | null;
  /**
   * Machine-clock time the page last put a staged (invisible) theme into its DOM before this
   * change: for a scheduled flip, when the new theme was rendered and waiting for its frame.
   */
  staged: number | null;
}
type FlipWindow = {
  benchFlips: Record<string, FlipEntry>;
  benchFrame: number | null;
  benchStagedAt: number | null;
};

/**
 * Runs before the screen's own scripts: marks each animation-frame callback with its frame
 * time, so a change made inside a callback is known to be painted by that very frame.
 */
function markAnimationFrames(): void {
  const w = window as unknown as FlipWindow;
  w.benchFrame = null;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    raf((timestamp) => {
      w.benchFrame = timestamp;
      try {
        callback(timestamp);
      } finally {
        // After the mutation observers' microtasks queued by the callback.
        queueMicrotask(() => (w.benchFrame = null));
      }
    });
}

/**
 * Records, on the machine's own clock (shared by all pages), the frame that first paints each
 * revision: the frame whose callback made the change, or the next frame when the change was
 * made outside one (a flip on receipt happens in a socket message handler).
 */
async function watchFlips(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as FlipWindow;
    w.benchFlips = {};
    w.benchStagedAt = null;
    const root = document.getElementById('screen-root');
    if (!root) throw new Error('no #screen-root');
    new MutationObserver((mutations) => {
      const staged = mutations.some((m) =>
        [...m.addedNodes].some((n) => n instanceof Element && n.matches('.player.staged')),
      );
      if (staged) w.benchStagedAt = performance.timeOrigin + performance.now();
    }).observe(root, { childList: true, subtree: true });
    new MutationObserver(() => {
      const revision = root.dataset.revision ?? '';
      if (revision in w.benchFlips) return;
      const entry: FlipEntry = { paint: null, next: null, staged: w.benchStagedAt };
      w.benchFlips[revision] = entry;
      const inFrame = w.benchFrame;
      if (inFrame !== null) entry.paint = performance.timeOrigin + inFrame;
      requestAnimationFrame((ts) => {
        entry.next = performance.timeOrigin + ts;
        entry.paint ??= entry.next;
      });
    }).observe(root, { attributes: true, attributeFilter: ['data-revision'] });
  });
}

async function readFlip(page: Page, revision: number): Promise<FlipEntry | null> {
  return page.evaluate(
    (r) => (window as unknown as FlipWindow).benchFlips[r] ?? null,
    String(revision),
  );
}

// ---------------------------------------------------------------------------------------------
// Statistics.

interface PressResult {
  index: number;
  warmup: boolean;
  key: string;
  revision: number;
  pressAt: number;
  leadMs: number;
  /** Per real page, machine-clock paint times (null when the page never showed the press). */
  paints: (number | null)[];
  /** Per real page, the frame after the paint (FlipEntry.next). */
  nextFrames: (number | null)[];
  /**
   * Per real page, how long before its paint it had the new theme staged (ms; null when it
   * staged none, as on a flip on receipt): a late page with a long margin was ready in time.
   */
  stagedBeforeMs: (number | null)[];
  presentedPages: number;
  skewMs: number | null;
  latencyMs: number | null;
  nextFrameSkewMs: number | null;
  nextFrameLatencyMs: number | null;
  /** The controller's own switch report (all screens, sims included, controller clock). */
  controller: { expected: number; presented: number; spreadMs: number | null } | null;
  sims: { received: number; firstMs: number | null; lastMs: number | null } | null;
}

interface ModeSummary {
  presses: number;
  complete: number;
  skewMs: { p50: number | null; p95: number | null; max: number | null };
  sameFramePct: number | null;
  withinOneFramePct: number | null;
  latencyMs: { p50: number | null; p95: number | null };
  nextFrameMethod: {
    skewP95: number | null;
    latencyP50: number | null;
    latencyP95: number | null;
  };
  leadMs: { p50: number | null };
  controllerSpreadMs: { p50: number | null; p95: number | null };
  simFanoutLastMs: { p50: number | null; p95: number | null };
  /** Presses not in the same frame, by cause (classifyLate). */
  latePresses: { frameLate: number; themeLate: number } | null;
}

/** Figures over the counted presses, or with `warmup` over the warm-up ones (the cold start). */
function summarize(presses: PressResult[], mode: FlipMode, warmup = false): ModeSummary {
  const counted = presses.filter((p) => p.warmup === warmup);
  const complete = counted.filter((p) => p.skewMs !== null && p.presentedPages === p.paints.length);
  const skews = complete.map((p) => p.skewMs!);
  const latencies = complete.map((p) => p.latencyMs!);
  const pct = (n: number) => (complete.length === 0 ? null : round((100 * n) / complete.length));
  const nums = (xs: (number | null | undefined)[]) =>
    xs.filter((x): x is number => typeof x === 'number');
  const spreads = nums(counted.map((p) => p.controller?.spreadMs));
  const fanout = nums(counted.map((p) => p.sims?.lastMs));
  return {
    presses: counted.length,
    complete: complete.length,
    skewMs: {
      p50: round(percentile(skews, 50)),
      p95: round(percentile(skews, 95)),
      max: round(skews.length === 0 ? null : Math.max(...skews)),
    },
    sameFramePct: pct(skews.filter((s) => s < SAME_FRAME_MS).length),
    withinOneFramePct: pct(skews.filter((s) => s < ONE_FRAME_MS).length),
    latencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)) },
    nextFrameMethod: {
      skewP95: round(percentile(nums(complete.map((p) => p.nextFrameSkewMs)), 95)),
      latencyP50: round(percentile(nums(complete.map((p) => p.nextFrameLatencyMs)), 50)),
      latencyP95: round(percentile(nums(complete.map((p) => p.nextFrameLatencyMs)), 95)),
    },
    leadMs: {
      p50: round(
        percentile(
          counted.map((p) => p.leadMs),
          50,
        ),
      ),
    },
    controllerSpreadMs: {
      p50: round(percentile(spreads, 50)),
      p95: round(percentile(spreads, 95)),
    },
    simFanoutLastMs: { p50: round(percentile(fanout, 50)), p95: round(percentile(fanout, 95)) },
    // A flip on receipt stages nothing ahead: every press would count as theme-late.
    latePresses: mode === 'scheduled' ? classifyLate(complete) : null,
  };
}

/** A page that had its theme staged this long before its frame was due was ready in time. */
const READY_IN_TIME_MS = 50;

/**
 * Sorts the presses that missed the same frame by why: every late page had its theme staged at
 * least READY_IN_TIME_MS before the frame it should have flipped in (it got that frame late), or
 * some late page staged it later than that, or not at all (the theme itself came late).
 */
function classifyLate(presses: PressResult[]) {
  let frameLate = 0;
  let themeLate = 0;
  for (const press of presses) {
    if (press.skewMs === null || press.skewMs < SAME_FRAME_MS) continue;
    const paints = press.paints.filter((t): t is number => t !== null);
    const first = Math.min(...paints);
    const inTime = press.paints.every((paint, i) => {
      if (paint === null || paint - first < SAME_FRAME_MS) return true;
      const staged = press.stagedBeforeMs[i] ?? null;
      return staged !== null && staged - (paint - first) >= READY_IN_TIME_MS;
    });
    if (inTime) frameLate += 1;
    else themeLate += 1;
  }
  return { frameLate, themeLate };
}

// ---------------------------------------------------------------------------------------------
// One mode.

interface ModeResult {
  mode: FlipMode;
  clockShiftsMs: number[];
  /** Per page at the end: its clock-offset estimate plus its shift (0 is a perfect estimate). */
  clockErrorsMs: (number | null)[];
  simsConnected: number;
  simsFailed: number;
  simDisconnects: number;
  /**
   * Whether every sim process ran in an autogroup of its own at the sims' nice value
   * (sim-process.ts yieldCpu): without it the nice value does not weigh against Chromium.
   */
  simsAutogroupNiced: boolean;
  /** Chromium browser-UI renderers running besides the pages (chromium-launch.ts; should be 0). */
  browserUiRenderers: number;
  presses: PressResult[];
  summary: ModeSummary;
  /** The same figures over the warm-up presses: the first presses after the pages load. */
  coldStart: ModeSummary;
  soak: SoakResult | null;
}

async function runMode(mode: FlipMode, params: Params, browser: Browser): Promise<ModeResult> {
  const log = (message: string) => console.log(`[${mode}] ${message}`);
  const local: (() => Promise<void> | void)[] = [];
  const undoLocal = async () => {
    while (local.length > 0) await local.pop()!();
  };
  cleanups.push(undoLocal);
  try {
    const packs = benchPacks();
    local.push(() => rmSync(packs, { recursive: true, force: true }));
    const controller = await startControllerProcess(mode, packs);
    local.push(() => controller.stop());
    const proxy = await startDelayProxyProcess(controller.port, params.maxProxyDelayMs);
    local.push(() => proxy.close());
    log(`controller ${controller.url}, proxy ${proxy.url}`);

    // Simulated screens connect (straight to the controller) while the pages open. They stand
    // for a thousand other machines: niced, their JSON parsing and reports yield the two cores
    // to the real pages being measured (and to the controller, which runs at normal priority).
    const sims: SimProcess[] = [];
    for (let i = 0; i < params.simProcesses; i++) {
      const count =
        Math.floor(params.sim / params.simProcesses) +
        (i < params.sim % params.simProcesses ? 1 : 0);
      const sim = startSimProcess(controller.url, count, `${mode[0]}${i}`, { nice: SIM_NICE });
      sims.push(sim);
      local.push(() => sim.stop());
    }

    const shifts = Array.from({ length: params.screens }, () =>
      Math.round((Math.random() * 2 - 1) * params.maxClockShiftMs),
    );
    const pages: Page[] = [];
    const contexts: BrowserContext[] = [];
    local.push(async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
    });
    for (const [i, shift] of shifts.entries()) {
      const context = await browser.newContext({ viewport: params.viewport });
      await context.addInitScript(markAnimationFrames);
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${proxy.url}/screen?screen=bench-${i}&clockShift=${shift}`);
      pages.push(page);
    }
    for (const page of pages) {
      await page.waitForSelector('#screen-root[data-status="online"]', { timeout: 60_000 });
    }
    log(`${pages.length} pages online`);
    const browserUi = browserUiRenderers();
    if (browserUi > 0)
      log(`${browserUi} Chromium browser-UI renderers are running besides the pages`);
    let simsConnected = 0;
    let simsFailed = 0;
    for (const sim of sims) {
      const done = await sim.connected;
      simsConnected += done.connected;
      simsFailed += done.failed;
      if (done.errors.length > 0) log(`sim errors: ${done.errors.join('; ')}`);
    }
    log(`${simsConnected} simulated screens connected (${simsFailed} failed)`);
    if (!sims.every((sim) => sim.autogroupNiced))
      log(
        'the sims share an autogroup with the controller: their nice value does not weigh against Chromium',
      );

    // Let the pages fetch every theme's files and settle their clock estimates.
    await sleep(4000);
    for (const page of pages) await watchFlips(page);
    const tracing = mode === 'scheduled' ? params.trace : null;
    if (tracing) await browser.startTracing(undefined, tracing);

    const keys = ['1', '2', '3'];
    const presses: PressResult[] = [];
    const total = params.warmup + params.presses;
    for (let index = 0; index < total; index++) {
      const key = keys[index % keys.length]!;
      const pressAt = now();
      const { revision, startAt } = await controller.press(key);
      const leadMs = startAt - pressAt;
      // Wait for every page to paint the press (or give up), then keep the press rhythm.
      const deadline = pressAt + Math.max(params.intervalMs, 5000);
      let flips: (FlipEntry | null)[] = [];
      // Leave the pages alone until the flip is due: reading them costs their main threads.
      await sleep(startAt - now() + 50);
      for (;;) {
        flips = await Promise.all(pages.map((p) => readFlip(p, revision)));
        if (flips.every((f) => typeof f?.next === 'number') || now() > deadline) break;
        await sleep(100);
      }
      const paints = flips.map((f) => f?.paint ?? null);
      const nextFrames = flips.map((f) => f?.next ?? null);
      const stagedBeforeMs = flips.map((f) => {
        const staged = f?.staged ?? null;
        const paint = f?.paint ?? null;
        return paint !== null && staged !== null && staged >= pressAt
          ? round(paint - staged, 1)
          : null;
      });
      const got = paints.filter((t): t is number => t !== null);
      const gotNext = nextFrames.filter((t): t is number => t !== null);
      await sleep(pressAt + params.intervalMs - now());
      const record = await controller.record(revision);
      presses.push({
        index,
        warmup: index < params.warmup,
        key,
        revision,
        pressAt,
        leadMs: round(leadMs, 2)!,
        paints,
        nextFrames,
        stagedBeforeMs,
        presentedPages: got.length,
        skewMs: got.length > 0 ? round(Math.max(...got) - Math.min(...got), 2) : null,
        latencyMs: got.length > 0 ? round(Math.max(...got) - pressAt, 2) : null,
        nextFrameSkewMs:
          gotNext.length === pages.length
            ? round(Math.max(...gotNext) - Math.min(...gotNext), 2)
            : null,
        nextFrameLatencyMs:
          gotNext.length === pages.length ? round(Math.max(...gotNext) - pressAt, 2) : null,
        controller: record
          ? {
              expected: record.report.expected,
              presented: record.report.presented,
              spreadMs: round(record.report.spreadMs, 2),
            }
          : null,
        sims: null,
      });
      const last = presses.at(-1)!;
      log(
        `press ${index + 1}/${total}${last.warmup ? ' (warm-up)' : ''} key ${key} rev ${revision}: ` +
          `skew ${last.skewMs ?? '-'} ms, latency ${last.latencyMs ?? '-'} ms, ` +
          `pages ${got.length}/${pages.length}, controller ${last.controller?.presented ?? '-'}/` +
          `${last.controller?.expected ?? '-'} spread ${last.controller?.spreadMs ?? '-'} ms`,
      );
    }

    if (tracing) await browser.stopTracing();

    // Each page's clock estimate error: its offset estimate plus its shift (0 is perfect).
    const clockErrorsMs = await Promise.all(
      pages.map((p, i) =>
        p.evaluate((shift) => {
          const w = window as unknown as {
            hallcueClock?: { current?: { offsetMs: number } | null };
          };
          const offset = w.hallcueClock?.current?.offsetMs;
          return typeof offset === 'number' ? offset + shift : null;
        }, shifts[i] ?? 0),
      ),
    );
    log(`clock estimate errors (ms): ${clockErrorsMs.map((e) => round(e, 2)).join(', ')}`);

    // Fan-out to the simulated screens, per press.
    let simDisconnects = 0;
    const simStats: Record<string, SimRevisionStats>[] = [];
    for (const sim of sims) {
      const stats = await sim.stats();
      simDisconnects += stats.disconnects;
      simStats.push(stats.revisions);
    }
    for (const press of presses) {
      const per = simStats.map((s) => s[press.revision]).filter((s) => s !== undefined);
      if (sims.length === 0) continue;
      press.sims = {
        received: per.reduce((sum, s) => sum + s.count, 0),
        firstMs: per.length
          ? round(Math.min(...per.map((s) => s.firstAt)) - press.pressAt, 2)
          : null,
        lastMs: per.length ? round(Math.max(...per.map((s) => s.lastAt)) - press.pressAt, 2) : null,
      };
    }
    const soaked =
      mode === 'scheduled' && params.soakMinutes > 0
        ? await soak(controller, pages, params.soakMinutes, log)
        : null;
    return {
      mode,
      clockShiftsMs: shifts,
      clockErrorsMs: clockErrorsMs.map((e) => round(e, 3)),
      simsConnected,
      simsFailed,
      simDisconnects,
      simsAutogroupNiced: sims.every((sim) => sim.autogroupNiced),
      browserUiRenderers: browserUi,
      presses,
      summary: summarize(presses, mode),
      coldStart: summarize(presses, mode, true),
      soak: soaked,
    };
  } finally {
    await undoLocal();
    cleanups.splice(cleanups.indexOf(undoLocal), 1);
  }
}

// ---------------------------------------------------------------------------------------------

function printSummary(result: ModeResult): void {
  const s = result.summary;
  const f = (n: number | null) => (n === null ? '-' : String(n));
  console.log(`\n${result.mode}:`);
  console.log(`  presses counted      ${s.presses} (all pages painted: ${s.complete})`);
  console.log(
    `  skew p50/p95/max     ${f(s.skewMs.p50)} / ${f(s.skewMs.p95)} / ${f(s.skewMs.max)} ms`,
  );
  console.log(`  same frame (<8 ms)   ${f(s.sameFramePct)} %`);
  console.log(`  within 1 frame (<17) ${f(s.withinOneFramePct)} %`);
  if (s.latePresses) {
    console.log(
      `  missed same frame    ${s.latePresses.frameLate} with the theme staged in time, ` +
        `${s.latePresses.themeLate} with a theme staged late`,
    );
  }
  console.log(`  latency p50/p95      ${f(s.latencyMs.p50)} / ${f(s.latencyMs.p95)} ms`);
  console.log(
    `  next-frame reading   skew p95 ${f(s.nextFrameMethod.skewP95)} ms, latency p50/p95 ` +
      `${f(s.nextFrameMethod.latencyP50)} / ${f(s.nextFrameMethod.latencyP95)} ms`,
  );
  console.log(`  lead p50             ${f(s.leadMs.p50)} ms`);
  console.log(
    `  controller spread    p50 ${f(s.controllerSpreadMs.p50)} / p95 ${f(s.controllerSpreadMs.p95)} ms` +
      ` (all screens incl. sims, as reported)`,
  );
  console.log(
    `  sim fan-out (last)   p50 ${f(s.simFanoutLastMs.p50)} / p95 ${f(s.simFanoutLastMs.p95)} ms` +
      ` after the press; ${result.simsConnected} sims, ${result.simDisconnects} dropped`,
  );
  const c = result.coldStart;
  if (c.presses > 0) {
    console.log(
      `  cold start           ${c.presses} warm-up presses, not counted: same frame ` +
        `${f(c.sameFramePct)} %, within 1 frame ${f(c.withinOneFramePct)} %, skew max ` +
        `${f(c.skewMs.max)} ms, latency p95 ${f(c.latencyMs.p95)} ms`,
    );
  }
  const k = result.soak;
  if (k) {
    console.log(
      `  soak ${k.minutes} min, ${k.slideSeconds} s slides: ${k.changes} slide changes on every ` +
        `page (${k.unmatched} unmatched); spread p50/p95/max ${f(k.spreadMs.p50)} / ` +
        `${f(k.spreadMs.p95)} / ${f(k.spreadMs.max)} ms, last minute max ` +
        `${f(k.lastMinuteMaxSpreadMs)} ms; same slide at the end: ${k.sameSlideAtEnd ? 'yes' : 'NO'} ` +
        `(${k.slidesAtEnd.join(' ')})`,
    );
  }
}

async function main(): Promise<void> {
  const params = readParams();
  const deadline = setTimeout(() => {
    console.error(`switch-bench: global timeout (${params.timeoutMs / 60_000} min), stopping`);
    void cleanupAll().finally(() => process.exit(2));
  }, params.timeoutMs);
  deadline.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanupAll().finally(() => process.exit(130)));
  }

  console.log(
    `switch-bench: ${params.screens} real pages (clock shift ±${params.maxClockShiftMs} ms, ` +
      `proxy delay 0–${params.maxProxyDelayMs} ms per chunk), ${params.sim} simulated screens ` +
      `in ${params.simProcesses} process(es), ${params.warmup} warm-up + ${params.presses} presses ` +
      `every ${params.intervalMs} ms`,
  );
  const { browser, disabledFeatures } = await launchWithoutBrowserUi(
    params.chromium,
    CHROMIUM_ARGS,
  );
  cleanups.push(() => browser.close());
  const results: ModeResult[] = [];
  try {
    for (const mode of ['scheduled', 'receipt'] as const) {
      results.push(await runMode(mode, params, browser));
    }
    const chromiumVersion = browser.version();
    for (const result of results) printSummary(result);
    const [scheduled, receipt] = results;
    const sP95 = scheduled?.summary.skewMs.p95 ?? null;
    const rP95 = receipt?.summary.skewMs.p95 ?? null;
    const ratio = sP95 !== null && rP95 !== null && rP95 > 0 ? round(sP95 / rP95, 3) : null;
    console.log(
      `\nskew p95 scheduled / receipt = ${ratio ?? '-'}` +
        (sP95 !== null && rP95 !== null && sP95 > 0
          ? ` (receipt is ${round(rP95 / sP95, 1)}x wider)`
          : ''),
    );
    console.log(
      'Times are on this machine’s clock: pages use performance.timeOrigin + the animation-frame ' +
        'timestamp, the press uses performance.timeOrigin + performance.now() in Node; both ' +
        'anchor timeOrigin to the wall clock, so latencies are comparable to about 1 ms. ' +
        'Each page’s time is the animation frame that first paints the new theme: the frame ' +
        'whose callback made the change, or the next frame for a change made outside one. ' +
        '"next-frame reading" takes the frame after that instead, which a page that is busy ' +
        'painting can delay: a stricter reading, shown for comparison.',
    );

    const cpuList = cpus();
    const report = {
      machine: {
        cpu: cpuList[0]?.model ?? 'unknown',
        cores: cpuList.length,
        memGiB: round(totalmem() / 2 ** 30, 1),
        platform: `${platform()} ${release()}`,
        chromium: chromiumVersion,
      },
      node: process.version,
      date: new Date().toISOString(),
      parameters: { ...params, simNice: SIM_NICE, chromiumDisabledFeatures: disabledFeatures },
      thresholds: { sameFrameMs: SAME_FRAME_MS, withinOneFrameMs: ONE_FRAME_MS },
      clockNote:
        'paint and press times are performance.timeOrigin-based in Chromium and Node, both ' +
        'anchored to the wall clock: comparable to about 1 ms',
      summary: {
        scheduled: scheduled?.summary ?? null,
        soak: scheduled?.soak ?? null,
        receipt: receipt?.summary ?? null,
        skewP95ScheduledOverReceipt: ratio,
        coldStart: { scheduled: scheduled?.coldStart ?? null, receipt: receipt?.coldStart ?? null },
      },
      modes: results,
    };
    await mkdir(dirname(RESULTS_FILE), { recursive: true });
    const options = (await resolveConfig(RESULTS_FILE)) ?? {};
    const json = await format(JSON.stringify(report), { ...options, parser: 'json' });
    await writeFile(RESULTS_FILE, json);
    console.log(`wrote ${RESULTS_FILE}`);
  } finally {
    clearTimeout(deadline);
    await cleanupAll();
  }
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error('switch-bench failed:', error);
    await cleanupAll();
    process.exit(1);
  },
);
