import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../../src-controller/server/db/checkpointer';
import { openDatabase, type Db } from '../../../src-controller/server/db/open';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallcue-checkpointer-'));
  db = openDatabase(join(dir, 'hallcue.db'));
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes about `pages` 4 KiB pages' worth of rows, a commit per 100 rows. */
function write(pages: number) {
  const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
  const batch = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run('x'.repeat(4000));
  });
  for (let done = 0; done < pages; done += 100) batch(100);
}

const autocheckpoint = () => db.pragma('wal_autocheckpoint', { simple: true });

describe('the checkpoint thread', () => {
  it('takes checkpoints off the connection that commits, and copies the log into the file', async () => {
    const copied: number[] = [];
    const checkpointer = startCheckpointer(
      db,
      { checkpointed: ({ checkpointed }) => copied.push(checkpointed) },
      { intervalMs: 50 },
    );
    try {
      expect(autocheckpoint()).toBe(0);
      // Well past SQLite's 1,000 pages: with its default, these commits would have checkpointed.
      write(1500);
      const fileBefore = statSync(join(dir, 'hallcue.db')).size;
      await expect.poll(() => copied.some((pages) => pages >= 1500), { timeout: 5000 }).toBe(true);
      // The rows are in the database file itself now, not only in the log.
      expect(statSync(join(dir, 'hallcue.db')).size).toBeGreaterThan(fileBefore + 1500 * 4000);
    } finally {
      await checkpointer.stop();
    }
    expect(db.prepare('SELECT COUNT(*) AS n FROM filler').get()).toEqual({ n: 1500 });
  });

  it('gives checkpoints back to the connection when its thread cannot run', async () => {
    const failures: string[] = [];
    const checkpointer = startCheckpointer(
      db,
      { failed: (reason) => failures.push(reason) },
      { intervalMs: 50, driver: join(dir, 'no-such-driver.js') },
    );
    await expect.poll(() => failures.length, { timeout: 5000 }).toBe(1);
    expect(failures[0]).toMatch(/no-such-driver/);
    expect(autocheckpoint()).toBe(1000);
    await checkpointer.stop();
  });

  it('keeps the process alive until its thread has stopped', () => {
    // The controller stops the thread last, when nothing else may be left to wait for: the
    // process must not end there, before the connection is closed.
    const script = join(dir, 'stop.ts');
    const module = join(import.meta.dirname, '../../../src-controller/server/db/checkpointer.ts');
    const open = join(import.meta.dirname, '../../../src-controller/server/db/open.ts');
    writeFileSync(
      script,
      `import { startCheckpointer } from ${JSON.stringify(module)};
       import { openDatabase } from ${JSON.stringify(open)};
       const db = openDatabase(${JSON.stringify(join(dir, 'other.db'))});
       const checkpointer = startCheckpointer(db);
       void checkpointer.stop().then(() => { db.close(); console.log('closed after stop'); });`,
    );
    const output = execFileSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(output).toContain('closed after stop');
  });

  it('starts nothing for a database in memory', async () => {
    const memory = openDatabase(':memory:');
    try {
      const checkpointer = startCheckpointer(memory);
      expect(memory.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      await checkpointer.stop();
    } finally {
      memory.close();
    }
  });
});
