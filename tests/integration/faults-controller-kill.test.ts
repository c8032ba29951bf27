import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimProcess, type SimProcess } from '../../bench/sim-process';
import { connectConsole, sleep, type ConsoleSocket } from '../helpers/clients';
import { spawnController, type ControllerProcess } from '../helpers/cli';

/**
 * The controller is killed (SIGKILL, no chance to tidy up) in the middle of a storm of presses
 * with 200 simulated screens connected (the 1,000-screen figure is in bench/README-load.md).
 */
const SCREENS = 200;

let dataRoot: string | undefined;
let controller: ControllerProcess | undefined;
let sims: SimProcess | undefined;
let console: ConsoleSocket | undefined;
afterEach(async () => {
  console?.close();
  await sims?.stop();
  await controller?.kill();
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
});

function savedState(dataDir: string) {
  const db = new Database(join(dataDir, 'hallcue.db'), { readonly: true });
  try {
    return db.prepare('SELECT revision, theme_key AS themeKey FROM hall_state').get() as {
      revision: number;
      themeKey: string;
    };
  } finally {
    db.close();
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last !== undefined) return last;
    await sleep(100);
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms`);
}

describe('controller killed during a switch storm', () => {
  it(
    'restarts on the last acknowledged press and every screen comes back onto it',
    { timeout: 90_000 },
    async () => {
      dataRoot = mkdtempSync(join(tmpdir(), 'hallcue-kill-'));
      const dataDir = join(dataRoot, 'data');
      controller = await spawnController(dataDir);
      sims = startSimProcess(controller.url, SCREENS, 'k', { reconnect: true });
      expect((await sims.connected).connected).toBe(SCREENS);
      console = await connectConsole(controller.url);

      // Presses one after another, as fast as they are acknowledged; the kill lands among them.
      const acknowledged: { revision: number; key: string }[] = [];
      let pressing = true;
      const storm = (async () => {
        for (let i = 0; pressing && console!.connected; i++) {
          const key = String((i % 3) + 1);
          try {
            const reply = await console!.timeout(10_000).emitWithAck('activate', { key });
            if (reply.ok) acknowledged.push({ revision: reply.data.revision, key });
          } catch {
            return; // no answer: the controller is gone
          }
          await sleep(20);
        }
      })();
      await until(
        'twenty acknowledged presses',
        async () => (acknowledged.length >= 20 ? true : undefined),
        20_000,
      );
      await controller.kill('SIGKILL');
      pressing = false;
      await storm;

      const last = acknowledged.at(-1)!;
      const saved = savedState(dataDir);
      // At most one press was in flight: committed but its answer lost with the process.
      expect(saved.revision === last.revision || saved.revision === last.revision + 1).toBe(true);
      if (saved.revision === last.revision) expect(saved.themeKey).toBe(last.key);
      // Nothing reached a screen that the store would not resume.
      const during = await until(
        'every screen noticing the controller is gone',
        async () => {
          const stats = await sims!.stats();
          return stats.online === 0 ? stats : undefined;
        },
        15_000,
      );
      expect(during.maxSeen).toBeLessThanOrEqual(saved.revision);
      // They keep what they had: every screen still holds a state (sims never drop one).
      expect(Object.values(during.showing).reduce((a, b) => a + b, 0)).toBe(SCREENS);

      const restartedAt = performance.timeOrigin + performance.now();
      controller = await spawnController(dataDir, controller.port);
      const health = (await (await fetch(`${controller.url}/api/health`)).json()) as {
        revision: number;
      };
      expect(health.revision).toBe(saved.revision);

      const back = await until(
        'every screen back on the current revision',
        async () => {
          const stats = await sims!.stats();
          return stats.online === SCREENS && stats.showing[saved.revision] === SCREENS
            ? stats
            : undefined;
        },
        40_000,
      );
      // Jittered reconnect: the screens came back spread out, not in one burst.
      const times = back.reconnectedAt.filter((t) => t >= restartedAt);
      expect(times.length).toBeGreaterThanOrEqual(SCREENS);
      const buckets = new Set(times.map((t) => Math.floor(t / 250)));
      expect(buckets.size).toBeGreaterThanOrEqual(3);

      // And the hall is operable again: a press reaches every screen.
      console.close();
      console = await connectConsole(controller.url);
      const reply = await console.emitWithAck('activate', { key: '2' });
      if (!reply.ok) throw new Error(reply.error);
      await until(
        'every screen on the press after the restart',
        async () =>
          (await sims!.stats()).showing[reply.data.revision] === SCREENS ? true : undefined,
        20_000,
      );
    },
  );
});
