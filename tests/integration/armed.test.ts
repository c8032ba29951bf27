import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrefetchFile, ThemeSummary } from '../../src-shared/protocol';
import { connectConsole, connectScreen, type TestScreen } from '../helpers/clients';
import { startTestHall, type TestHall } from '../helpers/controller';

let hall: TestHall;
const open: TestScreen[] = [];
beforeEach(async () => {
  hall = await startTestHall();
});
afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  await hall.cleanup();
});

function prefetchOf(screen: TestScreen) {
  return new Promise<PrefetchFile[]>((resolve) =>
    screen.socket.once('prefetch', ({ files }) => resolve(files)),
  );
}

describe('armed: which screens hold each theme', () => {
  it('tells approved screens what to fetch and counts who holds each theme', async () => {
    const console = await connectConsole(hall.controller.url);
    const a = connectScreen(hall.controller.url, { name: 'a' });
    const b = connectScreen(hall.controller.url, { name: 'b' });
    open.push(a, b);
    const [filesA] = await Promise.all([prefetchOf(a), prefetchOf(b)]);
    // Three demo packs with one distinct image each.
    expect(filesA).toHaveLength(3);
    expect(filesA.every((f) => /^[0-9a-f]{64}$/.test(f.sha256) && f.size > 0)).toBe(true);

    const themes = (predicate: (t: ThemeSummary[]) => boolean) =>
      new Promise<ThemeSummary[]>((resolve) => {
        console.on('library', ({ themes: list }) => {
          if (predicate(list)) resolve(list);
        });
      });

    const all = filesA.map((f) => f.sha256);
    const oneArmed = themes((list) => list.some((t) => t.armed.ready === 2));
    a.socket.emit('holding', { files: all });
    b.socket.emit('holding', { files: all.slice(0, 1) });
    const list = await oneArmed;
    const counts = list.map((t) => `${t.key}:${t.armed.ready}/${t.armed.total}`).sort();
    // Exactly one theme's file is held by both screens; the others only by screen a.
    expect(counts.filter((c) => c.endsWith('2/2'))).toHaveLength(1);
    expect(counts.filter((c) => c.endsWith('1/2'))).toHaveLength(2);
    console.close();
  });

  it('refuses a holding report that is not a list of sha256 digests', async () => {
    const s = connectScreen(hall.controller.url, { name: 'fuzzy' });
    open.push(s);
    await s.nextState();
    const reply = await new Promise<unknown>((resolve) =>
      (s.socket as unknown as { emit: (...a: unknown[]) => void }).emit(
        'holding',
        { files: ['not-a-hash'] },
        resolve,
      ),
    );
    expect(reply).toEqual({
      ok: false,
      error: 'holding: files.0: must be a sha256 hex digest',
    });
  });
});
