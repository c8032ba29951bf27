import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sessionCookie,
  spawnController,
  type ControllerProcess,
} from '../../bench/spawned-controller';
import type { ScreenState } from '../../src-shared/hall-state';
import { connectScreen, sleep, type TestScreen } from '../helpers/clients';
import { startRedis, type TestRedis } from '../../bench/redis-server';

// Two nodes of one hall, each in its own process so one can be killed the way a power cut would.
let redis: TestRedis;
let root: string;
const processes: ControllerProcess[] = [];
const screens: TestScreen[] = [];
let stopping = false;

beforeAll(async () => {
  redis = await startRedis();
  root = mkdtempSync(join(tmpdir(), 'hallcue-failover-'));
});
afterAll(async () => {
  stopping = true;
  for (const s of screens) s.close();
  for (const p of processes) await p.kill();
  await redis.stop();
  rmSync(root, { recursive: true, force: true });
});

async function node(name: string) {
  const started = await spawnController(join(root, name), 0, [
    '--redis',
    redis.url,
    '--hall',
    'failover',
  ]);
  processes.push(started);
  return started;
}

async function press(url: string, key: string): Promise<{ revision: number; startAt: number }> {
  const res = await fetch(`${url}/api/themes/${key}/activate`, {
    method: 'POST',
    headers: { cookie: await sessionCookie(url) },
  });
  const reply = (await res.json()) as { ok: boolean; data: { revision: number; startAt: number } };
  expect(reply.ok).toBe(true);
  return reply.data;
}

/** A screen that, like the app, moves on to the next node when its own goes away. */
function failoverScreen(name: string, urls: string[]) {
  const states: ScreenState[] = [];
  let index = 0;
  const open = () => {
    const screen = connectScreen(urls[index]!, { name });
    screens.push(screen);
    screen.welcome.catch(() => undefined);
    screen.socket.on('state', (state) => states.push(state));
    screen.socket.on('disconnect', () => {
      if (stopping) return;
      index = (index + 1) % urls.length;
      setTimeout(open, 100);
    });
  };
  open();
  return { states, node: () => urls[index]! };
}

describe('a node of a hall dies', () => {
  it('keeps every acknowledged press; its screens move to the other node and get the current state', async () => {
    const a = await node('a');
    const b = await node('b');
    const walls = [1, 2, 3].map((n) => failoverScreen(`wall-${n}`, [a.url, b.url]));
    await sleep(500);

    const acknowledged = await press(a.url, '2');
    await a.kill('SIGKILL');

    // Every screen lands on b and is given the press a acknowledged just before it died.
    const deadline = Date.now() + 15_000;
    while (
      !walls.every(
        (wall) =>
          wall.node() === b.url &&
          wall.states.some(
            (s) => s.revision === acknowledged.revision && s.presentation?.themeKey === '2',
          ),
      )
    ) {
      if (Date.now() > deadline) throw new Error('screens did not come back on node b');
      await sleep(50);
    }
    // And b goes on from there: the next press gets the next revision.
    const next = await press(b.url, '3');
    expect(next.revision).toBe(acknowledged.revision + 1);

    // A node started again later takes the hall as it now is.
    const again = await node('a');
    const late = connectScreen(again.url, { name: 'late-wall' });
    screens.push(late);
    const state = await late.nextState((s) => s.revision === next.revision, 10_000);
    expect(state.presentation?.themeKey).toBe('3');
  }, 60_000);
});
