/**
 * Simulated screens for the benchmarks (bench/switch-bench.ts, bench/load-bench.ts) and the fault
 * tests (tests/integration/faults-*.test.ts), run as a child process:
 *
 *   node --import tsx bench/sim-screens.ts --url URL[,URL...] --count N --prefix P [--reconnect] [--hold]
 *
 * Connects N socket.io-client screens named `sim-P-i` to the controller's /screen namespace and,
 * for each press (every state newer than the one received on connecting), reports `presented`
 * for a flip at the press's startAt (or, late or in flip-on-receipt mode, on receipt plus a small
 * random decode time), as a real screen does, sending it within src-shared/report-spread.ts's
 * window after the flip. They report no
 * receivedAt/readyAt, so they never feed the controller's lead estimate: the real pages do.
 * They do not run the clock exchange: they share this machine's clock with the controller.
 *
 * `--reconnect` makes them reconnect the way the screen page does (src-shared/reconnect.ts:
 * jittered backoff), presenting the key issued on their first connection. `--hold` makes them
 * report holding every file of each prefetch list at once, without downloading it, so the
 * controller counts them armed: the load benchmark measures the controller, not file transfer.
 *
 * Given several URLs (the nodes of a cluster), each sim follows one node at a time and fails over
 * as the screen page does (src-shared/failover.ts: its own order by name, jittered moves), and
 * reconnects as with `--reconnect`. The stats say how many sims each node holds.
 *
 * Talks to the parent over the fork IPC channel (messages below) and exits when it is told to
 * stop or when the channel closes (the parent died).
 */
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { ControllerRotation, parseControllerUrls, SCREEN_FAILOVER } from '../src-shared/failover';
import { SCREEN_RECONNECT } from '../src-shared/reconnect';
import { presentedReportDelayMs } from '../src-shared/report-spread';
import {
  SCREEN_NAMESPACE,
  type ScreenToServerEvents,
  type ServerToScreenEvents,
} from '../src-shared/protocol';

/** Per revision: how many sims received it, and the first and last receipt (epoch-like ms). */
export interface SimRevisionStats {
  count: number;
  firstAt: number;
  lastAt: number;
}

export type SimToParent =
  | { type: 'connected'; connected: number; failed: number; errors: string[] }
  | {
      type: 'stats';
      revisions: Record<string, SimRevisionStats>;
      disconnects: number;
      /** Sims connected right now. */
      online: number;
      /** How many sims hold each revision as their newest state (what they would show). */
      showing: Record<string, number>;
      /** The newest revision any sim ever received. */
      maxSeen: number;
      /** When sims got back in after losing their connection (epoch-like ms). */
      reconnectedAt: number[];
      /** Connected sims per controller URL. */
      byController: Record<string, number>;
      /** How many times a sim gave up on one controller and moved to the next. */
      failovers: number;
      /** CPU time this process has used (user + system, ms). */
      cpuMs: number;
    };

export type ParentToSim = { type: 'stats' } | { type: 'stop' };

type SimSocket = Socket<ServerToScreenEvents, ScreenToServerEvents>;

