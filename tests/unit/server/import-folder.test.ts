import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-controller/server/db/open';
import { allFileHashes, countPackVersions } from '../../../src-controller/server/db/packs-table';
import { FileStore } from '../../../src-controller/server/packs/file-store';
import { importPackFolder } from '../../../src-controller/server/packs/import-folder';
import { PackError } from '../../../src-controller/server/packs/pack-error';
import { writePackFolder } from '../../helpers/packs';

let root: string;
let db: Db;
let store: FileStore;

const storedFiles = () =>
  readdirSync(store.root)
    .filter((d) => d !== '.tmp')
    .flatMap((d) => readdirSync(join(store.root, d)));

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'hallcue-import-'));
  db = openDatabase(join(root, 'hallcue.db'));
  store = new FileStore(join(root, 'data'));
  await store.init();
});
afterEach(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

async function problemsOf(dir: string) {
  try {
    await importPackFolder(db, store, dir, 1);
  } catch (error) {
    expect(error).toBeInstanceOf(PackError);
    return (error as PackError).problems;
  }
  throw new Error('import unexpectedly succeeded');
}

describe('importPackFolder', () => {
  it('stores each file once by sha256 and records the version', async () => {
    const dir = writePackFolder(root, 'p', { id: 'alpha' });
    const result = await importPackFolder(db, store, dir, 1);
    expect(result.added).toBe(true);
    expect(countPackVersions(db)).toBe(1);
    expect([...allFileHashes(db)]).toEqual(storedFiles());
    // Same id and version again: nothing new.
    const again = await importPackFolder(db, store, dir, 2);
    expect(again).toMatchObject({ added: false, packVersionId: result.packVersionId });
    expect(storedFiles()).toHaveLength(1);
  });

  it('names the file when a referenced file is missing, and keeps nothing', async () => {
    const dir = writePackFolder(root, 'p', { id: 'alpha' });
    rmSync(join(dir, 'media', 'picture.png'));
    expect(await problemsOf(dir)).toEqual([
      { file: 'media/picture.png', reason: 'referenced by the manifest but not in the pack' },
    ]);
    expect(countPackVersions(db)).toBe(0);
    expect(storedFiles()).toEqual([]);
  });

  it('judges files by their bytes, not their names', async () => {
    const dir = writePackFolder(root, 'p', { id: 'alpha' });
    writeFileSync(join(dir, 'media', 'picture.png'), 'MZ this is not a picture');
    const [problem] = await problemsOf(dir);
    expect(problem).toEqual({
      file: 'media/picture.png',
      reason: 'is not a recognised image (checked its bytes)',
    });
  });

  it('refuses links, even to files inside the pack', async () => {
    const dir = writePackFolder(root, 'p', { id: 'alpha' });
    rmSync(join(dir, 'media', 'picture.png'));
    writeFileSync(join(root, 'outside.png'), 'x');
    symlinkSync(join(root, 'outside.png'), join(dir, 'media', 'picture.png'));
    const [problem] = await problemsOf(dir);
    expect(problem?.reason).toMatch(/is a link/);
  });

  it('names the manifest field and reason for schema errors', async () => {
    const dir = writePackFolder(root, 'p', { id: 'alpha' });
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        format: 'hallcue-pack/1',
        id: 'alpha',
        version: 'one',
        title: { zh: 'a', en: 'b' },
        roles: { main: { slides: [] } },
      }),
    );
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual({
      file: 'manifest.json',
      field: 'version',
      reason: 'must look like 1.0.0',
    });
    expect(problems).toContainEqual({
      file: 'manifest.json',
      field: 'roles.main.slides',
      reason: 'a role needs at least one slide',
    });
  });

  it('reports broken JSON with the parser message', async () => {
    const dir = writePackFolder(root, 'p', { id: 'alpha' });
    writeFileSync(join(dir, 'manifest.json'), '{ "id": ');
    const [problem] = await problemsOf(dir);
    expect(problem?.file).toBe('manifest.json');
    expect(problem?.reason).toMatch(/^not valid JSON: /);
  });
});

describe('FileStore.removeOrphans', () => {
  it('deletes stored files the database does not know and leftover temporary files', async () => {
    const dir = writePackFolder(root, 'p', { id: 'alpha' });
    const kept = await store.putFile(join(dir, 'media', 'picture.png'));
    writeFileSync(join(root, 'other.bin'), 'orphan');
    const orphan = await store.putFile(join(root, 'other.bin'));
    writeFileSync(join(store.root, '.tmp', 'half-written'), 'x');
    const removed = await store.removeOrphans(new Set([kept.sha256]));
    expect(removed).toBe(1);
    expect(storedFiles()).toEqual([kept.sha256]);
    expect(readdirSync(join(store.root, '.tmp'))).toEqual([]);
    expect(orphan.sha256).not.toBe(kept.sha256);
  });
});
