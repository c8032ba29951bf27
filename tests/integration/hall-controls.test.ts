import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectConsole, connectScreen, sleep, type TestScreen } from '../helpers/clients';
import { startTestHall, type TestHall } from '../helpers/controller';
import { readKeymap } from '../../src-controller/server/hall/keymap';

let hall: TestHall;
const screens: TestScreen[] = [];
const screen = (name: string, extra: Record<string, unknown> = {}) => {
  const s = connectScreen(hall.controller.url, { name, ...extra });
  screens.push(s);
  return s;
};

beforeEach(async () => {
  hall = await startTestHall();
});
afterEach(async () => {
  for (const s of screens.splice(0)) s.close();
  await hall.cleanup();
});

describe('blackout and emergency message', () => {
  it('overrides every screen, keeps the theme underneath on its timeline, and survives a restart', async () => {
    const a = screen('a');
    await a.nextState();
    const console = await connectConsole(hall.controller.url);
    const press = await console.emitWithAck('activate', { key: '2' });
    if (!press.ok) throw new Error(press.error);
    await a.nextState((s) => s.revision === 1);

    const black = await console.emitWithAck('blackout', {});
    expect(black.ok).toBe(true);
    const blackState = await a.nextState((s) => s.revision === 2);
    expect(blackState.override).toEqual({ kind: 'blackout' });
    // The theme keeps its own start; the blackout flips at its own, later moment.
    expect(blackState.startAt).toBe(press.data.startAt);
    expect(blackState.presentation?.themeKey).toBe('2');
    expect(blackState.flipAt).toBeGreaterThan(press.data.startAt);

    // Asking again changes nothing (no new revision).
    const again = await console.emitWithAck('blackout', {});
    expect(again.ok && again.data.revision).toBe(2);

    const emergency = await console.emitWithAck('raiseEmergency', {
      message: { zh: '请离开', en: 'Please leave' },
      media: { packVersionId: 1, path: 'media/picture.png' },
    });
    expect(emergency.ok).toBe(true);
    const shown = await a.nextState((s) => s.revision === 3);
    expect(shown.override).toMatchObject({
      kind: 'emergency',
      message: { zh: '请离开', en: 'Please leave' },
      media: { type: 'image', url: expect.stringMatching(/^\/files\/[0-9a-f]{64}$/) },
    });
    console.close();

    const restarted = await hall.restart();
    expect(restarted.hall.current.override).toMatchObject({ kind: 'emergency' });
    const b = screen('b');
    const resumed = await b.nextState();
    expect(resumed.override?.kind).toBe('emergency');
    expect(resumed.presentation?.themeKey).toBe('2');

    const console2 = await connectConsole(hall.controller.url);
    const cleared = await console2.emitWithAck('clearOverride', {});
    expect(cleared.ok).toBe(true);
    const back = await b.nextState((s) => s.revision === 4);
    expect(back.override).toBeUndefined();
    expect(back.startAt).toBe(press.data.startAt);
    expect(back.flipAt).toBeGreaterThan(press.data.startAt);
    const history = restarted.hall.history(3).map((r) => r.kind);
    expect(history).toEqual(['clear', 'emergency', 'blackout']);
    console2.close();
  });

  it('refuses an empty message or a file that is not media, and changes nothing', async () => {
    const console = await connectConsole(hall.controller.url);
    const empty = await console.emitWithAck('raiseEmergency', { message: { zh: ' ', en: '' } });
    expect(empty).toEqual({
      ok: false,
      error: 'raiseEmergency: message: write the message in Chinese, English or both',
    });
    const missing = await console.emitWithAck('raiseEmergency', {
      message: { zh: '', en: 'x' },
      media: { packVersionId: 1, path: 'nope.png' },
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toContain('has no file nope.png');
    const extra = await console.emitWithAck('blackout', { please: true } as never);
    expect(extra.ok).toBe(false);
    expect(hall.controller.hall.current.override).toBeNull();
    expect(hall.controller.hall.current.revision).toBe(0);
    console.close();
  });
});

describe('zones', () => {
  it('switches one zone while the rest of the hall keeps its theme; a whole-hall press rejoins them', async () => {
    const left = screen('left');
    const right = screen('right');
    const [leftWelcome] = await Promise.all([left.welcome, right.welcome]);
    await Promise.all([left.nextState(), right.nextState()]);
    const console = await connectConsole(hall.controller.url);
    await console.emitWithAck('activate', { key: '1' });

    const zone = await console.emitWithAck('saveZone', { name: 'East wing' });
    if (!zone.ok) throw new Error(zone.error);
    const duplicate = await console.emitWithAck('saveZone', { name: 'East wing' });
    expect(duplicate).toEqual({ ok: false, error: 'saveZone: a zone is already called East wing' });
    const moved = await console.emitWithAck('updateScreen', {
      screenId: leftWelcome.screenId,
      zoneId: zone.data.id,
      label: 'Left wall',
    });
    expect(moved.ok).toBe(true);

    const zonePress = await console.emitWithAck('activate', { key: '3', zone: zone.data.id });
    if (!zonePress.ok) throw new Error(zonePress.error);
    const leftState = await left.nextState((s) => s.revision === zonePress.data.revision);
    expect(leftState.presentation?.themeKey).toBe('3');
    await sleep(150);
    // The other screen is not part of the zone: it was not even told.
    expect(right.states.some((s) => s.revision === zonePress.data.revision)).toBe(false);
    expect(hall.controller.hall.history(1)[0]).toMatchObject({
      zoneId: zone.data.id,
      kind: 'theme',
    });

    // The zone's theme survives a restart.
    console.close();
    const restarted = await hall.restart();
    expect(restarted.hall.zones()).toEqual([
      {
        id: zone.data.id,
        name: 'East wing',
        themeKey: '3',
        startAt: zonePress.data.startAt,
        revision: zonePress.data.revision,
      },
    ]);
    const left2 = screen('left', { key: leftWelcome.key });
    expect((await left2.nextState()).presentation?.themeKey).toBe('3');
    const right2 = screen('right2');
    expect((await right2.nextState()).presentation?.themeKey).toBe('1');

    const console2 = await connectConsole(hall.controller.url);
    const all = await console2.emitWithAck('activate', { key: '2' });
    if (!all.ok) throw new Error(all.error);
    for (const s of [left2, right2]) {
      const st = await s.nextState((x) => x.revision === all.data.revision);
      expect(st.presentation?.themeKey).toBe('2');
    }
    expect(restarted.hall.zones()[0]?.themeKey).toBeNull();

    const unknown = await console2.emitWithAck('activate', { key: '2', zone: 'zdoesnotexist' });
    expect(unknown).toEqual({ ok: false, error: 'there is no zone zdoesnotexist' });

    // Deleting the zone sends its screens back to the whole hall.
    expect((await console2.emitWithAck('deleteZone', { id: zone.data.id })).ok).toBe(true);
    expect(restarted.hall.zones()).toEqual([]);
    console2.close();
  });
});

describe('keys', () => {
  it('defaults to the themes in order and stores an assignment that names real themes', async () => {
    const console = await connectConsole(hall.controller.url);
    // Until someone assigns keys, each digit fires the theme published on it.
    expect(readKeymap(hall.controller.db)).toEqual({ '1': '1', '2': '2', '3': '3' });
    const bad = await console.emitWithAck('setKeymap', { keymap: { F1: '9' } });
    expect(bad).toEqual({
      ok: false,
      error: 'setKeymap: key F1 names theme 9, which is not assigned',
    });
    const wrongKey = await console.emitWithAck('setKeymap', { keymap: { F13: '1' } } as never);
    expect(wrongKey.ok).toBe(false);
    const keymapEvent = new Promise((resolve) => console.once('keymap', resolve));
    expect((await console.emitWithAck('setKeymap', { keymap: { F1: '3', '1': '1' } })).ok).toBe(
      true,
    );
    expect(await keymapEvent).toEqual({ F1: '3', '1': '1' });
    expect(readKeymap(hall.controller.db)).toEqual({ F1: '3', '1': '1' });
    console.close();
  });
});

describe('screen management', () => {
  it('identifies and reloads online screens, and says plainly when a screen cannot help', async () => {
    const a = screen('ident');
    const welcome = await a.welcome;
    await a.nextState();
    const identify = new Promise((resolve) => a.socket.once('identify', resolve));
    const reload = new Promise((resolve) => a.socket.once('reload', () => resolve(true)));
    a.socket.on('screenshot', (reply) =>
      reply({ ok: false, error: 'this screen is a browser page, which cannot take screenshots' }),
    );
    const console = await connectConsole(hall.controller.url);
    await console.emitWithAck('updateScreen', { screenId: welcome.screenId, label: 'Lobby left' });
    expect((await console.emitWithAck('identifyScreen', { screenId: welcome.screenId })).ok).toBe(
      true,
    );
    expect(await identify).toEqual({ label: 'Lobby left', durationMs: 8000 });
    expect((await console.emitWithAck('reloadScreen', { screenId: welcome.screenId })).ok).toBe(
      true,
    );
    expect(await reload).toBe(true);
    expect(await console.emitWithAck('screenshotScreen', { screenId: welcome.screenId })).toEqual({
      ok: false,
      error: 'screenshotScreen: this screen is a browser page, which cannot take screenshots',
    });
    a.close();
    await sleep(100);
    expect(await console.emitWithAck('identifyScreen', { screenId: welcome.screenId })).toEqual({
      ok: false,
      error: 'identifyScreen: the screen is offline',
    });
    const badRole = await console.emitWithAck('updateScreen', {
      screenId: welcome.screenId,
      role: 'Not A Role',
    });
    expect(badRole.ok).toBe(false);
    console.close();
  });
});
