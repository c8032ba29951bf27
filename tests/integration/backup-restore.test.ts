import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startController } from '../../src-controller/server/controller';
import { silentLogger } from '../../src-controller/server/logger';
import { backupHall, restoreHall } from '../../src-controller/server/ops/backup';
import { connectConsole, connectScreen, loginCookie } from '../helpers/clients';
import { runHallcue } from '../helpers/cli';
import { startTestHall, type TestHall } from '../helpers/controller';

let hall: TestHall;
let scratch: string;
beforeEach(async () => {
  hall = await startTestHall();
  scratch = mkdtempSync(join(tmpdir(), 'hallcue-backup-'));
});
afterEach(async () => {
  await hall.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The hall state and the newest press in a database file, read directly. */
function stateIn(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  try {
    const state = db.prepare('SELECT revision, theme_key AS themeKey FROM hall_state').get() as {
      revision: number;
      themeKey: string | null;
    };
    const newest = db.prepare('SELECT max(revision) AS r FROM switches').get() as { r: number };
    return { ...state, newestSwitch: newest.r };
  } finally {
    db.close();
  }
}

describe('hallcue backup and restore', () => {
  it('round-trips a running hall, consistent while presses keep coming', async () => {
    const console = await connectConsole(hall.controller.url);
    for (const key of ['1', '2']) await console.emitWithAck('activate', { key });
    const before = hall.controller.hall.current.revision;

    // Presses keep arriving while the backup runs: the copy must still be one point in time.
    let pressing = true;
    const presses = (async () => {
      let n = 0;
      while (pressing) await console.emitWithAck('activate', { key: String((n++ % 3) + 1) });
    })();
    const out = join(scratch, 'backup-1');
    const { manifest } = await backupHall(hall.dataDir, out);
    pressing = false;
    await presses;

    expect(manifest.files.count).toBeGreaterThanOrEqual(3);
    const saved = stateIn(join(out, 'hallcue.db'));
    expect(saved.revision).toBeGreaterThanOrEqual(before);
    expect(saved.newestSwitch).toBe(saved.revision);

    const restoredDir = join(scratch, 'restored');
    const result = await restoreHall(restoredDir, out);
    expect(result.previous).toBeNull();
    const restored = await startController({
      dataDir: restoredDir,
      port: 0,
      host: '127.0.0.1',
      demoPacksDir: null,
      logger: silentLogger(),
    });
    try {
      expect(restored.hall.current.revision).toBe(saved.revision);
      expect(restored.hall.current.themeKey).toBe(saved.themeKey);
      // A screen on the restored hall gets the same presentation, and its files are all there.
      const screen = connectScreen(restored.url, { name: 'after-restore' });
      const state = await screen.nextState();
      expect(state.revision).toBe(saved.revision);
      const urls = JSON.stringify(state.presentation).match(/\/files\/[0-9a-f]{64}/g) ?? [];
      expect(urls.length).toBeGreaterThan(0);
      // The accounts came back too: the backed-up administrator reads the files.
      const cookie = await loginCookie(restored.url);
      for (const url of urls) {
        const res = await fetch(`${restored.url}${url}`, { headers: { cookie } });
        const body = Buffer.from(await res.arrayBuffer());
        expect(sha256(body)).toBe(url.slice('/files/'.length));
      }
      screen.close();
    } finally {
      await restored.close();
    }
    console.close();
  });

  it("refuses to restore over a running hall's data directory without --force", async () => {
    const out = join(scratch, 'backup-2');
    await backupHall(hall.dataDir, out);
    await expect(restoreHall(hall.dataDir, out)).rejects.toThrow(
      new RegExp(
        `a controller \\(process ${process.pid}, port ${hall.controller.port}\\) is serving`,
      ),
    );
    await hall.controller.close();
    // Stopped, it still holds a hall: replacing it needs --force, and keeps the old data beside.
    await expect(restoreHall(hall.dataDir, out)).rejects.toThrow(/already holds a hall/);
    const result = await restoreHall(hall.dataDir, out, { force: true });
    expect(result.previous).not.toBeNull();
    expect(existsSync(join(result.previous!, 'hallcue.db'))).toBe(true);
  });

  it('verifies every file hash and changes nothing when a backup is damaged', async () => {
    const out = join(scratch, 'backup-3');
    await backupHall(hall.dataDir, out);
    const stored = readdirSync(join(out, 'files'), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name));
    const victim = stored[0]!;
    const bytes = readFileSync(victim);
    bytes[0] = bytes[0]! ^ 0xff;
    writeFileSync(victim, bytes);
    const target = join(scratch, 'never-written');
    await expect(restoreHall(target, out)).rejects.toThrow(/pack file [0-9a-f]{64} is damaged/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(scratch).filter((n) => n.includes('restoring'))).toEqual([]);
  });

  it('refuses to back up into an existing folder or from a folder with no hall', async () => {
    await expect(backupHall(hall.dataDir, scratch)).rejects.toThrow(/already exists/);
    await expect(backupHall(join(scratch, 'nothing'), join(scratch, 'b'))).rejects.toThrow(
      /no HallCue data/,
    );
  });

  it('works from the command line', { timeout: 90_000 }, async () => {
    const out = join(scratch, 'cli-backup');
    const backup = await runHallcue(['backup', '--data', hall.dataDir, '--out', out]);
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(/Backed up .* \d+ pack files/);
    const refused = await runHallcue(['restore', '--data', hall.dataDir, '--from', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is serving .*stop it first, or pass --force/);
    const target = join(scratch, 'cli-restored');
    const restore = await runHallcue(['restore', '--data', target, '--from', out]);
    expect(restore.stdout).toMatch(/Restored \d+ pack files/);
    expect(stateIn(join(target, 'hallcue.db')).revision).toBe(
      hall.controller.hall.current.revision,
    );
  });
});
