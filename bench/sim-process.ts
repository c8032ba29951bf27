/**
 * The parent side of bench/sim-screens.ts: forks a process of simulated screens and talks to it
 * over the IPC channel. Used by the benchmarks and the fault tests.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import type { ParentToSim, SimToParent } from './sim-screens';

const SIM_SCRIPT = join(import.meta.dirname, 'sim-screens.ts');

export interface SimOptions {
  /** Reconnect like the screen page does (jittered backoff). */
  reconnect?: boolean;
  /** Report holding every prefetched file, so the controller counts the sims armed. */
  hold?: boolean;
  /** How many connections to open at once while connecting. */
  concurrency?: number;
  /**
   * Scheduling priority (`nice`, 0–19). The sims stand for screens on machines of their own;
   * where the figures measured are other processes on the same cores (the real screen pages),
   * a positive value keeps the sims' work from crowding them. The process then gets a session
   * of its own, and the nice value is given to that session's autogroup as well (see
   * `yieldCpu`).
   */
  nice?: number;
}

export interface SimProcess {
  child: ChildProcess;
  /** Whether the process's autogroup got its nice value too (see yieldCpu); false when not niced. */
  autogroupNiced: boolean;
  connected: Promise<Extract<SimToParent, { type: 'connected' }>>;
  stats(): Promise<Extract<SimToParent, { type: 'stats' }>>;
  stop(): Promise<void>;
}

/**
 * Forks `count` simulated screens following `url`, or, given several URLs (the nodes of a
 * cluster), following one at a time and failing over between them as screens do.
 */
export function startSimProcess(
  url: string | readonly string[],
  count: number,
  prefix: string,
  options: SimOptions = {},
): SimProcess {
  const urls = typeof url === 'string' ? url : url.join(',');
  const args = ['--url', urls, '--count', String(count), '--prefix', prefix];
  if (options.reconnect) args.push('--reconnect');
  if (options.hold) args.push('--hold');
  if (options.concurrency !== undefined) args.push('--concurrency', String(options.concurrency));
  const child = fork(SIM_SCRIPT, args, {
    execArgv: [
      ...(process.env.HC_PROF && !process.env.HC_PROF_NO_SIMS
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.HC_PROF}`]
        : []),
      '--import',
      'tsx',
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // A session of its own, so that its autogroup holds only the sims (see yieldCpu).
    detached: options.nice !== undefined,
  });
  const autogroupNiced =
    options.nice !== undefined && child.pid !== undefined && yieldCpu(child.pid, options.nice);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitFor = <T extends SimToParent['type']>(type: T, timeoutMs: number) =>
    new Promise<Extract<SimToParent, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`sim process ${prefix}: no '${type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: SimToParent) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message as Extract<SimToParent, { type: T }>);
      };
      child.on('message', onMessage);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`sim process ${prefix} exited`));
      });
    });
  const post = (message: ParentToSim) => {
    if (child.connected) child.send(message);
  };
  const connected = waitFor('connected', 180_000);
  connected.catch(() => undefined);
  return {
    child,
    autogroupNiced,
    connected,
    stats() {
      const reply = waitFor('stats', 10_000);
      post({ type: 'stats' });
      return reply;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      post({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Lowers a process's share of the CPU. With the kernel's autogroup scheduling on
 * (`/proc/sys/kernel/sched_autogroup_enabled`, on by default in Debian), a nice value only
 * weighs against processes of the same session: a niced process in one session still gets as
 * much as the whole of another session. Chromium starts in a session of its own, so sims niced
 * inside the benchmark's session took their full share against the screen pages (perf sched
 * trace, 2026-12-06: 26 % of both cores in the 25 ms after a press). The process must lead its
 * own session (`detached`); its autogroup then gets the same nice value.
 */
function yieldCpu(pid: number, nice: number): boolean {
  setPriority(pid, nice);
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(nice));
    return true;
  } catch {
    // No autogroups here (another OS, or a kernel without them): the nice value is all there is.
    return false;
  }
}
