/**
 * What the load and cluster benchmarks share: simulated screen fleets in child processes, an
 * operator's console, the controller's own figures from /metrics, waiting with a bound, and
 * cleaning up everything that was started.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { io, type Socket } from 'socket.io-client';
import {
  CONSOLE_NAMESPACE,
  type ConsoleToServerEvents,
  type ServerToConsoleEvents,
  type ThemeSummary,
} from '../src-shared/protocol';
import { startSimProcess, type SimProcess } from './sim-process';
import { sessionCookie } from './spawned-controller';
import { percentile, round } from './stats';

/** Simulated screens per child process. */
export const PER_PROCESS = 500;

export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export const summary = (values: readonly number[]) => ({
  p50: round(percentile(values, 50)),
  p95: round(percentile(values, 95)),
  max: round(percentile(values, 100)),
});

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
) {
  const deadline = now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

// ---------------------------------------------------------------------------------------------
// Cleanup: everything started is undone at the end, whatever happens.

export const cleanups: (() => Promise<void> | void)[] = [];
export async function cleanupAll(): Promise<void> {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      console.error('cleanup:', error instanceof Error ? error.message : error);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Simulated screens, split over child processes.

export interface SimFleet {
  processes: SimProcess[];
  connected(): Promise<{ connected: number; failed: number; errors: string[] }>;
  stats(): Promise<{
    online: number;
    showing: Record<string, number>;
    received: Record<string, { count: number; lastAt: number; firstAt: number }>;
    reconnectedAt: number[];
    /** CPU time the fleet's processes have used (ms). */
    cpuMs: number;
  }>;
  stop(): Promise<void>;
}

/** `url`: one controller, or the nodes of a cluster, which the sims fail over between. */
export function startFleet(
  url: string | readonly string[],
  screens: number,
  prefix: string,
): SimFleet {
  const count = Math.ceil(screens / PER_PROCESS);
  const processes = Array.from({ length: count }, (_, i) =>
    startSimProcess(url, Math.min(PER_PROCESS, screens - i * PER_PROCESS), `${prefix}${i}`, {
      reconnect: true,
      hold: true,
    }),
  );
  const fleet: SimFleet = {
    processes,
    async connected() {
      const all = await Promise.all(processes.map((p) => p.connected));
      return {
        connected: all.reduce((n, c) => n + c.connected, 0),
        failed: all.reduce((n, c) => n + c.failed, 0),
        errors: all.flatMap((c) => c.errors).slice(0, 5),
      };
    },
    async stats() {
      const all = await Promise.all(processes.map((p) => p.stats()));
      const showing: Record<string, number> = {};
      const received: Record<string, { count: number; lastAt: number; firstAt: number }> = {};
      for (const s of all) {
        for (const [rev, n] of Object.entries(s.showing)) showing[rev] = (showing[rev] ?? 0) + n;
        for (const [rev, r] of Object.entries(s.revisions)) {
          const into = (received[rev] ??= { count: 0, lastAt: r.lastAt, firstAt: r.firstAt });
          into.count += r.count;
          into.lastAt = Math.max(into.lastAt, r.lastAt);
          into.firstAt = Math.min(into.firstAt, r.firstAt);
        }
      }
      return {
        online: all.reduce((n, s) => n + s.online, 0),
        showing,
        received,
        reconnectedAt: all.flatMap((s) => s.reconnectedAt),
        cpuMs: all.reduce((n, s) => n + s.cpuMs, 0),
      };
    },
    async stop() {
      await Promise.all(processes.map((p) => p.stop()));
    },
  };
  cleanups.push(() => fleet.stop());
  return fleet;
}

// ---------------------------------------------------------------------------------------------
// The controller's own figures, from its /metrics.

export async function scrape(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const space = line.lastIndexOf(' ');
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}

/** The lowest RSS and heap over a few samples: the closest to "after GC" without forcing one. */
export async function settledMemory(url: string, samples = 12, gapMs = 250) {
  let rss = Infinity;
  let heap = Infinity;
  for (let i = 0; i < samples; i++) {
    const m = await scrape(url);
    rss = Math.min(rss, m.get('hallcue_process_resident_memory_bytes') ?? Infinity);
    heap = Math.min(heap, m.get('hallcue_nodejs_heap_size_used_bytes') ?? Infinity);
    await sleep(gapMs);
  }
  return { rss, heap };
}

// ---------------------------------------------------------------------------------------------
// The operator's console.

type ConsoleSocket = Socket<ServerToConsoleEvents, ConsoleToServerEvents>;

export async function openConsole(url: string) {
  const socket: ConsoleSocket = io(`${url}${CONSOLE_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: await sessionCookie(url) },
  });
  let themes: ThemeSummary[] = [];
  socket.on('snapshot', (s) => (themes = s.themes));
  socket.on('disconnect', (reason, details) => {
    if (reason === 'io client disconnect') return;
    console.error(`console disconnected: ${reason} ${details ? JSON.stringify(details) : ''}`);
  });
  socket.on('library', (l) => (themes = l.themes));
  await new Promise<void>((resolve, reject) => {
    socket.once('snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  cleanups.push(() => void socket.close());
  return {
    socket,
    /** Whether every theme counts `screens` armed screens out of `screens` online. */
    armed: (screens: number) =>
      themes.length > 0 &&
      themes.every((t) => t.armed.ready >= screens && t.armed.total >= screens),
    async press(key: string, timeoutMs = 10_000) {
      const reply = await socket.timeout(timeoutMs).emitWithAck('activate', { key });
      if (!reply.ok) throw new Error(`activate ${key}: ${reply.error}`);
      return reply.data;
    },
  };
}

/** The machine the figures were taken on, and how busy it was. */
export function machineFacts(loadAtStart: number) {
  return {
    platform: `${platform()} ${release()}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemGB: round(totalmem() / 2 ** 30),
    freeMemGBAtStart: round(freemem() / 2 ** 30),
    loadAverageAtStart: round(loadAtStart, 2),
    loadAverageAtEnd: round(loadavg()[0] ?? 0, 2),
    node: process.version,
    note: 'controllers, simulated screens and this process share the machine; loopback only',
  };
}

/** Writes a benchmark's report as formatted JSON. */
export async function writeReport(out: string, report: unknown): Promise<void> {
  await mkdir(dirname(out), { recursive: true });
  const config = (await resolveConfig(out)) ?? {};
  await writeFile(out, await format(JSON.stringify(report), { ...config, filepath: out }));
}
