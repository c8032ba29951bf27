import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startRedis, type TestRedis } from '../../bench/redis-server';
import {
  startController,
  type Controller,
  type ControllerOptions,
} from '../../src-controller/server/controller';
import { silentLogger } from '../../src-controller/server/logger';
import { connectScreen, sleep, type TestScreen } from './clients';
import { TEST_ADMIN } from './controller';
import { writeDemoFolder } from './packs';

export interface NodeOptions extends Partial<ControllerOptions> {
  /** Start with the demo packs (default) or an empty library. */
  demo?: boolean;
  /** The node's folder (its `data` folder and demo packs go inside); a fresh one by default. */
  root?: string;
}

/**
 * A real redis-server for the test file, and real controller nodes on loopback with their own
 * data folders (SQLite + file store). Registers the hooks that start Redis before the file's
 * tests and close every node, screen and folder after each test.
 */
export function useCluster(hallPrefix: string) {
  let redis: TestRedis | undefined;
  const roots: string[] = [];
  const nodes: Controller[] = [];
  const screens: TestScreen[] = [];
  let halls = 0;

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    for (const s of screens.splice(0)) s.close();
    for (const node of nodes.splice(0)) await node.close().catch(() => undefined);
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  const newRoot = () => {
    const root = mkdtempSync(join(tmpdir(), `hallcue-${hallPrefix}-`));
    roots.push(root);
    return root;
  };

  return {
    get redis(): TestRedis {
      if (!redis) throw new Error('useCluster: Redis is started in beforeAll');
      return redis;
    },
    roots,
    nodes,
    screens,
    newRoot,
    /** A fresh hall id per test, so tests on the one Redis never see each other's halls. */
    newHallId: () => `${hallPrefix}-${process.pid}-${++halls}`,

    async startNode(hallId: string, options: NodeOptions = {}): Promise<Controller> {
      const { demo = true, root = newRoot(), ...extra } = options;
      const node = await startController({
        dataDir: join(root, 'data'),
        port: 0,
        host: '127.0.0.1',
        demoPacksDir: demo ? writeDemoFolder(root) : null,
        logger: silentLogger(),
        leadMs: 50,
        initialAdmin: TEST_ADMIN,
        programmeTickMs: 0,
        cluster: { redisUrl: this.redis.url, hallId, heartbeatMs: 300 },
        ...extra,
      });
      nodes.push(node);
      return node;
    },

    screenOn(node: Controller, name: string): TestScreen {
      const screen = connectScreen(node.url, { name });
      screens.push(screen);
      return screen;
    },
  };
}

/**
 * Waits until `check` holds. The bound is generous: nodes hear of each other through Redis on
 * heartbeats, and a busy CI machine can stretch a heartbeat well past its interval.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
