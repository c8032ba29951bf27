import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';

/** A real redis-server (Debian's) on a free loopback port, for the cluster tests and benchmark. */
export interface TestRedis {
  port: number;
  url: string;
  /** The running server's process id (undefined while it is down). */
  readonly pid: number | undefined;
  /** Kills it the hard way (data without persistence is gone, as after a crash). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolvePort(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function waitForPing(url: string, deadline: number): Promise<void> {
  for (;;) {
    const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 500 } });
    client.on('error', () => undefined);
    // A client whose connection failed is already closed, and destroying it again throws.
    const drop = () => {
      if (client.isOpen) client.destroy();
    };
    try {
      await client.connect();
      await client.ping();
      drop();
      return;
    } catch {
      drop();
      if (Date.now() > deadline) throw new Error(`redis-server on ${url} did not answer`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'hallcue-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';
  const redis: TestRedis = {
    port,
    url,
    get pid() {
      return child?.pid;
    },
    async start() {
      child = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--dir',
          dir,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child.stdout?.on(
        'data',
        (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)),
      );
      child.once('error', (error) => (output += String(error)));
      try {
        await waitForPing(url, Date.now() + 10_000);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
      }
    },
    async kill() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((done) => {
        running.once('exit', () => done());
        running.kill('SIGKILL');
      });
    },
    async stop() {
      await redis.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}
