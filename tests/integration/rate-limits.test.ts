import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttemptLimiter } from '../../src-controller/server/screens/attempt-limiter';
import { connectConsole, connectScreen, type TestScreen } from '../helpers/clients';
import { startTestHall, type TestHall } from '../helpers/controller';

let hall: TestHall;
const screens: TestScreen[] = [];
beforeEach(async () => {
  hall = await startTestHall({ trustLoopback: false });
});
afterEach(async () => {
  for (const s of screens.splice(0)) s.close();
  await hall.cleanup();
});

describe('pairing is rate-limited', () => {
  it('refuses the code after five wrong guesses for one screen, even the right one', async () => {
    const screen = connectScreen(hall.controller.url, { name: 'guessed' });
    screens.push(screen);
    const welcome = await screen.welcome;
    const right = welcome.pairingCode!;
    const console = await connectConsole(hall.controller.url);
    for (let i = 0; i < 5; i++) {
      const wrong = String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
      const reply = await console.emitWithAck('approveScreen', {
        screenId: welcome.screenId,
        code: wrong,
      });
      expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/is not the code/) });
    }
    const blocked = await console.emitWithAck('approveScreen', {
      screenId: welcome.screenId,
      code: right,
    });
    expect(blocked).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^approveScreen: too many wrong codes for screen "guessed"; try again in \d+ min$/,
      ),
    });
    expect(screen.states).toEqual([]);
    console.close();
  });

  it('refuses an eleventh new pairing from one address within a minute', async () => {
    for (let i = 0; i < 10; i++) {
      const s = connectScreen(hall.controller.url, { name: `flood-${i}` });
      screens.push(s);
      expect((await s.welcome).pairingCode).toMatch(/^\d{6}$/);
    }
    const eleventh = connectScreen(hall.controller.url, { name: 'flood-10' });
    screens.push(eleventh);
    await expect(eleventh.welcome).rejects.toThrow(
      /screen auth: too many new pairings from .*; try again in \d+ s/,
    );
    // Screens that already hold their key are not new pairings: they still get in.
    const first = screens[0]!;
    const key = (await first.welcome).key!;
    first.close();
    const back = connectScreen(hall.controller.url, { name: 'flood-0', key });
    screens.push(back);
    expect((await back.welcome).approved).toBe(false);
  });
});

describe('AttemptLimiter', () => {
  it('lets attempts through again once the window has passed', () => {
    let now = 0;
    const limiter = new AttemptLimiter(2, 1000, () => now);
    limiter.record('a');
    limiter.record('a');
    expect(limiter.retryAfter('a')).toBe(1000);
    expect(limiter.retryAfter('b')).toBe(0);
    now = 600;
    expect(limiter.retryAfter('a')).toBe(400);
    now = 1001;
    expect(limiter.retryAfter('a')).toBe(0);
  });

  it('forgets the oldest keys beyond its bound', () => {
    const limiter = new AttemptLimiter(1, 1000, () => 0, 3);
    for (const key of ['a', 'b', 'c', 'd']) limiter.record(key);
    expect(limiter.retryAfter('a')).toBe(0);
    expect(limiter.retryAfter('d')).toBe(1000);
  });
});
