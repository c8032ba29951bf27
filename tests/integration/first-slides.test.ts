import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPackVersion } from '../../src-controller/server/db/packs-table';
import type { FirstSlide, PrefetchFile } from '../../src-shared/protocol';
import { connectConsole, connectScreen, type TestScreen } from '../helpers/clients';
import { startTestHall, type TestHall } from '../helpers/controller';
import { TINY_PNG, writePackFolder } from '../helpers/packs';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const picture = (salt: string) => Buffer.concat([TINY_PNG, Buffer.from(salt)]);

/** Key 1: a one-role pack; key 2: a pack whose left-wall screens open on their own picture. */
function writeHall(root: string): string {
  const dir = join(root, 'packs');
  writePackFolder(dir, '1-alpha', { id: 'alpha', salt: 'alpha' });
  const walls = join(dir, '2-walls');
  mkdirSync(join(walls, 'media'), { recursive: true });
  writeFileSync(join(walls, 'media', 'main.png'), picture('walls-main'));
  writeFileSync(join(walls, 'media', 'left.png'), picture('walls-left'));
  const slide = (src: string) => ({ type: 'image', src, duration: 5 });
  writeFileSync(
    join(walls, 'manifest.json'),
    JSON.stringify({
      format: 'hallcue-pack/1',
      id: 'walls',
      version: '1.0.0',
      title: { zh: '墙面', en: 'Walls' },
      roles: {
        main: { slides: [slide('media/main.png'), slide('media/left.png')] },
        left: { slides: [slide('media/left.png'), slide('media/main.png')] },
      },
    }),
  );
  return dir;
}

type Prefetch = { files: PrefetchFile[]; firstSlides?: FirstSlide[] };
const nextPrefetch = (screen: TestScreen) =>
  new Promise<Prefetch>((resolve) => screen.socket.once('prefetch', resolve));
const byKey = (p: Prefetch) =>
  Object.fromEntries((p.firstSlides ?? []).map((s) => [s.themeKey, s.media]));

let root: string;
let hall: TestHall;
const open: TestScreen[] = [];
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'hallcue-first-slides-'));
  hall = await startTestHall({ demoPacksDir: writeHall(root) });
});
afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  await hall.cleanup();
  rmSync(root, { recursive: true, force: true });
});

describe('first slides: what a screen keeps decoded ahead of any press', () => {
  it("lists each theme's first slide for the screen's role, and follows role and library changes", async () => {
    const screen = connectScreen(hall.controller.url, { name: 'wall' });
    open.push(screen);
    const first = await nextPrefetch(screen);
    const main = sha256(picture('walls-main'));
    const left = sha256(picture('walls-left'));
    const alpha = sha256(picture('alpha'));
    expect(byKey(first)).toEqual({
      '1': [{ sha256: alpha, kind: 'image' }],
      '2': [{ sha256: main, kind: 'image' }],
    });
    // Every first-slide file is on the list to fetch: a screen can hold, then decode it.
    const files = new Set(first.files.map((f) => f.sha256));
    expect([alpha, main, left].every((s) => files.has(s))).toBe(true);

    const console = await connectConsole(hall.controller.url);
    const { screenId } = await screen.welcome;
    const moved = nextPrefetch(screen);
    expect(await console.emitWithAck('updateScreen', { screenId, role: 'left' })).toEqual({
      ok: true,
      data: null,
    });
    // The pack has a left role: its own first picture. Key 1's pack has none: main's.
    expect(byKey(await moved)).toEqual({
      '1': [{ sha256: alpha, kind: 'image' }],
      '2': [{ sha256: left, kind: 'image' }],
    });

    const walls = findPackVersion(hall.controller.db, 'walls', '1.0.0');
    if (!walls) throw new Error('the walls pack was not imported');
    const published = nextPrefetch(screen);
    expect(
      await console.emitWithAck('publishTheme', { key: '3', packVersionId: walls.id }),
    ).toEqual({
      ok: true,
      data: null,
    });
    expect(byKey(await published)).toEqual({
      '1': [{ sha256: alpha, kind: 'image' }],
      '2': [{ sha256: left, kind: 'image' }],
      '3': [{ sha256: left, kind: 'image' }],
    });
    console.close();
  });
});
