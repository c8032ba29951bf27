import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimProcess, type SimProcess } from '../../bench/sim-process';
import { failoverOrder } from '../../src-shared/failover';
import { spawnController, type ControllerProcess } from '../helpers/cli';
import { connectConsole, sleep, type ConsoleSocket } from '../helpers/clients';
import { startRedis, type TestRedis } from '../../bench/redis-server';

/**
 * Two controller processes, nodes of one hall through a real redis-server. Simulated screens are
 * given both; one node is killed (SIGKILL) and its screens must move to the other without being
 * told.
 */
const SCREENS = 60;

let dataRoot: string | undefined;
let redis: TestRedis | undefined;
const nodes: ControllerProcess[] = [];
let sims: SimProcess | undefined;
const consoles: ConsoleSocket[] = [];
afterEach(async () => {
  for (const socket of consoles.splice(0)) socket.close();
  await sims?.stop();
  for (const node of nodes.splice(0)) await node.kill();
  await redis?.stop();
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms`);
}

/** How many simulated screens a node's own SQLite knows (what it would welcome). */
function knownScreens(dataDir: string): number {
  const db = new Database(join(dataDir, 'hallcue.db'), { readonly: true });
  try {
    return (
      db.prepare("SELECT COUNT(*) AS n FROM screens WHERE name LIKE 'sim-f-%'").get() as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}

async function press(url: string, key: string): Promise<number> {
  const console = await connectConsole(url);
  consoles.push(console);
  const reply = await console.emitWithAck('activate', { key });
  if (!reply.ok) throw new Error(reply.error);
  return reply.data.revision;
}

describe('simulated screens given two controller nodes', () => {
  it(
    'spread over both, and when one is killed its screens move to the other and stay current',
    { timeout: 90_000 },
    async () => {
      dataRoot = mkdtempSync(join(tmpdir(), 'hallcue-failover-'));
      redis = await startRedis();
      const node = (name: string) =>
        spawnController(join(dataRoot!, name), 0, ['--redis', redis!.url, '--hall', 'sims']);
      const a = await node('a');
      nodes.push(a);
      const b = await node('b');
      nodes.push(b);
      const current = await press(a.url, '2');

      sims = startSimProcess([a.url, b.url], SCREENS, 'f', { reconnect: true });
      expect((await sims.connected).connected).toBe(SCREENS);
      const names = Array.from({ length: SCREENS }, (_, i) => `sim-f-${i}`);
      const onA = names.filter((n) => failoverOrder([a.url, b.url], n)[0] === a.url).length;
      const before = await until(
        'every screen on its first node with the current state',
        async () => {
          const stats = await sims!.stats();
          return stats.showing[current] === SCREENS ? stats : undefined;
        },
        10_000,
      );
      // Each screen starts on the first node of its own order: both nodes get some.
      expect(before.byController).toEqual({ [a.url]: onA, [b.url]: SCREENS - onA });
      expect(onA).toBeGreaterThan(SCREENS / 4);
      expect(onA).toBeLessThan((SCREENS * 3) / 4);

      // Screens of a real hall were paired long before a node dies: wait until B has them all from
      // the shared registry (a pairing made in A's last moment is a different story).
      await until(
        'every screen known to node b',
        async () => (knownScreens(join(dataRoot!, 'b')) === SCREENS ? true : undefined),
        10_000,
      );
      const killedAt = performance.timeOrigin + performance.now();
      await a.kill('SIGKILL');
      const after = await until(
        'every screen back online on the surviving node',
        async () => {
          const stats = await sims!.stats();
          return stats.online === SCREENS && stats.byController[b.url] === SCREENS
            ? stats
            : undefined;
        },
        30_000,
      );
      // They kept what they showed: the same revision, not re-counted as a press.
      expect(after.showing).toEqual({ [current]: SCREENS });
      expect(after.revisions[current]).toBeUndefined();
      expect(after.failovers).toBeGreaterThanOrEqual(onA);
      // Jittered moves: A's screens reached B spread out, not in one burst.
      const arrivals = after.reconnectedAt.filter((t) => t >= killedAt);
      expect(arrivals.length).toBe(onA);
      expect(new Set(arrivals.map((t) => Math.floor(t / 250))).size).toBeGreaterThanOrEqual(3);

      // And the surviving node runs the hall for all of them.
      const next = await press(b.url, '3');
      await until(
        'every screen on the press made on the surviving node',
        async () => ((await sims!.stats()).showing[next] === SCREENS ? true : undefined),
        15_000,
      );
    },
  );
});
