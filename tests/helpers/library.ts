import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src-controller/server/db/open';
import { FileStore } from '../../src-controller/server/packs/file-store';

export interface TempLibrary {
  root: string;
  db: Db;
  store: FileStore;
  close(): void;
}

/** A real SQLite file and file store in a fresh temporary folder. */
export async function openTempLibrary(prefix: string): Promise<TempLibrary> {
  const root = mkdtempSync(join(tmpdir(), `hallcue-${prefix}-`));
  const db = openDatabase(join(root, 'hallcue.db'));
  const store = new FileStore(join(root, 'data'));
  await store.init();
  return {
    root,
    db,
    store,
    close() {
      db.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The sha256 names of every file in a store folder (what is really on disk). */
export function storedFiles(storeRoot: string): string[] {
  return readdirSync(storeRoot)
    .filter((d) => d !== '.tmp')
    .flatMap((d) => readdirSync(join(storeRoot, d)));
}
