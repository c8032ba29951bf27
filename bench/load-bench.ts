/**
 * Load benchmark: `npm run bench:load -- --screens 2000`.
 *
 * 1. A controller in its own process (`hallcue controller`, demo packs, fresh temporary data) and
 *    S simulated screens in child processes (bench/sim-screens.ts: the full screen protocol, the
 *    screen page's jittered reconnect, holding every prefetched file).
 * 2. Connect: time until every screen is connected, and until the controller counts every one
 *    armed for every theme (one console watching, as an operator would).
 * 3. Memory: controller RSS and heap (from its /metrics) before any screen and with all of them
 *    connected, each the lowest of several samples (no forced GC); the difference per screen.
 * 4. Switches: P presses about 1.5 s apart; per press, the time from the press to the last
 *    screen receiving it (fan-out), and whether every screen then reported presenting it.
 * 5. Storm: R presses a second for T seconds; then the time until every screen is on the last
 *    revision.
 * 6. Restart: SIGKILL the controller, start it again on the same port and data; the time from
 *    its start until every screen is back on the current revision, and how spread out the
 *    reconnections were.
 * 7. Floor: the same number of screens against a bare Socket.IO server (bench/plain-broadcast.ts)
 *    broadcasting the same state payload with acknowledgements, P times.
 *
 * Every time is measured on this machine's clock (performance.timeOrigin + now(), which all
 * processes here share to about a millisecond). Prints a summary and writes
 * bench/results/load.json. Bounded by --timeout-min; every process and temporary directory is
 * cleaned up.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import type { ScreenState } from '../src-shared/hall-state';
import { SCREEN_NAMESPACE, type ServerToScreenEvents } from '../src-shared/protocol';
import {
  cleanupAll,
  cleanups,
  machineFacts,
  now,
  openConsole,
  scrape,
  settledMemory,
  sleep,
  startFleet,
  summary,
  until,
  writeReport,
} from './bench-kit';
import { spawnController, type ControllerProcess } from './spawned-controller';
import type { ParentToPlain, PlainToParent } from './plain-broadcast';
import { intFlag, round } from './stats';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const RESULTS_FILE = join(BENCH_DIR, 'results', 'load.json');

interface Params {
  screens: number;
  presses: number;
  intervalMs: number;
  stormRate: number;
  stormSeconds: number;
  restart: boolean;
  timeoutMs: number;
  out: string;
}

function readParams(): Params {
  const { values } = parseArgs({
    options: {
      screens: { type: 'string', default: '2000' },
      presses: { type: 'string', default: '20' },
      interval: { type: 'string', default: '1500' },
      'storm-rate': { type: 'string', default: '20' },
      'storm-seconds': { type: 'string', default: '10' },
      'no-restart': { type: 'boolean', default: false },
      'timeout-min': { type: 'string', default: '15' },
      out: { type: 'string', default: RESULTS_FILE },
    },
  });
  return {
    screens: intFlag('screens', values.screens, 1, 5000),
    presses: intFlag('presses', values.presses, 1, 200),
    intervalMs: intFlag('interval', values.interval, 200, 10_000),
    stormRate: intFlag('storm-rate', values['storm-rate'], 1, 100),
    stormSeconds: intFlag('storm-seconds', values['storm-seconds'], 1, 60),
    restart: !values['no-restart'],
    timeoutMs: intFlag('timeout-min', values['timeout-min'], 1, 60) * 60_000,
    out: values.out,
  };
}

/** One extra screen connection that keeps the states it is sent, to replay them to the floor. */
async function probeStates(url: string) {
  const states: ScreenState[] = [];
  const socket: Socket<ServerToScreenEvents> = io(`${url}${SCREEN_NAMESPACE}`, {
    transports: ['websocket'],
    auth: { name: 'bench-probe' },
    reconnection: false,
    forceNew: true,
  });
  socket.on('state', (s) => {
    states.push(s);
    if (states.length === 1) return; // what the hall showed on connecting: not a press
    // Reported like every other screen, so each press's report can complete.
    (socket as unknown as { emit(e: string, p: unknown): void }).emit('presented', {
      revision: s.revision,
      presentedAt: now(),
    });
  });
  await new Promise<void>((resolve) => socket.once('welcome', () => resolve()));
  cleanups.push(() => void socket.close());
  return { states, close: () => socket.close() };
}

