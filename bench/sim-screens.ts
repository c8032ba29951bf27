/**
 * Simulated screens for the benchmarks (bench/switch-bench.ts, bench/load-bench.ts) and the fault
 * tests (tests/integration/faults-*.test.ts), run as a child process:
 *
 *   node --import tsx bench/sim-screens.ts --url URL --count N --prefix P [--reconnect] [--hold]
 *
 * Connects N socket.io-client screens named `sim-P-i` to the controller's /screen namespace and,
 * for each press (every state newer than the one received on connecting), reports `presented`
 * at the press's startAt (or, late or in flip-on-receipt mode, on receipt plus a small random
 * decode time), as a real screen does. They report no
 * receivedAt/readyAt, so they never feed the controller's lead estimate: the real pages do.
 * They do not run the clock exchange: they share this machine's clock with the controller.
 *
 * `--reconnect` makes them reconnect the way the screen page does (src-shared/reconnect.ts:
 * jittered backoff), presenting the key issued on their first connection. `--hold` makes them
 * report holding every file of each prefetch list at once, without downloading it, so the
 * controller counts them armed: the load benchmark measures the controller, not file transfer.
 *
 * Talks to the parent over the fork IPC channel (messages below) and exits when it is told to
 * stop or when the channel closes (the parent died).
 */
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { SCREEN_RECONNECT } from '../src-shared/reconnect';
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
    };

export type ParentToSim = { type: 'stats' } | { type: 'stop' };

type SimSocket = Socket<ServerToScreenEvents, ScreenToServerEvents>;

const now = () => performance.timeOrigin + performance.now();

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
  const url = values.url;
  const count = Number(values.count);
  const maxDelay = Number(values['max-delay']);
  const concurrency = Math.max(1, Number(values.concurrency));

  const sockets: SimSocket[] = [];
  const revisions: Record<string, SimRevisionStats> = {};
  const errors: string[] = [];
  /** Per sim, the newest revision it received (what it would be showing). */
  const shown: number[] = [];
  const reconnectedAt: number[] = [];
  let maxSeen = 0;
  let disconnects = 0;
  let failed = 0;
  let stopping = false;

  const stop = () => {
    if (stopping) return;
    stopping = true;
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
      send({
        type: 'stats',
        revisions,
        disconnects,
        online: sockets.filter((s) => s.connected).length,
        showing,
        maxSeen,
        reconnectedAt,
      });
    } else if (message.type === 'stop') stop();
  });

  function connectOne(i: number): Promise<void> {
    const name = `sim-${values.prefix}-${i}`;
    let key: string | undefined;
    const socket: SimSocket = io(`${url}${SCREEN_NAMESPACE}`, {
      transports: ['websocket'],
      // A function, so every reconnection presents the key issued on the first connection.
      auth: (cb) => cb(key ? { name, key } : { name }),
      ...(values.reconnect ? SCREEN_RECONNECT : { reconnection: false }),
      forceNew: true,
      timeout: 30_000,
    });
    sockets.push(socket);
    let baseline: number | null = null;
    let pendingFlip: NodeJS.Timeout | undefined;
    let lostConnection = false;
    socket.on('welcome', (welcome) => {
      key ??= welcome.key;
      if (lostConnection) reconnectedAt.push(now());
      lostConnection = false;
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
      // The first state is what the hall showed when this sim joined: not a press.
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
      // A newer press before this one's flip replaces it, as on a real screen: during a storm of
      // presses a screen shows (and reports) only the ones it actually flips to.
      clearTimeout(pendingFlip);
      pendingFlip = setTimeout(() => {
        socket.emit('presented', { revision: state.revision, presentedAt: flipAt });
      }, flipAt - now());
    });
    socket.on('disconnect', () => {
      if (!stopping) disconnects += 1;
      lostConnection = true;
    });
    return new Promise((resolve) => {
      socket.once('welcome', () => resolve());
      socket.once('connect_error', (error) => {
        failed += 1;
        if (errors.length < 5) errors.push(error.message);
        resolve();
      });
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
