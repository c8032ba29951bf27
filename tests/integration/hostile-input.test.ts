import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectConsole, connectScreen } from '../helpers/clients';
import { startTestHall, type TestHall } from '../helpers/controller';

let hall: TestHall;
beforeEach(async () => {
  hall = await startTestHall();
});
afterEach(async () => {
  await hall.cleanup();
});

/** Emits a raw event (bypassing the typed maps) and waits for its acknowledgement. */
function rawEmit(socket: object, event: string, ...args: unknown[]) {
  const loose = socket as { emit: (...args: unknown[]) => unknown };
  return new Promise<unknown>((resolve) => loose.emit(event, ...args, resolve));
}

describe('malformed messages are refused without harm', () => {
  it.each([
    ['no payload', undefined],
    ['a string', 'two'],
    ['wrong type', { key: 2 }],
    ['not a digit', { key: 'F13' }],
    ['deep nesting', JSON.parse('{"key":' + '['.repeat(200) + ']'.repeat(200) + '}')],
  ])('activate with %s gets an error naming the problem', async (_label, payload) => {
    const console = await connectConsole(hall.controller.url);
    const reply = (await rawEmit(console, 'activate', payload)) as { ok: boolean; error: string };
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatch(/^activate: /);
    expect(hall.controller.hall.current.revision).toBe(0);
    // The controller still works for well-formed requests afterwards.
    const good = await console.emitWithAck('activate', { key: '1' });
    expect(good.ok).toBe(true);
    console.close();
  });

  it('answers unknown events with an error', async () => {
    const console = await connectConsole(hall.controller.url);
    const reply = (await rawEmit(console, 'dropTables', {})) as { ok: boolean; error: string };
    expect(reply).toEqual({ ok: false, error: 'unknown event "dropTables"' });
    console.close();
  });

  it('refuses a screen with a malformed name in its handshake', async () => {
    const bad = connectScreen(hall.controller.url, { name: '<script>' });
    await expect(bad.welcome).rejects.toThrow(/screen auth: name: screen name may use/);
    bad.close();
  });

  it('refuses a presented report for a revision that does not exist', async () => {
    const s = connectScreen(hall.controller.url, { name: 'liar' });
    await s.nextState();
    const reply = (await rawEmit(s.socket, 'presented', { revision: 99, presentedAt: 1 })) as {
      ok: boolean;
      error: string;
    };
    expect(reply).toEqual({ ok: false, error: 'presented: revision 99 does not exist yet' });
    s.close();
  });

  it('survives oversized payloads by dropping the connection, not the controller', async () => {
    const console = await connectConsole(hall.controller.url);
    const closed = new Promise<void>((resolve) => console.on('disconnect', () => resolve()));
    void rawEmit(console, 'activate', { key: 'x'.repeat(200_000) });
    await closed;
    const fresh = await connectConsole(hall.controller.url);
    expect((await fresh.emitWithAck('activate', { key: '2' })).ok).toBe(true);
    fresh.close();
  });
});

describe('screens that are not approved see nothing', () => {
  it('sends no state and no files to an unapproved screen, then everything once approved', async () => {
    await hall.restart({ trustLoopback: false });
    const console = await connectConsole(hall.controller.url);
    await console.emitWithAck('activate', { key: '1' });

    const stranger = connectScreen(hall.controller.url, { name: 'stranger' });
    const welcome = await stranger.welcome;
    expect(welcome.approved).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stranger.states).toEqual([]);

    // Its key does not open the file store either.
    const session = await fetch(`${hall.controller.url}/api/screens/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ screenId: welcome.screenId, key: welcome.key }),
    });
    expect(session.status).toBe(403);

    expect(welcome.pairingCode).toMatch(/^\d{6}$/);
    const wrongCode = welcome.pairingCode === '000000' ? '111111' : '000000';
    const refused = await console.emitWithAck('approveScreen', {
      screenId: welcome.screenId,
      code: wrongCode,
    });
    expect(refused).toEqual({
      ok: false,
      error: `approveScreen: ${wrongCode} is not the code on screen "stranger"; read it off that screen`,
    });
    expect(stranger.states).toEqual([]);
    const approved = await console.emitWithAck('approveScreen', {
      screenId: welcome.screenId,
      code: welcome.pairingCode ?? '',
    });
    expect(approved.ok).toBe(true);
    const state = await stranger.nextState();
    expect(state.presentation?.themeKey).toBe('1');

    const again = await fetch(`${hall.controller.url}/api/screens/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ screenId: welcome.screenId, key: welcome.key }),
    });
    expect(again.status).toBe(200);
    const cookie = again.headers.get('set-cookie')?.split(';')[0] ?? '';
    const slide = state.presentation?.slides[0];
    const url = slide && 'url' in slide ? slide.url : '';
    const file = await fetch(`${hall.controller.url}${url}`, { headers: { cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    stranger.close();
    console.close();
  });

  it('does not let another device take over an approved screen name', async () => {
    const owner = connectScreen(hall.controller.url, { name: 'lobby' });
    await owner.welcome;
    owner.close();
    await hall.restart({ trustLoopback: false });
    const impostor = connectScreen(hall.controller.url, { name: 'lobby', key: 'x'.repeat(40) });
    await expect(impostor.welcome).rejects.toThrow(/already paired with another device/);
    impostor.close();
  });
});

describe('revoking a screen stops it at once', () => {
  it('drops its content, its key and its file access, and it comes back as a new pairing', async () => {
    const console = await connectConsole(hall.controller.url);
    await console.emitWithAck('activate', { key: '2' });
    const screen = connectScreen(hall.controller.url, { name: 'door' });
    const welcome = await screen.welcome;
    await screen.nextState((s) => s.revision === 1);
    const session = await fetch(`${hall.controller.url}/api/screens/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ screenId: welcome.screenId, key: welcome.key }),
    });
    const cookie = session.headers.get('set-cookie')?.split(';')[0] ?? '';

    const { isApprovedScreen } = await import('../../src-controller/server/http/pack-files');
    const viaHeader = {
      headers: { authorization: `Screen ${welcome.screenId}.${welcome.key}` },
    } as never;
    expect(isApprovedScreen(hall.controller.db, viaHeader)).toBe(true);

    const told = new Promise<boolean>((resolve) =>
      screen.socket.on('approval', ({ approved }) => resolve(approved)),
    );
    const dropped = new Promise<string>((resolve) => screen.socket.on('disconnect', resolve));
    const reply = await console.emitWithAck('revokeScreen', { screenId: welcome.screenId });
    expect(reply.ok).toBe(true);
    expect(await told).toBe(false);
    expect(await dropped).toBe('io server disconnect');

    // The old cookie and key open nothing any more (tests run on loopback, which counts as an
    // operating console, so the screen credential is checked directly).
    const fake = { headers: { cookie } } as never;
    expect(isApprovedScreen(hall.controller.db, viaHeader)).toBe(false);
    expect(isApprovedScreen(hall.controller.db, fake)).toBe(false);

    // Reconnecting with the old key: a new key, a pairing code, and no content (no loopback trust).
    await hall.restart({ trustLoopback: false });
    const back = connectScreen(hall.controller.url, { name: 'door', key: welcome.key });
    const again = await back.welcome;
    expect(again.approved).toBe(false);
    expect(again.pairingCode).toMatch(/^\d{6}$/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(back.states).toEqual([]);
    back.close();
    console.close();
  });
});
