import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectConsole, connectScreen, sleep } from '../helpers/clients';
import { startTestHall, type TestHall } from '../helpers/controller';

let hall: TestHall;
beforeEach(async () => {
  hall = await startTestHall();
});
afterEach(async () => {
  await hall.cleanup();
});

describe('a storm of presses', () => {
  it('stores and answers every press, and screens get the newest state without the superseded ones', async () => {
    const screen = connectScreen(hall.controller.url, { name: 'storm' });
    await screen.nextState();
    const console = await connectConsole(hall.controller.url);
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        console.emitWithAck('activate', { key: String((i % 3) + 1) }),
      ),
    );
    const revisions = replies.map((r) => (r.ok ? r.data.revision : -1));
    expect(revisions).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const last = await screen.nextState((s) => s.revision === 30);
    expect(last.presentation?.themeKey).toBe(String((29 % 3) + 1));
    // Far fewer states than presses reached the screen, always in order, ending on the last.
    const seen = screen.states.map((s) => s.revision);
    expect(seen.length).toBeLessThan(30);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    // Every press is in the history, superseded or not.
    expect(hall.controller.hall.history(40).map((r) => r.revision)).toContain(15);
    screen.close();
    console.close();
  });

  it('sends a single press, and presses seconds apart, at once', async () => {
    const screen = connectScreen(hall.controller.url, { name: 'calm' });
    await screen.nextState();
    const console = await connectConsole(hall.controller.url);
    for (const key of ['1', '2']) {
      const reply = await console.emitWithAck('activate', { key });
      if (!reply.ok) throw new Error(reply.error);
      await screen.nextState((s) => s.revision === reply.data.revision);
      await sleep(150);
    }
    expect(screen.states.map((s) => s.revision)).toEqual([0, 1, 2]);
    screen.close();
    console.close();
  });
});
