import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startController,
  type Controller,
  type ControllerOptions,
} from '../../src-controller/server/controller';
import { getScreen } from '../../src-controller/server/db/screens-table';
import { silentLogger } from '../../src-controller/server/logger';
import type { ScreenState } from '../../src-shared/hall-state';
import { connectConsole, connectScreen, sleep, type TestScreen } from '../helpers/clients';
import { TEST_ADMIN } from '../helpers/controller';
import { writeDemoFolder } from '../helpers/packs';
import { startRedis, type TestRedis } from '../helpers/redis';

// Real redis-server, real nodes on loopback, real SQLite files: the hall shared between nodes.
let redis: TestRedis;
const roots: string[] = [];
const nodes: Controller[] = [];
const screens: TestScreen[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  for (const s of screens.splice(0)) s.close();
  for (const node of nodes.splice(0)) await node.close().catch(() => undefined);
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

let hallCounter = 0;
/** A fresh hall id per test, so tests on the one Redis never see each other's halls. */
const newHallId = () => `hall-${process.pid}-${++hallCounter}`;

async function startNode(hallId: string, extra: Partial<ControllerOptions> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'hallcue-cluster-'));
  roots.push(root);
  const node = await startController({
    dataDir: join(root, 'data'),
    port: 0,
    host: '127.0.0.1',
    demoPacksDir: writeDemoFolder(root),
    logger: silentLogger(),
    leadMs: 50,
    initialAdmin: TEST_ADMIN,
    programmeTickMs: 0,
    cluster: { redisUrl: redis.url, hallId, heartbeatMs: 300 },
    ...extra,
  });
  nodes.push(node);
  return node;
}

function screenOn(node: Controller, name: string) {
  const screen = connectScreen(node.url, { name });
  screens.push(screen);
  return screen;
}

const showing = (key: string, revision: number) => (state: ScreenState) =>
  state.revision === revision && state.presentation?.themeKey === key;

