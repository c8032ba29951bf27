import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SavedState } from '../../../src-main/ipc-contract';
import { STATE_FILE, StateStore } from '../../../src-main/state-store';

const saved = (revision: number): SavedState => ({
  hallId: 'hall-1',
  offsetMs: -42.5,
  state: {
    revision,
    startAt: 1_700_000_000_000,
    presentation: {
      themeKey: 'a',
      packId: 'demo',
      packVersion: '1',
      title: { zh: '演示', en: 'Demo' },
      slides: [
        { type: 'image', url: '/files/abc', fit: 'cover', durationMs: 5000, transition: 'fade' },
      ],
    },
  },
});

describe('StateStore', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hallcue-state-'));
    file = join(dir, STATE_FILE);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns null when nothing was saved', async () => {
    expect(await new StateStore(file).load('left')).toBeNull();
  });

  it('keeps the state and clock offset per screen across instances', async () => {
    const store = new StateStore(file, () => 99);
    await store.save('left', saved(3));
    await store.save('right', { ...saved(4), state: { ...saved(4).state, presentation: null } });
    const reopened = new StateStore(file);
    expect(await reopened.load('left')).toEqual(saved(3));
    expect((await reopened.load('right'))?.state.presentation).toBeNull();
    expect(await reopened.load('other')).toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8')).screens.left.savedAt).toBe(99);
  });

  it('forgets a screen saved as null', async () => {
    const store = new StateStore(file);
    await store.save('left', saved(1));
    await store.save('left', null);
    expect(await new StateStore(file).load('left')).toBeNull();
  });

  it('applies overlapping saves in call order and leaves no temp files', async () => {
    const store = new StateStore(file);
    await Promise.all([1, 2, 3, 4, 5].map((revision) => store.save('left', saved(revision))));
    expect((await new StateStore(file).load('left'))?.state.revision).toBe(5);
    expect(readdirSync(dir)).toEqual([STATE_FILE]);
  });

  it.each([
    ['not JSON', '{"version":1,"scr'],
    ['empty', ''],
    ['another format', JSON.stringify({ version: 2, screens: {} })],
    ['a JSON array', '[]'],
  ])('returns null for a corrupt file (%s)', async (_label, text) => {
    writeFileSync(file, text);
    expect(await new StateStore(file).load('left')).toBeNull();
  });

  it('drops an invalid entry but keeps valid ones', async () => {
    const bad = { ...saved(1), state: { revision: -1, startAt: 0, presentation: null } };
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        screens: { left: { ...bad, savedAt: 1 }, right: { ...saved(2), savedAt: 1 } },
      }),
    );
    const store = new StateStore(file);
    expect(await store.load('left')).toBeNull();
    expect((await store.load('right'))?.state.revision).toBe(2);
  });

  it('can save over a corrupt file', async () => {
    writeFileSync(file, 'garbage');
    const store = new StateStore(file);
    await store.save('left', saved(7));
    expect((await new StateStore(file).load('left'))?.state.revision).toBe(7);
  });
});
