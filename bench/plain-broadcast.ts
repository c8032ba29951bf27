/**
 * The floor for bench/load-bench.ts, run as a child process: a bare Socket.IO server with the
 * controller's transport settings and no HallCue logic. Screens (bench/sim-screens.ts) connect to
 * its /screen namespace, get a welcome and a first state, and on each `broadcast` message from
 * the parent the server emits one `state` to all of them with acknowledgements, reporting when it
 * started and when the last acknowledgement came back.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

export type PlainToParent =
  | { type: 'listening'; port: number }
  | {
      type: 'broadcasted';
      revision: number;
      startedAt: number;
      ackedAt: number;
      acks: number;
      timedOut: boolean;
    }
  | { type: 'memory'; rss: number; heapUsed: number; clients: number };

export type ParentToPlain =
  | { type: 'broadcast'; state: { revision: number } & Record<string, unknown> }
  | { type: 'memory' }
  | { type: 'stop' };

const now = () => performance.timeOrigin + performance.now();
const send = (message: PlainToParent) => process.send?.(message);

const http = createServer();
const io = new Server(http, {
  serveClient: false,
  maxHttpBufferSize: 64 * 1024,
  pingInterval: 10_000,
  pingTimeout: 8_000,
});
const screens = io.of('/screen');
let current: Record<string, unknown> = { revision: 0, startAt: 0, presentation: null };
screens.on('connection', (socket) => {
  socket.emit('welcome', {
    screenId: socket.id,
    name: 'plain',
    approved: true,
    hallId: 'plain',
    hallName: { zh: '基准', en: 'Floor' },
  });
  socket.emit('state', current);
  // The sims report what they show; a bare server only needs to swallow it.
  socket.on('presented', () => undefined);
  socket.on('holding', () => undefined);
});

process.on('message', (message: ParentToPlain) => {
  if (message.type === 'broadcast') {
    current = message.state;
    const startedAt = now();
    screens.timeout(15_000).emit('state', current, (error: Error | null, acks: unknown[]) => {
      send({
        type: 'broadcasted',
        revision: message.state.revision,
        startedAt,
        ackedAt: now(),
        acks: acks?.length ?? 0,
        timedOut: error !== null,
      });
    });
  } else if (message.type === 'memory') {
    const { rss, heapUsed } = process.memoryUsage();
    send({ type: 'memory', rss, heapUsed, clients: screens.sockets.size });
  } else if (message.type === 'stop') {
    void io.close();
    setTimeout(() => process.exit(0), 200).unref();
  }
});
process.on('disconnect', () => process.exit(0));

http.listen(0, '127.0.0.1', () => {
  send({ type: 'listening', port: (http.address() as AddressInfo).port });
});