async function until(check: () => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('a hall shared by two controller nodes through Redis', () => {
  it('a press on one node reaches the screens of both, and both reports count every screen', async () => {
    const hallId = newHallId();
    const a = await startNode(hallId);
    const b = await startNode(hallId);
    const onA = screenOn(a, 'wall-a');
    const onB = screenOn(b, 'wall-b');
    await Promise.all([onA.nextState(), onB.nextState()]);
    // Each node learns the other's screens from its presence messages.
    await until(() => a.cluster!.remoteScreens(null).length === 1, 'presence of wall-b on a');

    const { revision, startAt } = await a.hall.activate('2', 'test');
    const [stateA, stateB] = await Promise.all([
      onA.nextState(showing('2', revision)),
      onB.nextState(showing('2', revision)),
    ]);
    expect(stateA.startAt).toBe(startAt);
    expect(stateB.startAt).toBe(startAt);
    expect(b.hall.current).toMatchObject({ revision, themeKey: '2', startAt });

    for (const screen of [onA, onB]) {
      const reply = await screen.socket.emitWithAck('presented', {
        revision,
        presentedAt: startAt + 1,
      });
      expect(reply.ok).toBe(true);
    }
    // Each node hears the other's screens report, so both switch reports are complete.
    for (const node of [a, b]) {
      await until(() => node.hall.record(revision)?.report.presented === 2, 'two reports');
      expect(node.hall.record(revision)?.report).toMatchObject({ expected: 2, presented: 2 });
    }
  });

  it('two presses at the same moment on two nodes both land, in one order, on every node', async () => {
    const hallId = newHallId();
    const a = await startNode(hallId);
    const b = await startNode(hallId);
    const [first, second] = await Promise.all([
      a.hall.activate('1', 'on-a'),
      b.hall.activate('3', 'on-b'),
    ]);
    expect(new Set([first.revision, second.revision]).size).toBe(2);
    const last = first.revision > second.revision ? '1' : '3';
    const top = Math.max(first.revision, second.revision);
    await until(
      () => a.hall.current.revision === top && b.hall.current.revision === top,
      'both at the top',
    );
    expect(a.hall.current.themeKey).toBe(last);
    expect(b.hall.current.themeKey).toBe(last);
    // Both presses are in both nodes' histories: nothing acknowledged was overwritten.
    for (const node of [a, b]) {
      const by = node.hall.history(10).map((record) => record.requestedBy);
      expect(by).toEqual(expect.arrayContaining(['on-a', 'on-b']));
    }
  });

  it('a node that starts later takes the hall as it is, and serves it to its screens', async () => {
    const hallId = newHallId();
    const a = await startNode(hallId);
    const { revision } = await a.hall.activate('3', 'test');
    const late = await startNode(hallId);
    expect(late.hall.current).toMatchObject({ revision, themeKey: '3' });
    const screen = screenOn(late, 'late-wall');
    await screen.nextState(showing('3', revision));
  });

  it('keeps halls apart: a press in one never reaches another, a push reaches those named', async () => {
    const north = newHallId();
    const south = newHallId();
    const a = await startNode(north);
    const c = await startNode(south);
    const onSouth = screenOn(c, 'south-wall');
    await onSouth.nextState();

    await a.hall.activate('2', 'north-operator');
    await sleep(800); // several heartbeats: long enough for any leak to show
    expect(c.hall.current.revision).toBe(0);
    expect(onSouth.states.every((state) => state.revision === 0)).toBe(true);

    const halls = await a.cluster!.halls();
    expect(halls.map((hall) => hall.id)).toEqual(expect.arrayContaining([north, south]));
    const packId = a.hall.themes().find((theme) => theme.key === '3')!.packId;
    const answers = await a.cluster!.push(packId, [north, south, 'nowhere'], 'admin');
    expect(answers).toEqual([
      expect.objectContaining({ ok: true, hall: north, key: '3' }),
      expect.objectContaining({ ok: true, hall: south, key: '3' }),
      { ok: false, hall: 'nowhere', error: 'there is no hall nowhere' },
    ]);
    await onSouth.nextState((state) => state.presentation?.themeKey === '3');
    expect(c.hall.history(1)[0]?.requestedBy).toBe(`admin (from hall ${north})`);
  });

  it('survives a Redis restart: a press during the outage is refused, none is lost after it', async () => {
    const hallId = newHallId();
    const a = await startNode(hallId);
    const b = await startNode(hallId);
    const onB = screenOn(b, 'wall-b');
    const before = await a.hall.activate('2', 'before');
    await onB.nextState(showing('2', before.revision));

    await redis.kill();
    await expect(a.hall.activate('3', 'during')).rejects.toThrow();
    expect(a.hall.current.revision).toBe(before.revision);
    await redis.start();

    // The nodes put the hall back into the empty Redis, then presses work as before.
    await until(() => a.cluster!.status().redis === 'connected', 'node a back on Redis', 10_000);
    await until(() => b.cluster!.status().redis === 'connected', 'node b back on Redis', 10_000);
    const after = await b.hall.activate('1', 'after');
    expect(after.revision).toBe(before.revision + 1);
    await until(
      () => a.hall.current.revision === after.revision,
      'node a to hear the press',
      10_000,
    );
    expect(a.hall.current.themeKey).toBe('1');
    await onB.nextState(showing('1', after.revision));
    expect(await a.cluster!.store.revision()).toBe(after.revision);
  }, 30_000);

  it('a screen paired on one node is welcome on another; a revoke on either reaches it', async () => {
    const hallId = newHallId();
    const untrusted = { trustLoopback: false };
    const a = await startNode(hallId, untrusted);
    const b = await startNode(hallId, untrusted);
    const first = connectScreen(a.url, { name: 'lobby' });
    screens.push(first);
    const welcome = await first.welcome;
    expect(welcome.approved).toBe(false);
    const consoleA = await connectConsole(a.url);
    const approved = await consoleA.emitWithAck('approveScreen', {
      screenId: welcome.screenId,
      code: welcome.pairingCode!,
    });
    expect(approved.ok).toBe(true);
    await first.nextState();
    first.close();
    await until(() => getScreen(b.db, welcome.screenId)?.approved === true, 'approval on b');

    // Node b never saw this screen connect, yet knows its key and its approval.
    const onB = connectScreen(b.url, { name: 'lobby', key: welcome.key });
    screens.push(onB);
    const again = await onB.welcome;
    expect(again).toMatchObject({ screenId: welcome.screenId, approved: true });
    const { revision } = await a.hall.activate('2', 'test');
    await onB.nextState(showing('2', revision));

    const consoleOnA = consoleA;
    const disconnected = new Promise<void>((resolve) =>
      onB.socket.once('disconnect', () => resolve()),
    );
    const revoked = await consoleOnA.emitWithAck('revokeScreen', { screenId: welcome.screenId });
    expect(revoked.ok).toBe(true);
    await disconnected;
    consoleA.close();
  });

  it('a zone made on one node can be pressed on another and reaches only its screens', async () => {
    const hallId = newHallId();
    const a = await startNode(hallId);
    const b = await startNode(hallId);
    const consoleA = await connectConsole(a.url);
    const saved = await consoleA.emitWithAck('saveZone', { name: 'East wing' });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const zone = saved.data.id;
    await until(
      () => b.hall.zones().some((z) => z.id === zone && z.name === 'East wing'),
      'zone on b',
    );

    const east = screenOn(a, 'east-wall');
    const west = screenOn(a, 'west-wall');
    const eastWelcome = await east.welcome;
    await Promise.all([east.nextState(), west.nextState()]);
    const placed = await consoleA.emitWithAck('updateScreen', {
      screenId: eastWelcome.screenId,
      zoneId: zone,
    });
    expect(placed.ok).toBe(true);
    await until(() => a.cluster!.remoteScreens(zone).length === 0, 'presence'); // a's own screens
    const { revision } = await b.hall.activate('3', 'test', zone);
    await east.nextState(showing('3', revision));
    await sleep(300);
    expect(west.states.some((state) => state.revision === revision)).toBe(false);
    consoleA.close();
  });
});
