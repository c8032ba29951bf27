/**
 * Simulated screens for the switch benchmark (bench/switch-bench.ts), run as a child process:
 *
 *   node --import tsx bench/sim-screens.ts --url URL --count N --prefix P
 *
 * Connects N socket.io-client screens named `sim-P-i` to the controller's /screen namespace and,
 * for each press (every state newer than the one received on connecting), reports `presented`
 * at the press's startAt (or, late or in flip-on-receipt mode, on receipt plus a small random
 * decode time), as a real screen does. They report no
 * receivedAt/readyAt, so they never feed the controller's lead estimate: the real pages do.
 * They do not run the clock exchange: they share this machine's clock with the controller.
 *
 * Talks to the parent over the fork IPC channel (messages below) and exits when it is told to
 * stop or when the channel closes (the parent died).
 */
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
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
  | { type: 'stats'; revisions: Record<string, SimRevisionStats>; disconnects: number };

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
    if (message.type === 'stats') send({ type: 'stats', revisions, disconnects });
    else if (message.type === 'stop') stop();
  });

  function connectOne(i: number): Promise<void> {
    const socket: SimSocket = io(`${url}${SCREEN_NAMESPACE}`, {
      transports: ['websocket'],
      auth: { name: `sim-${values.prefix}-${i}` },
      reconnection: false,
      forceNew: true,
      timeout: 30_000,
    });
    sockets.push(socket);
    let baseline: number | null = null;
    socket.on('state', (state) => {
      const receivedAt = now();
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
      setTimeout(() => {
        socket.emit('presented', { revision: state.revision, presentedAt: flipAt });
      }, flipAt - now());
    });
    socket.on('disconnect', () => {
      if (!stopping) disconnects += 1;
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
