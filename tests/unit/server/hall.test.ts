import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHallState } from '../../../src-controller/server/db/hall-state-table';
import { openDatabase, type Db } from '../../../src-controller/server/db/open';
import { setTheme } from '../../../src-controller/server/db/themes-table';
import { Hall, UnknownThemeError } from '../../../src-controller/server/hall/hall';
import { FileStore } from '../../../src-controller/server/packs/file-store';
import { PageUrls } from '../../../src-controller/server/packs/page-urls';
import { importPath, writePackFolder } from '../../helpers/packs';
import { PAINT_MARGIN_MS } from '../../../src-controller/server/hall/lead-estimator';

let root: string;
let db: Db;
let now = 1_000_000;
const clock = () => now;
const pages = () => new PageUrls(db);

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'hallcue-hall-'));
  db = openDatabase(join(root, 'hallcue.db'));
  const store = new FileStore(join(root, 'data'));
  await store.init();
  const a = await importPath(db, store, writePackFolder(root, 'a', { id: 'alpha' }));
  const b = await importPath(db, store, writePackFolder(root, 'b', { id: 'beta', salt: 'b' }));
  setTheme(db, '1', a.packVersionId, 1);
  setTheme(db, '2', b.packVersionId, 1);
});
afterEach(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

describe('Hall', () => {
  it('starts idle at revision 0', () => {
    const hall = new Hall(db, clock, pages());
    expect(hall.current).toEqual({
      revision: 0,
      themeKey: null,
      startAt: 0,
      override: null,
      sharedRevision: 0,
    });
    expect(hall.stateFor('main')).toEqual({ revision: 0, startAt: 0, presentation: null });
  });

  it('writes the new state to SQLite before any listener broadcasts it', async () => {
    const hall = new Hall(db, clock, pages(), 120);
    const seenInDb: number[] = [];
    hall.onChange((state) => seenInDb.push(readHallState(db).revision, state.revision));
    now = 5000;
    expect(await hall.activate('2', 'test')).toEqual({ revision: 1, startAt: 5120 });
    expect(seenInDb).toEqual([1, 1]);
  });

  it('tells the screens first, once the state is in SQLite, before the switch record', async () => {
    const hall = new Hall(db, clock, pages(), 120);
    const order: string[] = [];
    // Registered first, yet told last: the record and its report wait until screens have it.
    hall.onChange((_state, record) => order.push(`record ${record.revision}`));
    hall.onScreensChange((state) =>
      order.push(`screens ${readHallState(db).revision}/${state.revision}`),
    );
    await hall.activate('2', 'test');
    expect(order).toEqual(['screens 1/1', 'record 1']);
  });

  it('increments the revision on every press, even of the same key', async () => {
    const hall = new Hall(db, clock, pages());
    await hall.activate('1', 'a');
    await hall.activate('1', 'b');
    expect(hall.current.revision).toBe(2);
    expect(hall.history().map((h) => h.requestedBy)).toEqual(['b', 'a']);
  });

  it('refuses keys without a theme and leaves the state alone', async () => {
    const hall = new Hall(db, clock, pages());
    await expect(hall.activate('7', 'x')).rejects.toThrow(UnknownThemeError);
    expect(readHallState(db).revision).toBe(0);
  });

  it('keeps showing the pack version that was switched to when the key is re-pointed', async () => {
    const hall = new Hall(db, clock, pages());
    await hall.activate('1', 'x');
    const before = hall.stateFor('main').presentation?.packId;
    const beta = db.prepare("SELECT id FROM pack_versions WHERE pack_id = 'beta'").get() as {
      id: number;
    };
    setTheme(db, '1', beta.id, 2);
    expect(hall.stateFor('main').presentation?.packId).toBe(before);
  });

  it('resumes from the database after a restart', async () => {
    await new Hall(db, clock, pages()).activate('2', 'x');
    const reopened = new Hall(db, clock, pages());
    expect(reopened.current).toMatchObject({ revision: 1, themeKey: '2' });
    expect(reopened.stateFor('main').presentation?.packId).toBe('beta');
  });
});

describe('adaptive lead', () => {
  it('learns from screens how long they take to get ready', async () => {
    const hall = new Hall(db, clock, pages());
    now = 10_000;
    const first = await hall.activate('1', 'x');
    expect(first.startAt - 10_000).toBe(250);
    // Five screens needed 600 ms from the press to be ready.
    for (let i = 0; i < 5; i++) hall.recordPresented(first.revision, `s${i}`, 10_700, 10_600);
    expect(hall.nextLeadMs).toBe(720 + PAINT_MARGIN_MS); // 600 * 1.2 + the paint margin
    now = 20_000;
    expect((await hall.activate('2', 'x')).startAt - 20_000).toBe(720 + PAINT_MARGIN_MS);
  });
});
