import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../src-controller/server/db/audit-table';
import type { Db } from '../../../src-controller/server/db/open';
import {
  allFileHashes,
  getPackVersion,
  packVersionFiles,
} from '../../../src-controller/server/db/packs-table';
import { recentSwitches } from '../../../src-controller/server/db/switches-table';
import { getTheme } from '../../../src-controller/server/db/themes-table';
import { insertZone } from '../../../src-controller/server/db/zones-table';
import { Hall } from '../../../src-controller/server/hall/hall';
import type { FileStore } from '../../../src-controller/server/packs/file-store';
import {
  deletePackVersion,
  LibraryError,
  publishTheme,
  rollbackTheme,
} from '../../../src-controller/server/packs/library';
import { PageUrls } from '../../../src-controller/server/packs/page-urls';
import { openTempLibrary, type TempLibrary } from '../../helpers/library';
import { importPath, TINY_PNG } from '../../helpers/packs';
import { writeZip } from '../../helpers/zip';

let root: string;
let db: Db;
let store: FileStore;

/** Bytes of a valid PNG that differ from every other `png(tag)`. */
const png = (tag: string) => Buffer.concat([TINY_PNG, Buffer.from(tag)]);

/**
 * Imports version `version` of pack `id` with two images: `shared.png` (the same bytes in every
 * version) and `own.png` (bytes of its own). Returns the pack version id.
 */
async function importVersion(id: string, version: string): Promise<number> {
  const manifest = {
    format: 'hallcue-pack/1',
    id,
    version,
    title: { zh: `主题 ${id} ${version}`, en: `Theme ${id} ${version}` },
    description: { zh: '测试', en: 'Test' },
    roles: {
      main: {
        slides: [
          { type: 'image', src: 'media/shared.png', duration: 5 },
          { type: 'image', src: 'media/own.png', duration: 5 },
        ],
      },
    },
  };
  const zip = writeZip(join(root, `${id}-${version}.zip`), [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) },
    { name: 'media/shared.png', data: png('shared') },
    { name: 'media/own.png', data: png(`${id}-${version}`) },
  ]);
  return (await importPath(db, store, zip)).packVersionId;
}

/** The error `run` throws (sync or async); fails the test if it throws nothing. */
async function errorOf(run: () => unknown): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, but the call succeeded');
}

const shaOf = (versionId: number, path: string) => {
  const file = packVersionFiles(db, versionId).get(path);
  if (!file) throw new Error(`version ${versionId} has no ${path}`);
  return file.sha256;
};

let library: TempLibrary;
beforeEach(async () => {
  library = await openTempLibrary('library');
  ({ root, db, store } = library);
});
afterEach(() => library.close());

describe('publishTheme', () => {
  it('points the key at the version and writes one theme.publish audit entry', async () => {
    const v1 = await importVersion('alpha', '1.0.0');
    const version = publishTheme(db, '1', v1, 'curator', 1234);
    expect(version).toMatchObject({ id: v1, packId: 'alpha', version: '1.0.0' });
    expect(getTheme(db, '1')).toEqual({ key: '1', packVersionId: v1, updatedAt: 1234 });
    const entries = recentAudit(db, 10, 'theme.publish');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      at: 1234,
      actor: 'curator',
      action: 'theme.publish',
      detail: { key: '1', packVersionId: v1, previousPackVersionId: null },
    });
  });

  it('records the version the key had before', async () => {
    const v1 = await importVersion('alpha', '1.0.0');
    const v2 = await importVersion('alpha', '1.1.0');
    publishTheme(db, '3', v1, 'curator', 1);
    publishTheme(db, '3', v2, 'curator', 2);
    expect(recentAudit(db, 1, 'theme.publish')[0]?.detail).toEqual({
      key: '3',
      packVersionId: v2,
      previousPackVersionId: v1,
    });
  });

  it('refuses a key that is not a digit 1-9 and a version that does not exist', async () => {
    const v1 = await importVersion('alpha', '1.0.0');
    const badKey = await errorOf(() => publishTheme(db, '0', v1, 'curator'));
    expect(badKey).toBeInstanceOf(LibraryError);
    expect(badKey.message).toBe('theme key must be one of the digits 1 to 9, not "0"');
    const badVersion = await errorOf(() => publishTheme(db, '1', 999, 'curator'));
    expect(badVersion).toBeInstanceOf(LibraryError);
    expect(badVersion.message).toBe('no pack version with id 999');
    expect(getTheme(db, '1')).toBeUndefined();
    expect(recentAudit(db, 10, 'theme.publish')).toEqual([]);
  });
});