const now = () => performance.timeOrigin + performance.now();

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function send(message: SimToParent): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      count: { type: 'string', default: '500' },
      prefix: { type: 'string', default: '0' },
      'max-delay': { type: 'string', default: '4' },
      concurrency: { type: 'string', default: '25' },
      reconnect: { type: 'boolean', default: false },
      hold: { type: 'boolean', default: false },
    },
  });
  if (!values.url) throw new Error('--url is required');
  const { urls, problems } = parseControllerUrls(values.url.split(',').filter((u) => u.trim()));
  if (problems.length > 0 || urls.length === 0) {
    throw new Error(`--url: ${problems.join('; ') || 'no URL'}`);
  }
  const failingOver = urls.length > 1;
  const reconnect = values.reconnect || failingOver;
  const count = Number(values.count);
  const maxDelay = Number(values['max-delay']);
  const concurrency = Math.max(1, Number(values.concurrency));

  /** Each sim's current socket (replaced when it fails over). */
  const sockets: SimSocket[] = [];
  const rotations: ControllerRotation[] = [];
  let failovers = 0;
  const revisions: Record<string, SimRevisionStats> = {};
  const errors: string[] = [];
  /** Per sim, the newest revision it received (what it would be showing). */
  const shown: number[] = [];
  const reconnectedAt: number[] = [];
  let maxSeen = 0;
  let disconnects = 0;
  let failed = 0;
  let stopping = false;

  /** Per sim, a move to its next controller that is due (failover), run by one shared timer. */
  const moves: (() => void)[] = [];
  const failoverCheck = setInterval(() => {
    for (const move of moves) move();
  }, 500);

  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(failoverCheck);
    for (const socket of sockets) socket.close();
    // Give the close frames a moment to leave, then go.
    setTimeout(() => process.exit(0), 200).unref();
  };
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('message', (message: ParentToSim) => {
    if (message.type === 'stats') {
      const showing: Record<string, number> = {};
      for (const revision of shown) showing[revision] = (showing[revision] ?? 0) + 1;
      const byController: Record<string, number> = {};
      sockets.forEach((socket, i) => {
        if (!socket.connected) return;
        const url = rotations[i]?.current ?? urls[0] ?? '';
        byController[url] = (byController[url] ?? 0) + 1;
      });
      send({
        type: 'stats',
        revisions,
        disconnects,
        online: sockets.filter((s) => s.connected).length,
        showing,
        maxSeen,
        reconnectedAt,
        byController,
        failovers,
        cpuMs: cpuMs(),
      });
    } else if (message.type === 'stop') stop();
  });

  function connectOne(i: number): Promise<void> {
    const name = `sim-${values.prefix}-${i}`;
    const rotation = new ControllerRotation(urls, name, Date.now(), SCREEN_FAILOVER);
    rotations[i] = rotation;
    let key: string | undefined;
    let baseline: number | null = null;
    let pendingFlip: NodeJS.Timeout | undefined;
    let lostConnection = false;
    let moving = false;
    /** Nodes given up on before this sim first got in. */
    let tried = 0;
    let settle: (() => void) | null = null;

    const moveIfDue = () => {
      if (stopping || moving || !rotation.shouldMove(Date.now())) return;
      moving = true;
      failovers += 1;
      const { url: nextUrl, delayMs } = rotation.advance(Date.now(), Math.random);
      const old = sockets[i];
      old?.removeAllListeners();
      old?.close();
      // A sim that never got in counts as failed once it has tried every node.
      if (settle && ++tried >= rotation.order.length) {
        failed += 1;
        settle();
      }
      setTimeout(() => {
        moving = false;
        if (!stopping) open(nextUrl);
      }, delayMs);
    };
    if (failingOver) moves.push(moveIfDue);

    const open = (url: string) => {
      const socket: SimSocket = io(`${url}${SCREEN_NAMESPACE}`, {
        transports: ['websocket'],
        // A function, so every reconnection (and every node) presents the key issued last.
        auth: (cb) => cb(key ? { name, key } : { name }),
        ...(reconnect ? SCREEN_RECONNECT : { reconnection: false }),
        forceNew: true,
        timeout: 30_000,
      });
      sockets[i] = socket;
      socket.io.on('open', () => {
        if (sockets[i] === socket) rotation.answered(Date.now());
      });
      socket.on('connect', () => rotation.connected());
      socket.on('welcome', (welcome) => {
        key = welcome.key ?? key;
        if (lostConnection) reconnectedAt.push(now());
        lostConnection = false;
        settle?.();
      });
      if (values.hold) {
        socket.on('prefetch', ({ files }) => {
          socket.emit('holding', { files: files.map((f) => f.sha256) });
        });
      }
      // The plain broadcast floor (bench/plain-broadcast.ts) asks for an acknowledgement; the
      // controller never does.
      (socket as unknown as { on(e: string, f: (...a: unknown[]) => void): void }).on(
        'state',
        (...args) => {
          const ack = args.at(-1);
          if (typeof ack === 'function') (ack as () => void)();
        },
      );
      socket.on('state', (state) => {
        const receivedAt = now();
        if (state.revision > (shown[i] ?? -1)) shown[i] = state.revision;
        maxSeen = Math.max(maxSeen, state.revision);
        // The first state is what the hall showed when this sim joined: not a press. After a
        // failover the new node's first state is one only if it is newer than what is shown.
        if (baseline === null || state.revision <= baseline) {
          baseline ??= state.revision;
          return;
        }
        baseline = state.revision;
        const stats = (revisions[state.revision] ??= {
          count: 0,
          firstAt: receivedAt,
          lastAt: receivedAt,
        });
        stats.count += 1;
        stats.firstAt = Math.min(stats.firstAt, receivedAt);
        stats.lastAt = Math.max(stats.lastAt, receivedAt);
        // Like a real screen: flip at startAt (or at once when that has passed, or in the
        // flip-on-receipt comparison mode), after a small random decode time.
        const decode = Math.random() * maxDelay;
        const flipAt =
          state.flip === 'receipt'
            ? receivedAt + decode
            : Math.max(receivedAt + decode, state.startAt);
        // A newer press before this one's flip replaces it, as on a real screen: during a storm
        // of presses a screen shows (and reports) only the ones it actually flips to.
        clearTimeout(pendingFlip);
        pendingFlip = setTimeout(() => {
          // Reported a moment after the flip, spread as the screen page spreads its reports.
          const report = { revision: state.revision, presentedAt: flipAt };
          setTimeout(() => sockets[i]?.emit('presented', report), presentedReportDelayMs());
        }, flipAt - now());
      });
      socket.on('disconnect', () => {
        if (!stopping) disconnects += 1;
        lostConnection = true;
        rotation.lost(Date.now());
      });
      socket.on('connect_error', (error) => {
        rotation.attemptFailed(Date.now());
        if (settle && errors.length < 5) errors.push(`${url}: ${error.message}`);
        if (failingOver) moveIfDue();
        else if (settle) {
          // While connecting, one refusal is a failed sim (it may still get in later).
          failed += 1;
          settle();
        }
      });
    };

    return new Promise((resolve) => {
      settle = () => {
        settle = null;
        resolve();
      };
      open(rotation.current);
    });
  }

  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count && !stopping) await connectOne(next++);
  });
  await Promise.all(workers);
  send({ type: 'connected', connected: count - failed, failed, errors });
}

main().catch((error: unknown) => {
  console.error('sim-screens:', error);
  process.exit(1);
});
