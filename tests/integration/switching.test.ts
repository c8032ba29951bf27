import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectConsole, connectScreen, sleep, type TestScreen } from '../helpers/clients';
import { startTestHall, type TestHall } from '../helpers/controller';

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

describe('one key switches every screen', () => {
  it('sends the new theme to every connected screen with one revision', async () => {
    const all = [screen('hall-1'), screen('hall-2'), screen('hall-3')];
    await Promise.all(all.map((s) => s.nextState((st) => st.revision === 0)));
    const console = await connectConsole(hall.controller.url);

    const reply = await console.emitWithAck('activate', { key: '2' });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.data.revision).toBe(1);

    const received = await Promise.all(all.map((s) => s.nextState((st) => st.revision === 1)));
    for (const state of received) {
      expect(state.presentation?.themeKey).toBe('2');
      expect(state.presentation?.title.en).toBe('Second theme');
      expect(state.startAt).toBe(reply.data.startAt);
      expect(state.presentation?.slides[0]).toMatchObject({ type: 'image', durationMs: 5000 });
    }
    console.close();
  });

  it('gives a screen that connects later the current state at once', async () => {
    const console = await connectConsole(hall.controller.url);
    await console.emitWithAck('activate', { key: '3' });
    const late = screen('late-joiner');
    const state = await late.nextState();
    expect(state.revision).toBe(1);
    expect(state.presentation?.themeKey).toBe('3');
    console.close();
  });

  it('resends the current state when a screen reconnects', async () => {
    const first = screen('wall-a');
    const welcome = await first.welcome;
    await first.nextState();
    first.close();
    const console = await connectConsole(hall.controller.url);
    await console.emitWithAck('activate', { key: '1' });
    await console.emitWithAck('activate', { key: '2' });
    const again = screen('wall-a', { key: welcome.key });
    const state = await again.nextState();
    expect(state.revision).toBe(2);
    expect(state.presentation?.themeKey).toBe('2');
    expect((await again.welcome).screenId).toBe(welcome.screenId);
    console.close();
  });

  it('keeps the hall on the same theme across a controller restart', async () => {
    const console = await connectConsole(hall.controller.url);
    await console.emitWithAck('activate', { key: '3' });
    console.close();
    await hall.restart();
    expect(hall.controller.hall.current).toMatchObject({ revision: 1, themeKey: '3' });
    const after = screen('after-restart');
    const state = await after.nextState();
    expect(state).toMatchObject({ revision: 1, presentation: { themeKey: '3' } });
    const console2 = await connectConsole(hall.controller.url);
    const reply = await console2.emitWithAck('activate', { key: '1' });
    expect(reply.ok && reply.data.revision).toBe(2);
    console2.close();
  });

  it('records each press with time, theme, revision and who', async () => {
    const console = await connectConsole(hall.controller.url);
    await console.emitWithAck('activate', { key: '1' });
    await console.emitWithAck('activate', { key: '3' });
    const history = hall.controller.hall.history();
    expect(history.map((h) => [h.revision, h.themeKey])).toEqual([
      [2, '3'],
      [1, '1'],
    ]);
    expect(history[0]?.requestedBy).toBe('admin');
    expect(history[0]?.requestedAt).toBeGreaterThan(0);
    console.close();
  });

  it('answers an unknown key with an error and changes nothing', async () => {
    const console = await connectConsole(hall.controller.url);
    const reply = await console.emitWithAck('activate', { key: '9' });
    expect(reply).toEqual({ ok: false, error: 'no theme is assigned to key 9' });
    expect(hall.controller.hall.current.revision).toBe(0);
    console.close();
  });

  it('tells the console about screens going online and what they show', async () => {
    const console = await connectConsole(hall.controller.url);
    const s = screen('status-screen');
    await s.nextState();
    await console.emitWithAck('activate', { key: '1' });
    await s.nextState((st) => st.revision === 1);
    s.socket.emit('presented', { revision: 1, presentedAt: Date.now() });
    const seen = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 3000);
      console.on('screens', (list) => {
        const entry = list.find((x) => x.name === 'status-screen');
        if (entry?.online && entry.shownRevision === 1 && entry.shownThemeKey === '1') {
          clearTimeout(timer);
          resolve(true);
        }
      });
    });
    expect(seen).toBe(true);
    console.close();
    await sleep(10);
  });
});