// ---------------------------------------------------------------------------------------------
// The floor: a bare Socket.IO broadcast with acknowledgements.

async function startPlain() {
  const child = fork(join(BENCH_DIR, 'plain-broadcast.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const next = <T extends PlainToParent['type']>(type: T) =>
    new Promise<Extract<PlainToParent, { type: T }>>((resolve) => {
      const on = (m: PlainToParent) => {
        if (m.type !== type) return;
        child.off('message', on);
        resolve(m as Extract<PlainToParent, { type: T }>);
      };
      child.on('message', on);
    });
  const { port } = await next('listening');
  return {
    url: `http://127.0.0.1:${port}`,
    async broadcast(state: ScreenState) {
      const done = next('broadcasted');
      child.send({ type: 'broadcast', state } satisfies ParentToPlain);
      return done;
    },
    async memory() {
      const reply = next('memory');
      child.send({ type: 'memory' } satisfies ParentToPlain);
      return reply;
    },
  };
}

// ---------------------------------------------------------------------------------------------

async function run(params: Params) {
  const N = params.screens;
  const root = mkdtempSync(join(tmpdir(), 'hallcue-load-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const dataDir = join(root, 'data');
  const log = (text: string) => process.stdout.write(`${text}\n`);

  let controller: ControllerProcess = await spawnController(dataDir);
  cleanups.push(() => controller.kill());
  const url = controller.url;
  log(`controller ${url} (pid ${controller.child.pid}); ${N} screens`);
  const baseline = await settledMemory(url);

  const operator = await openConsole(url);
  const probe = await probeStates(url);
  const connectStart = now();
  const fleet = startFleet(url, N, 'L');
  const connected = await fleet.connected();
  const connectedMs = now() - connectStart;
  if (connected.connected < N) {
    throw new Error(
      `only ${connected.connected} of ${N} connected: ${connected.errors.join('; ')}`,
    );
  }
  // The probe counts as one more screen holding nothing; armed counts only need the sims.
  await until('every screen armed', async () => (operator.armed(N) ? true : undefined), 120_000);
  const armedMs = now() - connectStart;
  log(`connected in ${round(connectedMs)} ms, armed in ${round(armedMs)} ms`);
  await sleep(1000);
  const loaded = await settledMemory(url);
  const memory = {
    baselineRssBytes: baseline.rss,
    loadedRssBytes: loaded.rss,
    baselineHeapBytes: baseline.heap,
    loadedHeapBytes: loaded.heap,
    rssPerScreenKB: round((loaded.rss - baseline.rss) / N / 1024),
    heapPerScreenKB: round((loaded.heap - baseline.heap) / N / 1024),
  };
  log(`memory per screen: ${memory.rssPerScreenKB} KB RSS, ${memory.heapPerScreenKB} KB heap`);

  // Switches, one at a time.
  const switches: { revision: number; fanOutMs: number; received: number }[] = [];
  for (let i = 0; i < params.presses + 1; i++) {
    const key = String((i % 3) + 1);
    const pressAt = now();
    const { revision } = await operator.press(key);
    const stats = await until(
      `press ${revision} reaching every screen`,
      async () => {
        const s = await fleet.stats();
        return (s.received[revision]?.count ?? 0) >= N ? s : undefined;
      },
      30_000,
    );
    const r = stats.received[revision]!;
    // The first press warms caches (prepared statements, JIT): recorded but not counted.
    if (i > 0) switches.push({ revision, fanOutMs: r.lastAt - pressAt, received: r.count });
    await sleep(Math.max(0, params.intervalMs - (now() - pressAt)));
  }
  const lastSwitch = switches.at(-1)!.revision;
  await until(
    'every screen reporting the last press presented',
    async () => {
      const m = await scrape(url);
      return (m.get('hallcue_switch_fanout_seconds_count') ?? 0) >= params.presses + 1
        ? true
        : undefined;
    },
    15_000,
  ).catch(() => log('not every press got a presented report from every screen'));
  const presentedAll = (await scrape(url)).get('hallcue_switch_fanout_seconds_count') ?? 0;
  const fanOut = summary(switches.map((s) => s.fanOutMs));
  log(`switch fan-out: p50 ${fanOut.p50} ms, p95 ${fanOut.p95} ms (last revision ${lastSwitch})`);

  // Storm.
  let storm: Record<string, unknown>;
  try {
    storm = await runStorm();
  } catch (error) {
    storm = { error: error instanceof Error ? error.message : String(error) };
    log(`storm failed: ${String(storm.error)}`);
    log(
      `controller exit: ${controller.child.exitCode ?? controller.child.signalCode ?? 'running'}`,
    );
    log(`controller output (tail):\n${controller.output().slice(-3000)}`);
  }
  async function runStorm() {
    const stormPresses = params.stormRate * params.stormSeconds;
    const stormStart = now();
    const acks: Promise<{ revision: number }>[] = [];
    const ackMs: number[] = [];
    for (let i = 0; i < stormPresses; i++) {
      const sentAt = now();
      // A generous timeout: on an overloaded machine answers queue behind the fan-out; how long
      // they took is part of the result.
      const answered = operator.press(String((i % 3) + 1), 120_000).then((a) => {
        ackMs.push(now() - sentAt);
        return a;
      });
      // Handled at once: a lost console must fail the storm phase, not crash the benchmark.
      answered.catch(() => undefined);
      acks.push(answered);
      await sleep(stormStart + ((i + 1) * 1000) / params.stormRate - now());
    }
    const stormEnd = now();
    const stormAcks = await Promise.all(acks);
    const stormLast = Math.max(...stormAcks.map((a) => a.revision));
    const settled = await until(
      'every screen on the storm’s last revision',
      async () => {
        const s = await fleet.stats();
        return s.showing[stormLast] === N ? s : undefined;
      },
      60_000,
    );
    const result = {
      presses: stormPresses,
      acknowledged: stormAcks.length,
      seconds: round((stormEnd - stormStart) / 1000, 2),
      pressAnswerMs: summary(ackMs),
      lastRevision: stormLast,
      everyScreenOnLast: settled.showing[stormLast] === N,
      settleAfterLastPressMs: round(now() - stormEnd),
    };
    log(`storm: ${result.presses} presses in ${result.seconds} s; every screen on ${stormLast}`);
    return result;
  }

  // Restart.
  let restart: Record<string, unknown> | null = null;
  if (params.restart) {
    try {
      restart = await runRestart();
    } catch (error) {
      restart = { error: error instanceof Error ? error.message : String(error) };
      log(`restart failed: ${String(restart.error)}`);
    }
  }
  async function runRestart() {
    await controller.kill('SIGKILL');
    const killedAt = now();
    await until(
      'screens noticing',
      async () => ((await fleet.stats()).online === 0 ? true : undefined),
      30_000,
    );
    controller = await spawnController(dataDir, controller.port);
    const upAt = now();
    const health = (await (await fetch(`${url}/api/health`)).json()) as { revision: number };
    const back = await until(
      'every screen back on the current revision',
      async () => {
        const s = await fleet.stats();
        return s.online === N && s.showing[health.revision] === N ? s : undefined;
      },
      60_000,
    );
    const allBackMs = now() - upAt;
    const times = back.reconnectedAt.filter((t) => t >= upAt).map((t) => t - upAt);
    const figures = {
      revisionAfterRestart: health.revision,
      lastAcknowledged: storm.lastRevision ?? null,
      controllerStartMs: round(upAt - killedAt),
      allBackOnCurrentRevisionMs: round(allBackMs),
      reconnectMs: summary(times),
      reconnectsPer250ms: Math.max(
        ...Object.values(
          times.reduce<Record<number, number>>((acc, t) => {
            acc[Math.floor(t / 250)] = (acc[Math.floor(t / 250)] ?? 0) + 1;
            return acc;
          }, {}),
        ),
      ),
    };
    log(
      `restart: every screen back on revision ${health.revision} ${round(allBackMs)} ms after the controller was up`,
    );
    return figures;
  }
  await fleet.stop();
  const replay = probe.states.filter((s) => s.presentation !== null);
  probe.close();
  await controller.kill('SIGTERM');

  // Floor.
  const plain = await startPlain();
  const plainFleet = startFleet(plain.url, N, 'P');
  const plainConnected = await plainFleet.connected();
  if (plainConnected.connected < N) throw new Error('plain: not every screen connected');
  await sleep(1000);
  const plainRuns: { fanOutMs: number; ackMs: number; acks: number }[] = [];
  for (let i = 0; i < params.presses + 1; i++) {
    const template = replay[i % replay.length]!;
    const revision = 1_000_000 + i;
    const done = await plain.broadcast({ ...template, revision });
    const stats = await until(
      `plain broadcast ${revision} reaching every screen`,
      async () => {
        const s = await plainFleet.stats();
        return (s.received[revision]?.count ?? 0) >= N ? s : undefined;
      },
      30_000,
    );
    if (i > 0) {
      plainRuns.push({
        fanOutMs: stats.received[revision]!.lastAt - done.startedAt,
        ackMs: done.ackedAt - done.startedAt,
        acks: done.acks,
      });
    }
    await sleep(params.intervalMs);
  }
  const plainMemory = await plain.memory();
  await plainFleet.stop();
  const floor = {
    fanOutMs: summary(plainRuns.map((r) => r.fanOutMs)),
    allAckedMs: summary(plainRuns.map((r) => r.ackMs)),
    everyAck: plainRuns.every((r) => r.acks === N),
    rssBytes: plainMemory.rss,
  };
  log(
    `floor: fan-out p50 ${floor.fanOutMs.p50} ms, p95 ${floor.fanOutMs.p95} ms; all acks p95 ${floor.allAckedMs.p95} ms`,
  );

  const ratio =
    fanOut.p95 !== null && floor.fanOutMs.p95 ? round(fanOut.p95 / floor.fanOutMs.p95, 2) : null;
  return {
    connect: { screens: N, connectedMs: round(connectedMs), armedMs: round(armedMs) },
    memory,
    switches: {
      presses: switches.length,
      fanOutMs: fanOut,
      everyScreenReceivedEveryPress: switches.every((s) => s.received >= N),
      pressesEveryScreenReportedPresented: presentedAll,
    },
    storm,
    restart,
    floor,
    targets: {
      memoryPerScreenKB: {
        target: 40,
        rss: memory.rssPerScreenKB,
        heap: memory.heapPerScreenKB,
        met: (memory.rssPerScreenKB ?? Infinity) <= 40,
      },
      fanOutP95VsFloor: { target: 1.25, ratio, met: ratio !== null && ratio <= 1.25 },
      stormEndsOnLastRevision: { met: storm.everyScreenOnLast === true },
    },
  };
}

async function main() {
  const params = readParams();
  const deadline = setTimeout(() => {
    console.error(`bench:load: gave up after ${params.timeoutMs / 60_000} min`);
    void cleanupAll().then(() => process.exit(2));
  }, params.timeoutMs);
  const startedAt = new Date().toISOString();
  const load1 = loadavg()[0];
  try {
    const results = await run(params);
    const report = {
      benchmark: 'load',
      startedAt,
      params,
      machine: machineFacts(load1 ?? 0),
      results,
    };
    await writeReport(params.out, report);
    process.stdout.write(`\n${JSON.stringify(results.targets, null, 2)}\nwrote ${params.out}\n`);
  } finally {
    clearTimeout(deadline);
    await cleanupAll();
  }
}

main().catch((error: unknown) => {
  console.error('bench:load failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