describe('rollbackTheme', () => {
  it('returns to the previous version, and rolling back twice returns to the start', async () => {
    const v1 = await importVersion('alpha', '1.0.0');
    const v2 = await importVersion('alpha', '1.1.0');
    publishTheme(db, '2', v1, 'curator', 10);
    publishTheme(db, '2', v2, 'curator', 20);

    const back = rollbackTheme(db, '2', 'operator', 30);
    expect(back?.id).toBe(v1);
    expect(getTheme(db, '2')?.packVersionId).toBe(v1);
    expect(recentAudit(db, 1, 'theme.rollback')[0]).toMatchObject({
      actor: 'operator',
      at: 30,
      detail: { key: '2', packVersionId: v1, previousPackVersionId: v2 },
    });

    const forward = rollbackTheme(db, '2', 'operator', 40);
    expect(forward?.id).toBe(v2);
    expect(getTheme(db, '2')?.packVersionId).toBe(v2);
  });

  it('only looks at the history of its own key', async () => {
    const v1 = await importVersion('alpha', '1.0.0');
    const v2 = await importVersion('alpha', '1.1.0');
    const b = await importVersion('beta', '1.0.0');
    publishTheme(db, '1', v1, 'curator', 1);
    publishTheme(db, '1', v2, 'curator', 2);
    publishTheme(db, '5', b, 'curator', 3);
    expect(rollbackTheme(db, '1', 'operator', 4)?.id).toBe(v1);
    expect(getTheme(db, '5')?.packVersionId).toBe(b);
  });

  it('explains why when there is nothing to roll back to', async () => {
    const v1 = await importVersion('alpha', '1.0.0');
    const never = await errorOf(() => rollbackTheme(db, '7', 'operator'));
    expect(never).toBeInstanceOf(LibraryError);
    expect(never.message).toBe('theme 7 has never been published');

    publishTheme(db, '7', v1, 'curator', 1);
    const first = await errorOf(() => rollbackTheme(db, '7', 'operator'));
    expect(first).toBeInstanceOf(LibraryError);
    expect(first.message).toBe('theme 7 has no earlier version to roll back to');
    expect(getTheme(db, '7')?.packVersionId).toBe(v1);
    expect(recentAudit(db, 10, 'theme.rollback')).toEqual([]);
  });

  it('still finds a key’s history after many publishes to other keys', async () => {
    const v1 = await importVersion('alpha', '1.0.0');
    const v2 = await importVersion('alpha', '1.1.0');
    publishTheme(db, '1', v1, 'curator', 1);
    publishTheme(db, '1', v2, 'curator', 2);
    for (let i = 0; i < 500; i++) publishTheme(db, '2', i % 2 ? v1 : v2, 'curator', 3);
    expect(rollbackTheme(db, '1', 'operator', 4)?.id).toBe(v1);
  });

  it('refuses to roll back to a version that has since been deleted', async () => {
    const v1 = await importVersion('alpha', '1.0.0');
    const v2 = await importVersion('alpha', '1.1.0');
    publishTheme(db, '4', v1, 'curator', 1);
    publishTheme(db, '4', v2, 'curator', 2);
    await deletePackVersion(db, store, v1, 'curator', 3);
    const error = await errorOf(() => rollbackTheme(db, '4', 'operator'));
    expect(error).toBeInstanceOf(LibraryError);
    expect(error.message).toBe('the version theme 4 had before was deleted');
    expect(getTheme(db, '4')?.packVersionId).toBe(v2);
  });
});

