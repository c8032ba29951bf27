import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startController, type Controller } from '../../src-controller/server/controller';
import { getScreen } from '../../src-controller/server/db/screens-table';
import { silentLogger } from '../../src-controller/server/logger';
import type { ScreenState } from '../../src-shared/hall-state';
import { connectConsole, connectScreen, loginCookie, sleep } from '../helpers/clients';
import { until, useCluster } from '../helpers/cluster';
import { TEST_ADMIN } from '../helpers/controller';

// Real redis-server, real nodes on loopback, real SQLite files: the hall shared between nodes.
const cluster = useCluster('hall');
const { nodes, screens, newHallId, screenOn } = cluster;
const startNode = cluster.startNode.bind(cluster);

const showing = (key: string, revision: number) => (state: ScreenState) =>
  state.revision === revision && state.presentation?.themeKey === key;

describe('a hall shared by two controller nodes through Redis', () => {
  it('a press on one node reaches the screens of both, and both reports count every screen', async () => {
    const hallId = newHallId();
    const a = await startNode(hallId);
    const b = await startNode(hallId);
    const onA = screenOn(a, 'wall-a');
    const onB = screenOn(b, 'wall-b');
    await Promise.all([onA.nextState(), onB.nextState()]);
    // Each node learns the other's screens from its presence messages. Both must, before the
    // press: a node expects only the screens it knows of, and counts reports from those alone.
    await until(() => a.cluster!.remoteScreens(null).length === 1, 'presence of wall-b on a');
    await until(() => b.cluster!.remoteScreens(null).length === 1, 'presence of wall-a on b');

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
    // Each node's fan-out metric counts the press once its own screen has reported.
    for (const node of [a, b]) {
      await until(
        async () => /hallcue_switch_fanout_seconds_count 1\b/.test(await node.metrics.text()),
        'fan-out metric',
      );
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

    await cluster.redis.kill();
    await expect(a.hall.activate('3', 'during')).rejects.toThrow();
    expect(a.hall.current.revision).toBe(before.revision);
    await cluster.redis.start();

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

  it('lets an administrator push over HTTP, refuses operators, and says when it runs alone', async () => {
    const hallId = newHallId();
    const a = await startNode(hallId);
    const cookie = await loginCookie(a.url);
    const status = (await (
      await fetch(`${a.url}/api/cluster`, { headers: { cookie } })
    ).json()) as {
      data: { mode: string; hallId: string; halls: { id: string; nodes: unknown[] }[] };
    };
    expect(status.data).toMatchObject({ mode: 'cluster', hallId });
    expect(status.data.halls.find((hall) => hall.id === hallId)?.nodes).toHaveLength(1);

    const packId = a.hall.themes().find((theme) => theme.key === '2')!.packId;
    const push = (as: string, body: unknown) =>
      fetch(`${a.url}/api/halls/push`, {
        method: 'POST',
        headers: { cookie: as, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const pushed = await push(cookie, { packId, halls: [hallId] });
    expect(pushed.status).toBe(200);
    expect(((await pushed.json()) as { data: unknown[] }).data).toEqual([
      expect.objectContaining({ ok: true, hall: hallId, key: '2' }),
    ]);
    expect(a.hall.current.themeKey).toBe('2');

    const bad = await push(cookie, { packId, halls: [] });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('name at least one hall');

    const operator = { username: 'olga', password: 'a long password 1', role: 'operator' };
    const created = await fetch(`${a.url}/api/accounts`, {
      method: 'POST',
      headers: { cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify(operator),
    });
    expect(created.status).toBe(201);
    const refused = await push(await loginCookie(a.url, operator), { packId, halls: [hallId] });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('needs the administrator role');
  });

  it('a standalone controller answers the cluster routes plainly', async () => {
    const root = cluster.newRoot();
    const alone = await startController({
      dataDir: join(root, 'data'),
      port: 0,
      host: '127.0.0.1',
      demoPacksDir: null,
      logger: silentLogger(),
      initialAdmin: TEST_ADMIN,
      programmeTickMs: 0,
    });
    nodes.push(alone);
    const cookie = await loginCookie(alone.url);
    const status = await fetch(`${alone.url}/api/cluster`, { headers: { cookie } });
    expect(((await status.json()) as { data: unknown }).data).toEqual({ mode: 'standalone' });
    const push = await fetch(`${alone.url}/api/halls/push`, {
      method: 'POST',
      headers: { cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ packId: 'x', halls: ['main'] }),
    });
    expect(push.status).toBe(409);
    expect(await push.text()).toContain('--redis');
  });

  it('accounts and sessions are the same on every node: log in on one, go on with another', async () => {
    const hallId = newHallId();
    const a = await startNode(hallId);
    const b = await startNode(hallId);
    const adminOnA = await loginCookie(a.url);
    const created = await fetch(`${a.url}/api/accounts`, {
      method: 'POST',
      headers: { cookie: adminOnA, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'mei', password: 'a long password 2', role: 'operator' }),
    });
    expect(created.status).toBe(201);
    const accountOn = (node: Controller) =>
      node.db.prepare("SELECT 1 FROM accounts WHERE username = 'mei'").get() !== undefined;
    await until(() => accountOn(b), 'the account on b');

    // Made on a, used on b: the account, then the session cookie a issued.
    const meiOnA = await loginCookie(a.url, { username: 'mei', password: 'a long password 2' });
    const sessions = (node: Controller) =>
      (node.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
    await until(() => sessions(b) === sessions(a), 'the session on b');
    const session = await fetch(`${b.url}/api/session`, { headers: { cookie: meiOnA } });
    expect(
      ((await session.json()) as { data: { user: { username: string } | null } }).data.user,
    ).toMatchObject({ username: 'mei' });
    const pressed = await fetch(`${b.url}/api/themes/2/activate`, {
      method: 'POST',
      headers: { cookie: meiOnA },
    });
    expect(pressed.status).toBe(200);

    // Logging out on a ends the session on b too.
    const out = await fetch(`${a.url}/api/logout`, { method: 'POST', headers: { cookie: meiOnA } });
    expect(out.ok).toBe(true);
    await until(() => sessions(b) === sessions(a), 'the logout on b');
    const after = await fetch(`${b.url}/api/themes/2/activate`, {
      method: 'POST',
      headers: { cookie: meiOnA },
    });
    expect(after.status).toBe(401);
  });

  it('runs the weekly programme on one node only: a programmed change is pressed once', async () => {
    const hallId = newHallId();
    const now = Date.UTC(2026, 10, 23, 6, 0); // Monday 14:00 in Shanghai
    const clock = { wallClock: () => now, timeZone: 'Asia/Shanghai' };
    const a = await startNode(hallId, clock);
    const b = await startNode(hallId, clock);
    const open = { open: '09:00', close: '17:00' };
    a.programme.setProgramme({
      enabled: true,
      hours: [open, open, open, open, open, open, open],
      attractThemeKey: '3',
      whenClosed: 'blackout',
      slots: [],
    });
    // The programme set on a reaches b; both tick; the hall's lease holder alone presses.
    await until(() => b.programme.status().programme.enabled, 'the programme on b');
    await until(() => a.cluster!.isLeader() !== b.cluster!.isLeader(), 'one leader');
    a.programme.tick();
    b.programme.tick();
    await until(
      () => a.hall.current.themeKey === '3' && b.hall.current.themeKey === '3',
      'the attract theme on both',
    );
    await sleep(300);
    const pressed = a.hall.history(10).filter((record) => record.requestedBy === 'programme');
    expect(pressed).toHaveLength(1);
  });

  it('a screen paired on one node a moment ago is not paired again on another', async () => {
    const hallId = newHallId();
    const untrusted = { trustLoopback: false };
    const a = await startNode(hallId, untrusted);
    const b = await startNode(hallId, untrusted);
    const first = connectScreen(a.url, { name: 'fresh' });
    screens.push(first);
    const welcome = await first.welcome;
    first.close();
    // Straight to b, before b could have heard of it: b asks Redis and knows the screen.
    const again = connectScreen(b.url, { name: 'fresh', key: welcome.key });
    screens.push(again);
    expect(await again.welcome).toMatchObject({ screenId: welcome.screenId, approved: false });
    expect(getScreen(b.db, welcome.screenId)?.pairingCode).toBe(welcome.pairingCode);
  });
});
