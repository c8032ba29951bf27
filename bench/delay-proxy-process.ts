/**
 * The switch benchmark's delaying TCP proxy, in its own process: every chunk, in each direction,
 * waits a random 0–max ms, order kept. The benchmark's own event loop, busy with Playwright, was
 * measured stalling for 350–570 ms at the first press (50–190 ms at later ones); a proxy sharing
 * it held every page's traffic for that long. Here nothing else runs beside it.
 *
 *   node --import tsx bench/delay-proxy-process.ts --target PORT --max-delay MS
 *
 * Tells its parent `{ type: 'ready', port }` over the fork IPC channel and exits when the channel
 * closes or it is told `{ type: 'stop' }`.
 */
import { fork } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { parseArgs } from 'node:util';

type ProxyToParent = { type: 'ready'; port: number };

function delayedPipe(from: Socket, to: Socket, maxDelayMs: number): void {
  const queue: { due: number; chunk: Buffer }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  let lastDue = 0;
  const drain = () => {
    timer = undefined;
    const t = performance.now();
    while (queue.length > 0 && queue[0]!.due <= t) {
      const { chunk } = queue.shift()!;
      if (!to.destroyed) to.write(chunk);
    }
    if (queue.length > 0) timer = setTimeout(drain, queue[0]!.due - t);
    else if (ended && !to.destroyed) to.end();
  };
  from.on('data', (chunk: Buffer) => {
    // Never before the previous chunk: a stream must stay in order.
    const due = Math.max(lastDue, performance.now() + Math.random() * maxDelayMs);
    lastDue = due;
    queue.push({ due, chunk });
    timer ??= setTimeout(drain, due - performance.now());
  });
  from.on('end', () => {
    ended = true;
    if (queue.length === 0 && !to.destroyed) to.end();
  });
  from.on('close', () => {
    if (timer && to.destroyed) clearTimeout(timer);
  });
}

function serve(targetPort: number, maxDelayMs: number): Promise<Server> {
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) s.setNoDelay(true);
    delayedPipe(client, upstream, maxDelayMs);
    delayedPipe(upstream, client, maxDelayMs);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

export interface DelayProxy {
  url: string;
  close(): Promise<void>;
}

/** Starts the proxy process in front of `targetPort` on 127.0.0.1. */
export async function startDelayProxyProcess(
  targetPort: number,
  maxDelayMs: number,
): Promise<DelayProxy> {
  const child = fork(
    import.meta.filename,
    ['--target', String(targetPort), '--max-delay', String(maxDelayMs)],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('delay proxy did not start in 30 s')), 30_000);
    child.on('message', (message: ProxyToParent) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      resolve(message.port);
    });
    void exited.then(() => reject(new Error('delay proxy process exited')));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { target: { type: 'string' }, 'max-delay': { type: 'string', default: '30' } },
  });
  const target = Number(values.target);
  const maxDelay = Number(values['max-delay']);
  if (!Number.isInteger(target) || target <= 0) throw new Error('--target must be a port');
  const server = await serve(target, maxDelay);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  const stop = () => process.exit(0);
  process.on('disconnect', stop);
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'stop') stop();
  });
  process.send?.({ type: 'ready', port: address.port } satisfies ProxyToParent);
}

// Run as the child process only, not when the benchmark imports startDelayProxyProcess.
if (process.argv[1] === import.meta.filename && process.send) {
  main().catch((error: unknown) => {
    console.error('delay-proxy-process:', error);
    process.exit(1);
  });
}