describe('deletePackVersion', () => {
  it('refuses a version a theme uses, naming the theme key', async () => {
    const v1 = await importVersion('alpha', '1.0.0');
    publishTheme(db, '6', v1, 'curator', 1);
    publishTheme(db, '8', v1, 'curator', 1);
    const error = await errorOf(() => deletePackVersion(db, store, v1, 'curator'));
    expect(error).toBeInstanceOf(LibraryError);
    expect(error.message).toBe(
      'alpha 1.0.0 is used by theme 6, 8; publish another version there first',
    );
    expect(getPackVersion(db, v1)).toBeDefined();
    expect(existsSync(store.pathOf(shaOf(v1, 'media/own.png')))).toBe(true);
  });

  it('refuses the version on screen, even when no theme points at it any more', async () => {
    const v1 = await importVersion('alpha', '1.0.0');
    const v2 = await importVersion('alpha', '1.1.0');
    const hall = new Hall(db, () => 1000, new PageUrls(db));
    publishTheme(db, '1', v1, 'curator', 1);
    await hall.activate('1', 'operator');
    publishTheme(db, '1', v2, 'curator', 2);

    const error = await errorOf(() => deletePackVersion(db, store, v1, 'curator'));
    expect(error).toBeInstanceOf(LibraryError);
    expect(error.message).toBe('alpha 1.0.0 is on screen now; switch the hall first');
    expect(getPackVersion(db, v1)).toBeDefined();
    expect(hall.stateFor('main').presentation?.packVersion).toBe('1.0.0');
  });

  it('refuses the version a zone shows on its own', async () => {
    const v1 = await importVersion('alpha', '1.0.0');
    const v2 = await importVersion('alpha', '1.1.0');
    const hall = new Hall(db, () => 1000, new PageUrls(db));
    insertZone(db, 'zfoyer', 'Foyer', 1);
    publishTheme(db, '1', v1, 'curator', 1);
    await hall.activate('1', 'operator', 'zfoyer');
    publishTheme(db, '1', v2, 'curator', 2);

    const error = await errorOf(() => deletePackVersion(db, store, v1, 'curator'));
    expect(error).toBeInstanceOf(LibraryError);
    expect(error.message).toBe(
      'alpha 1.0.0 is on screen in zone Foyer now; switch that zone first',
    );
    expect(hall.stateFor('main', 'zfoyer').presentation?.packVersion).toBe('1.0.0');
  });

  it('refuses an unknown version id', async () => {
    const error = await errorOf(() => deletePackVersion(db, store, 4242, 'curator'));
    expect(error).toBeInstanceOf(LibraryError);
    expect(error.message).toBe('no pack version with id 4242');
  });

  it('frees the files only it used, from the store and the files table', async () => {
    const v1 = await importVersion('alpha', '1.0.0');
    const v2 = await importVersion('alpha', '1.1.0');
    const shared = shaOf(v1, 'media/shared.png');
    const ownV1 = shaOf(v1, 'media/own.png');
    const ownV2 = shaOf(v2, 'media/own.png');
    expect(shaOf(v2, 'media/shared.png')).toBe(shared);
    expect([...allFileHashes(db)].sort()).toEqual([shared, ownV1, ownV2].sort());

    const freed = await deletePackVersion(db, store, v1, 'curator', 99);
    expect(freed).toBe(1);
    expect(getPackVersion(db, v1)).toBeUndefined();
    expect(existsSync(store.pathOf(ownV1))).toBe(false);
    expect(existsSync(store.pathOf(shared))).toBe(true);
    expect(existsSync(store.pathOf(ownV2))).toBe(true);
    expect([...allFileHashes(db)].sort()).toEqual([shared, ownV2].sort());
    expect(packVersionFiles(db, v2).size).toBe(2);
    expect(recentAudit(db, 1, 'pack.delete')[0]).toMatchObject({
      at: 99,
      actor: 'curator',
      detail: { packId: 'alpha', version: '1.0.0', packVersionId: v1, freedFiles: 1 },
    });
  });

  it('frees the shared file too once the last version using it is gone', async () => {
    const v1 = await importVersion('alpha', '1.0.0');
    const v2 = await importVersion('alpha', '1.1.0');
    const shared = shaOf(v1, 'media/shared.png');
    expect(await deletePackVersion(db, store, v1, 'curator')).toBe(1);
    expect(await deletePackVersion(db, store, v2, 'curator')).toBe(2);
    expect(existsSync(store.pathOf(shared))).toBe(false);
    expect(allFileHashes(db).size).toBe(0);
    // The pack itself goes with its last version.
    expect(db.prepare('SELECT count(*) AS n FROM packs').get()).toEqual({ n: 0 });
  });

  it('keeps switch history rows, with the pack version set to NULL', async () => {
    const v1 = await importVersion('alpha', '1.0.0');
    const b = await importVersion('beta', '1.0.0');
    const hall = new Hall(db, () => 5000, new PageUrls(db));
    publishTheme(db, '1', v1, 'curator', 1);
    publishTheme(db, '2', b, 'curator', 1);
    await hall.activate('1', 'operator');
    await hall.activate('2', 'operator');
    publishTheme(db, '1', b, 'curator', 2);

    await deletePackVersion(db, store, v1, 'curator');
    const switches = recentSwitches(db, 10);
    expect(switches.map((s) => [s.revision, s.themeKey, s.packVersionId])).toEqual([
      [2, '2', b],
      [1, '1', null],
    ]);
    // History still reads; the deleted version's title falls back to the key.
    expect(hall.history().map((r) => [r.revision, r.themeTitle.en])).toEqual([
      [2, 'Theme beta 1.0.0'],
      [1, '1'],
    ]);
  });
});
